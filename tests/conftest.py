"""Fixtures shared by the whole suite. Area-specific fixtures live beside their tests."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.domain.clock import FakeClock
from kiosk.services.context import KioskContext
from kiosk.services.staff.pin_key import pin_key_path, read_pin_key
from kiosk.store import RecordStore
from kiosk.ui.app import KioskApp
from tests.helpers import make_app

REPO = Path(__file__).resolve().parent.parent
# A school morning: 08:45 on a Wednesday in term.
MORNING = "2026-11-25T08:45:00"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the machine's /etc/kiosk or real data by accident."""
    for name in ("KIOSK_CONFIG", "KIOSK_DATA_DIR", "KIOSK_HARDWARE", "NOTIFY_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("kiosk.config.SYSTEM_CONFIG", Path("/nonexistent/kiosk.toml"))
    monkeypatch.setattr("kiosk.services.context.SYSTEM_DATA_DIR", Path("/nonexistent/kiosk-data"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MORNING)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def context(data_dir: Path, clock: FakeClock) -> KioskContext:
    config = load_config()
    config = replace(config, hardware=replace(config.hardware, pin_factory="mock"))
    return KioskContext(config=config, store=RecordStore.open(data_dir, config.tz), clock=clock)


@pytest.fixture(autouse=True)
def fixed_pass_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    """Predictable pass and slip tokens (valid Crockford base32) so QR codes and snapshots
    are stable."""
    counter = itertools.count(1)
    monkeypatch.setattr(
        "kiosk.services.visitors.sign_in.new_pass_token", lambda: f"PASS-{next(counter):016d}"
    )
    slips = itertools.count(1)
    monkeypatch.setattr(
        "kiosk.services.attendance.early_collection.new_slip_token",
        lambda: f"SLIP-{next(slips):016d}",
    )


@pytest.fixture
def app(context: KioskContext) -> KioskApp:
    """The kiosk app on the fake clock with simulated hardware, as tests drive it."""
    return make_app(context)


def kiosk_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `kiosk` command in a subprocess, as an admin would."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        cwd=cwd or REPO,
        timeout=120,
    )


@pytest.fixture
def run_cli() -> Iterator[object]:
    yield kiosk_cli


def pin_key(context: KioskContext) -> bytes | None:
    """The PIN key the context's staff PINs are hashed with (None before the first PIN)."""
    return read_pin_key(pin_key_path(context))
