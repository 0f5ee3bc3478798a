"""Alembic's entry point, on the SQLModel tables of service/store/tables.py.

Run from the service (``service.store.database.upgrade`` hands over its connection) or by
hand with ``alembic upgrade head`` (the URL comes from DATABASE_URL).
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlmodel import SQLModel

from service.store import tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from service.store.database import default_url, make_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(url=os.environ.get("DATABASE_URL") or default_url(),
                      target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    engine = make_engine(os.environ.get("DATABASE_URL") or default_url())
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
