"""The logging configuration handed to uvicorn: the app's INFO lines appear, each line names
its request id, access lines lose their query strings, and JSON lines are one setting away
(ADHIKAR_LOG_FORMAT=json). Messages are written to carry no case data; see api/logs.py."""

from __future__ import annotations

from typing import Any, Literal

LogFormat = Literal["text", "json"]
TEXT = "%(asctime)s %(levelname)s [%(name)s] [%(correlation_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(correlation_id)s %(message)s"


def log_config(fmt: LogFormat = "text", level: str = "INFO") -> dict[str, Any]:
    formatter: dict[str, Any] = (
        {"()": "pythonjsonlogger.json.JsonFormatter", "fmt": JSON_FIELDS,
         "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger",
                           "correlation_id": "request_id"}}
        if fmt == "json" else {"format": TEXT})
    handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
               "formatter": "main", "filters": ["request_id"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "asgi_correlation_id.CorrelationIdFilter", "uuid_length": 32,
                           "default_value": "-"},
            "hide_query": {"()": "api.logs.HideQuery"},
        },
        "formatters": {"main": formatter},
        "handlers": {"main": handler},
        "loggers": {
            "adhikar": {"level": level, "handlers": ["main"], "propagate": False},
            "uvicorn": {"level": level, "handlers": ["main"], "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"level": level, "handlers": ["main"], "propagate": False,
                               "filters": ["hide_query"]},
        },
        "root": {"level": "WARNING", "handlers": ["main"]},
    }
