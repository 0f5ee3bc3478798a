"""Long commands draw progress on a terminal, and nothing when piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

TINY = Path(__file__).resolve().parent.parent / "service" / "rules" / "tiny"
COMMAND = [sys.executable, "-m", "service.cli", "test", str(TINY)]


def test_progress_is_drawn_on_a_terminal() -> None:
    main, side = pty.openpty()
    proc = subprocess.Popen(COMMAND, stdout=subprocess.PIPE, stderr=side,
                            env=os.environ | {"TERM": "xterm", "COLUMNS": "100"})
    os.close(side)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the command ended and the terminal closed
            break
        if not chunk:
            break
        drawn += chunk
    out = proc.communicate(timeout=300)[0].decode()
    os.close(main)
    assert b"examples" in drawn and b"\x1b[" in drawn
    assert "passed" in out and "\x1b[" not in out  # stdout stays plain


def test_nothing_is_drawn_when_piped() -> None:
    done = subprocess.run(COMMAND, capture_output=True, text=True, timeout=300)
    assert "examples" not in done.stderr and "\x1b[" not in done.stderr
    assert done.stderr.startswith("adhikar: rules from ")
