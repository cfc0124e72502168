"""Fixtures for the fire roll call: the admin command, and a stand-in `lp` on the PATH."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from kiosk.services.context import KioskContext
from tests.conftest import kiosk_cli

Admin = Callable[..., CompletedProcess[str]]

# Records each call (its arguments, what it was given on stdin, when) as a JSON line, then
# answers as CUPS's lp does, or fails with the exit code in LP_EXIT if that file exists.
LP_SCRIPT = """#!{python}
import json, pathlib, sys, time
folder = pathlib.Path({folder!r})
given = sys.stdin.read()
with open(folder / "calls.jsonl", "a", encoding="utf-8") as out:
    out.write(json.dumps({{"args": sys.argv[1:], "stdin": given, "at": time.time()}}) + "\\n")
code = folder / "LP_EXIT"
if code.exists():
    print("lp: The printer or class does not exist.", file=sys.stderr)
    sys.exit(int(code.read_text()))
print("request id is office-17 (0 file(s))")
"""


@dataclass
class StandInLp:
    folder: Path

    def calls(self) -> list[dict[str, Any]]:
        log = self.folder / "calls.jsonl"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    def fail_with(self, code: int) -> None:
        (self.folder / "LP_EXIT").write_text(str(code))


@pytest.fixture
def stand_in_lp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StandInLp:
    """A program called `lp` first on the PATH that records what it was given."""
    folder = tmp_path / "lp-bin"
    folder.mkdir()
    script = folder / "lp"
    script.write_text(LP_SCRIPT.format(python=sys.executable, folder=str(folder)))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    return StandInLp(folder)


@pytest.fixture
def with_printer(context: KioskContext) -> KioskContext:
    """The context with `[fire] printer = "office"`."""
    return replace(
        context, config=replace(context.config, fire=replace(context.config.fire, printer="office"))
    )


@pytest.fixture
def admin(context: KioskContext) -> Admin:
    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):
        return kiosk_cli(*args, "--data-dir", str(context.store.data_dir), env=env, input=input)

    return run
