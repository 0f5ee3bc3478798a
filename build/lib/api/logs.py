"""Logs carry no case data: the access log's query strings (``?case_ref=...``) are cut."""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"


class HideQuery(logging.Filter):
    """uvicorn logs ``(client, method, full_path, http_version, status)``; keep the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) \
                and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0] + "?...", *args[3:])
        return True


def hide_query_strings() -> None:
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, HideQuery) for f in logger.filters):
        logger.addFilter(HideQuery())
