"""Compensation routes for one case: every road to compensation the rule files give, whether
each is open, what opens it, who decides and pays, the amounts, the dates, how the roads
interact, and what to do next; and, from that answer, the memo and the paralegal's one-page
brief, in the language of the ``Words`` given. Pure, like ``service.engine``: the caller
passes the date. Only ``render`` reaches outside, for the fonts WeasyPrint prints with.
"""
