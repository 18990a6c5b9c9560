#!/usr/bin/env python3
"""Set up gapline in ./.venv and run it: ``python3 dev.py demo`` or ``python3 dev.py test``.

``demo``  installs gapline, loads the built-in demo case into ./demo.db and serves the
          dashboard on http://127.0.0.1:8050 (Ctrl-C stops it).
``test``  installs gapline with its test extras, checks the code with ruff and runs the whole
          test suite.

Only the Python standard library is needed to start; everything else comes from the
package index into ./.venv. Extra arguments after the command go to gapline / pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def run(*args: str | os.PathLike) -> None:
    code = subprocess.call([str(a) for a in args], cwd=ROOT)
    if code:
        raise SystemExit(code)


def ensure_env(extras: str) -> None:
    if not (BIN / "python").exists():
        print(f"creating {VENV.name}/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
        run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    print("installing gapline and its dependencies ...", flush=True)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", f".[{extras}]" if extras else ".")


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"demo", "test"}:
        print(__doc__.strip())
        raise SystemExit(2)
    command, rest = argv[0], argv[1:]
    if command == "demo":
        ensure_env("")
        run(BIN / "gapline", "ingest", "--store", "demo.db", Path("data") / "demo")
        run(BIN / "gapline", "dashboard", "--store", "demo.db", *rest)
    else:
        ensure_env("test")
        run(BIN / "python", "-m", "ruff", "check", "--quiet", ".")
        run(BIN / "python", "-m", "pytest", "-q", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
