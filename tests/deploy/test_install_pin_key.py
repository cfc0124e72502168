"""install.sh makes the PIN key once (root:kiosk 0640), never replaces it unasked, and the
kiosk run with the installed settings finds it in /etc/kiosk."""

from __future__ import annotations

import stat
from pathlib import Path

from kiosk.config import load_config
from kiosk.domain.clock import FakeClock
from kiosk.services.context import KioskContext
from kiosk.services.staff.pin_key import pin_key_path, read_pin_key
from kiosk.services.staff.staff_accounts import add_staff
from kiosk.store import RecordStore
from tests.store_files import table_file


def test_the_key_is_made_once_with_its_mode(installed_root: Path, install) -> None:
    key = installed_root / "etc/kiosk/pin-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o640
    assert len(read_pin_key(key) or b"") == 32
    first = key.read_text()
    result = install(installed_root)
    assert "skip: chown root:kiosk /etc/kiosk/pin-key" in result.stdout
    assert key.read_text() == first


def test_the_installed_settings_point_the_kiosk_at_the_key(installed_root: Path) -> None:
    config = load_config(installed_root / "etc/kiosk/kiosk.toml")
    data = installed_root / "var/lib/kiosk"
    context = KioskContext(config, RecordStore.open(data, config.tz), FakeClock("2026-11-25T09:00"))
    assert pin_key_path(context) == installed_root / "etc/kiosk/pin-key"
    add_staff(context, "Sam Patel", "482619")
    assert "scrypt-hmac$" in table_file(context.store, "staff").read_text()


def test_a_lost_key_is_not_quietly_replaced(installed_root: Path, install) -> None:
    key = installed_root / "etc/kiosk/pin-key"
    (installed_root / "var/lib/kiosk/live.json").write_text('{"staff": "scrypt-hmac$..."}')
    key.unlink()
    refused = install(installed_root)
    assert refused.returncode != 0
    assert "the PIN key /etc/kiosk/pin-key is missing" in refused.stderr
    assert not key.exists()
    renewed = install(installed_root, "--new-pin-key")
    assert renewed.returncode == 0, renewed.stderr
    assert key.exists()
    again = install(installed_root, "--new-pin-key")  # moves the current one aside first
    assert "moved the old PIN key to /etc/kiosk/pin-key.old-" in again.stdout
