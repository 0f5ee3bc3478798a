"""adhikar serve: run the API (the same as `make run`)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from service.cli.common import add_rules_dir

# The same in `make run` and the Dockerfile (a test checks): no `server` header naming the
# software; idle keep-alive connections closed after 5 s; at most 100 connections at once,
# the rest answered 503 at once rather than queued; 30 s for requests in flight on SIGTERM.
UVICORN_FLAGS = ("--no-server-header", "--timeout-keep-alive", "5",
                 "--limit-concurrency", "100", "--timeout-graceful-shutdown", "30")


def configure(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "serve", help="serve the API", description="Serve the eligibility API with uvicorn.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--watch", action="store_true",
                        help="reload the rules when a rule file changes")
    add_rules_dir(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    os.environ["ADHIKAR_RULES_DIR"] = str(args.rules_dir.resolve())
    if args.watch:
        os.environ["ADHIKAR_WATCH_RULES"] = "true"
    # uvicorn runs the app factory named by a string in its own process image, so that
    # service never imports api (nor the web server).
    command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
               "--host", args.host, "--port", str(args.port), *UVICORN_FLAGS]
    os.execv(sys.executable, command)
    return 0  # not reached: execv replaces this process
