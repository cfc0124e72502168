"""The PIN key (the "pepper"): where it lives, reading it, and making one when that loses nothing.

The key is mixed into every PIN hash (kiosk.domain.pins), so it must never sit in the data
folder or its backups. Where it is:

- `staff.pin_key_file` in the settings, when set (a relative path is beside the settings file);
- otherwise `pin-key` beside the settings file in use: on the Pi `/etc/kiosk/pin-key`,
  made by install.sh as root:kiosk 0640;
- with no settings file at all (the demo, trying the kiosk out) `<data folder>.pin-key`,
  beside the data folder.

A missing key is made only while no stored PIN hash needs a key: then a new key invalidates
nothing. Once any hash needs one, a missing key is an error naming the file and the fix
(restore it from its backup), never a quiet new key that would make every PIN useless.
The file holds the key as hex digits, so it can be backed up, or even written down, as text.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from kiosk.config import share_dir
from kiosk.domain.pins import KEY_BYTES, KEY_MIN_BYTES, hash_key_id, key_id
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.store.atomic_json import fsync_dir, keep_owner, owner_of

KEY_FILE_NAME = "pin-key"


def pin_key_path(context: KioskContext) -> Path:
    config = context.config
    source = Path(config.source)
    if config.pin_key_file:
        path = Path(config.pin_key_file).expanduser()
        return path if path.is_absolute() else source.parent / path
    if source.resolve() != (share_dir() / "kiosk.toml").resolve():
        return source.parent / KEY_FILE_NAME
    data = context.store.data_dir.resolve()
    return data.with_name(f"{data.name}.{KEY_FILE_NAME}")


def read_pin_key(path: Path) -> bytes | None:
    """The key in `path`; None when there is no such file; KioskError when it is unusable."""
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return None
    except PermissionError:
        raise KioskError(
            f"the PIN key {path} cannot be read (permission denied); it should be root:kiosk 0640"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KioskError(f"the PIN key {path} cannot be read: {exc}") from None
    try:
        key = bytes.fromhex("".join(text.split()))
    except ValueError:
        key = b""
    if len(key) < KEY_MIN_BYTES:
        raise KioskError(
            f"the PIN key {path} is not a PIN key (it should hold {KEY_BYTES * 2} hex digits); "
            "restore it from its backup"
        )
    return key


def key_ids_in_use(context: KioskContext) -> set[str]:
    """The ids of the keys that stored PIN hashes need (active and disabled staff alike)."""
    # staff_accounts.STAFF_TABLE, written out: staff_accounts imports this module.
    ids = {hash_key_id(str(r.get("pin_hash", ""))) for r in context.store.live("staff")}
    ids.discard("")
    return ids


def _missing(path: Path) -> KioskError:
    return KioskError(
        f"the PIN key {path} is missing, so no staff PIN can be checked: restore it from its "
        "backup (docs/backup-restore.md); a new key would make every PIN useless"
    )


def _create(path: Path) -> bytes:
    """A new key file, 0640 and owned like the data files: its folder's owner (so a first
    admin command run as root does not leave a key the kiosk user cannot read)."""
    key_hex = secrets.token_hex(KEY_BYTES)
    owner = owner_of(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    except FileExistsError:  # another process made it first: use theirs
        key = read_pin_key(path)
        if key is None:
            raise _missing(path) from None
        return key
    except OSError as exc:
        raise KioskError(
            f"there is no PIN key at {path} and it cannot be made there ({exc.strerror}); "
            "on the Pi, run 'sudo systemd/install.sh', which makes it"
        ) from None
    try:
        keep_owner(fd, owner)
        os.write(fd, (key_hex + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(path.parent)
    return bytes.fromhex(key_hex)


def obtain_pin_key(context: KioskContext) -> bytes:
    """The key, made now if there is none and no stored hash needs one; KioskError otherwise."""
    path = pin_key_path(context)
    key = read_pin_key(path)
    if key is not None:
        return key
    if key_ids_in_use(context):
        raise _missing(path)
    return _create(path)


def key_problem(context: KioskContext) -> str:
    """One line when PINs cannot be checked for want of the right key; empty when fine.

    Reads only: never makes a key.
    """
    needed = key_ids_in_use(context)
    if not needed:
        return ""
    path = pin_key_path(context)
    try:
        key = read_pin_key(path)
    except KioskError as exc:
        return str(exc)
    if key is None:
        return str(_missing(path))
    if key_id(key) not in needed:
        return (
            f"the PIN key {path} is not the key the staff PINs were set with (a wrong file "
            "restored?): put back the right key, or give every member of staff a new PIN"
        )
    return ""
