"""Screenings, claims and API keys: SQLModel tables and the queries over them.

Nothing here imports ``api``; functions take a ``Session``, the caller's organisation (None
for an admin, who sees every organisation) and the time (``now``/``today``), and commit.
"""
