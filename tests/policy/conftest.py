"""Fixtures for the phone-policy tests: a 210-pupil roster and a term of phones, built once.

Building the term goes through the real services (about a thousand durable writes), so it
is done once per test session into a folder that each test gets a fresh copy of.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from kiosk.cli.main import main
from kiosk.config import load_config
from kiosk.domain.clock import FakeClock
from kiosk.services.context import KioskContext
from kiosk.store import RecordStore
from tests.conftest import MORNING, kiosk_cli
from tests.policy.term_data import load_roster, seed_term

Admin = Callable[..., CompletedProcess[str]]


def fresh_context(data_dir: Path, now: str = MORNING) -> KioskContext:
    config = load_config()
    config = replace(config, hardware=replace(config.hardware, pin_factory="mock"))
    return KioskContext(config, RecordStore.open(data_dir, config.tz), FakeClock(now))


@pytest.fixture(scope="session")
def term_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("term") / "data"
    folder.mkdir()
    context = fresh_context(folder, "2026-09-01T09:00:00")
    with pytest.MonkeyPatch.context() as patch:
        # Seeding is not what is under test: skip the flushes to disk (the writes, renames
        # and locking are the real ones), which take most of the time on a shared machine.
        patch.setattr("os.fsync", lambda fd: None)
        load_roster(context)
        counts = seed_term(context)
    return folder, counts


@pytest.fixture
def term(term_folder, data_dir: Path, context: KioskContext) -> KioskContext:
    """The test's own copy of the roster and the term, opened at 08:45 on 2026-11-25."""
    source, _ = term_folder
    shutil.rmtree(data_dir)
    shutil.copytree(source, data_dir)
    return replace(context, store=RecordStore.open(data_dir, context.config.tz))


@pytest.fixture
def term_counts(term_folder) -> dict[str, int]:
    return term_folder[1]


@pytest.fixture
def admin(context: KioskContext, monkeypatch: pytest.MonkeyPatch) -> Admin:
    """`admin("report", "phones")` runs the `kiosk` command's main() in this process on the
    test's data folder at the test's "now" (KIOSK_FAKE_NOW): exit code, stdout and stderr
    as a user sees them, without paying for a new interpreter each time."""

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):
        clock = context.clock
        assert isinstance(clock, FakeClock)
        monkeypatch.setenv("KIOSK_FAKE_NOW", clock.now().replace(tzinfo=None).isoformat())
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        argv = [*args, "--data-dir", str(context.store.data_dir)]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse usage errors
                code = int(exc.code or 0)
        return CompletedProcess(["kiosk", *argv], code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def real_admin(context: KioskContext) -> Admin:
    """The real `kiosk` command in a subprocess, for the few tests that need one."""

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):
        clock = context.clock
        assert isinstance(clock, FakeClock)
        full_env = {"KIOSK_FAKE_NOW": clock.now().replace(tzinfo=None).isoformat(), **(env or {})}
        return kiosk_cli(
            *args, "--data-dir", str(context.store.data_dir), env=full_env, input=input
        )

    return run
