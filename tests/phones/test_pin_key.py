"""The PIN key: hashes useless without it, kept outside the data folder, never quietly remade."""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.domain.pins import legacy_hash_pin, verify_pin
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.staff.pin_health import refuse_unsafe_start
from kiosk.services.staff.pin_key import pin_key_path, read_pin_key
from kiosk.services.staff.staff_accounts import add_staff, get_staff, set_pin
from kiosk.services.staff.staff_login import PinRejected, check_pin, log_in
from kiosk.store import RecordStore
from tests.conftest import kiosk_cli, pin_key

from .conftest import OTHER_PIN, STAFF_PIN


def copy_of(context: KioskContext, where: Path) -> KioskContext:
    """The data folder copied elsewhere (a backup, a stolen card), without the PIN key."""
    shutil.copytree(context.store.data_dir, where)
    return replace(context, store=RecordStore.open(where, context.config.tz))


def test_the_key_lives_outside_the_data_folder_and_every_hash_needs_it(context, staff):
    key_file = pin_key_path(context)
    assert key_file.is_file()
    assert context.store.data_dir not in key_file.parents
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o640
    key = pin_key(context)
    assert staff.pin_hash.startswith("scrypt-hmac$")
    assert verify_pin(STAFF_PIN, staff.pin_hash, key)
    assert not verify_pin(STAFF_PIN, staff.pin_hash, None)
    assert not verify_pin(STAFF_PIN, staff.pin_hash, b"\x00" * 32)


def test_a_copied_data_folder_without_the_key_cannot_verify_a_pin(context, staff, tmp_path):
    copied = copy_of(context, tmp_path / "stolen")
    assert not pin_key_path(copied).exists()
    with pytest.raises(KioskError, match=r"PIN key .* is missing"):
        log_in(copied, STAFF_PIN)
    # Nor is a key quietly made for it: that would make every PIN useless for good.
    with pytest.raises(KioskError, match="is missing"):
        add_staff(copied, "Bea Lund", OTHER_PIN)
    assert not pin_key_path(copied).exists()
    # A key that is not the one the PINs were set with is no better, and is told as such.
    pin_key_path(copied).write_text("ab" * 32 + "\n")
    with pytest.raises(KioskError, match="not the key the staff PINs were set with"):
        check_pin(copied, STAFF_PIN)
    # With the right key back, the same copy works (a restore done properly).
    shutil.copy(pin_key_path(context), pin_key_path(copied))
    assert check_pin(copied, STAFF_PIN).id == staff.id


def test_an_old_hash_is_upgraded_at_the_next_right_pin_only(context, staff):
    with context.store.transaction() as tx:
        tx.update("staff", staff.id, {"pin_hash": legacy_hash_pin(STAFF_PIN)})
    with pytest.raises(PinRejected):
        log_in(context, OTHER_PIN)
    assert get_staff(context, staff.id).pin_hash.startswith("scrypt$")
    assert log_in(context, STAFF_PIN).staff.id == staff.id
    upgraded = get_staff(context, staff.id).pin_hash
    assert upgraded.startswith("scrypt-hmac$")
    assert verify_pin(STAFF_PIN, upgraded, pin_key(context))
    assert "staff-pin-upgrade" in [e["action"] for e in context.store.audit_entries()]
    assert check_pin(context, STAFF_PIN).id == staff.id  # and still works after


def test_the_key_file_setting_is_used_relative_to_the_settings_file(tmp_path, clock):
    settings = tmp_path / "etc" / "kiosk.toml"
    settings.parent.mkdir()
    settings.write_text('[staff]\npin_key_file = "secret/key"\n')
    (tmp_path / "etc" / "secret").mkdir()
    config = load_config(settings)
    data = tmp_path / "data"
    context = KioskContext(config, RecordStore.open(data, config.tz), clock)
    assert pin_key_path(context) == tmp_path / "etc" / "secret" / "key"
    member = add_staff(context, "Sam Patel", STAFF_PIN)
    assert verify_pin(STAFF_PIN, member.pin_hash, read_pin_key(tmp_path / "etc/secret/key"))
    # With a settings file and no key setting, the key is beside the settings file.
    settings.write_text("")
    bare = replace(context, config=load_config(settings))
    assert pin_key_path(bare) == tmp_path / "etc" / "pin-key"


def test_an_unreadable_or_bad_key_file_is_one_line(context, staff):
    key_file = pin_key_path(context)
    key_file.write_text("not hex\n")
    with pytest.raises(KioskError, match="is not a PIN key") as bad:
        set_pin(context, staff.id, OTHER_PIN)
    assert "\n" not in str(bad.value)


def test_kiosk_check_says_when_the_key_is_missing(context, staff):
    folder = str(context.store.data_dir)
    assert kiosk_cli("check", "--data-dir", folder).returncode == 0
    pin_key_path(context).unlink()
    result = kiosk_cli("check", "--data-dir", folder)
    assert result.returncode == 1
    assert "problem: the PIN key" in result.stdout and "is missing" in result.stdout


def test_kiosk_run_will_not_start_without_the_key_its_pins_need(context, staff):
    refuse_unsafe_start(context)
    pin_key_path(context).unlink()
    with pytest.raises(KioskError, match=r"^not starting: the PIN key .* is missing"):
        refuse_unsafe_start(context)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a file for another user")
def test_a_key_made_by_root_keeps_its_folders_owner(tmp_path):
    # Issue 21.4: the first admin command run as root (sudo kiosk staff add) made the key
    # root:root, unlike the data files, which keep their folder's owner.
    kiosk_user = 4321  # stands in for the kiosk user: any id that is not root's
    data = tmp_path / "data"
    data.mkdir()
    for folder in (tmp_path, data):
        os.chown(folder, kiosk_user, kiosk_user)

    result = kiosk_cli(
        "staff", "add", "Office Admin", "--admin", "--pin-stdin", "--data-dir", str(data),
        input="582914\n582914\n",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    key = tmp_path / "data.pin-key"
    info = key.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (kiosk_user, kiosk_user, 0o640)
    for path in data.rglob("*"):
        assert path.stat().st_uid == kiosk_user, path  # as the data files do
