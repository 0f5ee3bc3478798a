"""adhikar serve: run the API (the same as `make run`)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from service.cli.common import add_rules_dir


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "serve", help="serve the API", description="Serve the eligibility API with uvicorn.")
    parser.add_argument("--host", default=None, help="default: ADHIKAR_HOST or 127.0.0.1")
    parser.add_argument("--port", type=int, default=None, help="default: ADHIKAR_PORT or 8000")
    parser.add_argument("--log-format", choices=("text", "json"), default=None,
                        help="default: ADHIKAR_LOG_FORMAT or text")
    parser.add_argument("--watch", action="store_true",
                        help="reload the rules when a rule file changes")
    add_rules_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    os.environ["ADHIKAR_RULES_DIR"] = str(args.rules_dir.resolve())
    if args.watch:
        os.environ["ADHIKAR_WATCH_RULES"] = "true"
    for name, value in (("HOST", args.host), ("PORT", args.port),
                        ("LOG_FORMAT", args.log_format)):
        if value is not None:
            os.environ[f"ADHIKAR_{name}"] = str(value)
    # The server runs in its own process image (api.serve: uvicorn with the logging
    # configuration, proxy and limit settings), so that service never imports api.
    os.execv(sys.executable, [sys.executable, "-m", "api.serve"])
    return 0  # not reached: execv replaces this process
