"""A shared part of an answer written while a collection runs another thread's code.

orjson reads a result's ``__dict__`` to write it. On CPython 3.11, if the instance had none yet,
making it allocates, the allocation can start a collection, and a finaliser run by it can let
another thread ask for the same instance's ``__dict__``: two dicts then share its values, one is
freed with the object and the next collection walks the other into freed memory (the worker
crashed so in the API tests). Here a finaliser asks in the same thread, so the interleaving
happens every time rather than once in many runs. It runs in its own interpreter, because what it
guards against kills the process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import gc

    import orjson

    from service.engine.result import OfficeName, Reason, StepResult

    shared = None

    class Finaliser:
        def __init__(self):
            self.cycle = self  # only a collection frees it
        def __del__(self):
            if shared is not None:
                shared[0].__dict__  # as another thread writing the same parts would

    for i in range(500):
        reason = Reason(clause="age < 18", cite="JJ Act s.2(12)", value=True,
                        seen={"age": i}, unknown=[], explanation="she is a child")
        step = StepResult(action="apply", office=OfficeName(id="dlsa", name="DLSA"))
        shared = [reason, step]
        spare = [{} for _ in range(100)]  # empties the free list: the next dict is allocated
        Finaliser()
        gc.set_threshold(1)  # every allocation starts a collection
        orjson.dumps(shared)
        gc.set_threshold(700)
        shared = spare = None
    gc.collect()
    print("written", i + 1)
""")


def test_writing_shared_parts_while_a_collection_runs_code_keeps_the_heap_sound() -> None:
    run = subprocess.run([sys.executable, "-X", "faulthandler", "-c", SCRIPT],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["written", "500"]
