"""Compensation routes for one case: every road to compensation the rule files give, whether
each is open, what opens it, who decides and pays, the amounts, the dates, how the roads
interact, and what to do next. Pure, like ``service.engine``: the caller passes the date.
"""
