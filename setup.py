"""Build hook: the wheel carries the top-level rules/, migrations/ and corpus/ as package data
under service/_bundle, where ``service.resources`` finds them; the source tree is not moved."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("rules", "migrations", "corpus")
HERE = Path(__file__).resolve().parent


class BuildWithBundle(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them in place
            return
        target = Path(self.build_lib) / "service" / "_bundle"
        for name in BUNDLED:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(HERE / name, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildWithBundle})
