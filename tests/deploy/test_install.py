"""systemd/install.sh, run into a temporary root as a Pi image builder would.

--root skips what needs the real machine (apt, useradd, chown, systemctl) and says so on its
output; KIOSK_INSTALL_SKIP_VENV=1 (same as --no-venv) leaves out the venv so no network is
needed. Everything else - files, modes, enabled units - is exactly what a Pi gets.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

ENABLED = {
    "etc/systemd/system/multi-user.target.wants/kiosk.service": "/etc/systemd/system/kiosk.service",
    "etc/systemd/system/timers.target.wants/kiosk-close-day.timer": (
        "/etc/systemd/system/kiosk-close-day.timer"
    ),
    "etc/systemd/system/timers.target.wants/kiosk-purge.timer": (
        "/etc/systemd/system/kiosk-purge.timer"
    ),
}


def manifest(root: Path) -> dict[str, tuple[str, str]]:
    """Every path under root with its mode and its content hash (or link target)."""
    entries = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            content = "-> " + os.readlink(path)
        elif stat.S_ISDIR(info.st_mode):
            content = "dir"
        else:
            content = hashlib.sha256(path.read_bytes()).hexdigest()
        entries[str(path.relative_to(root))] = (oct(stat.S_IMODE(info.st_mode)), content)
    return entries


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_modes(installed_root):
    root = installed_root
    assert mode(root / "etc/kiosk") == 0o750
    assert mode(root / "etc/kiosk/kiosk.toml") == 0o640
    shipped = (REPO / "data/kiosk.toml").read_text()
    installed = (root / "etc/kiosk/kiosk.toml").read_text()
    # Everything as shipped, except that the Pi insists on real GPIO (no silent simulation).
    assert 'pin_factory = "auto"' in shipped
    kiosk_id = re.search(r'^kiosk_id = "([A-Za-z0-9-]+)"$', installed, re.M)
    assert kiosk_id, "install.sh names this kiosk (docs/scale-out.md)"
    assert installed == shipped.replace('pin_factory = "auto"', 'pin_factory = "gpio"').replace(
        'kiosk_id = "foyer"', f'kiosk_id = "{kiosk_id[1]}"'
    )
    assert mode(root / "etc/kiosk/foot.ini") == 0o644
    assert mode(root / "var/lib/kiosk") == 0o750
    assert mode(root / "etc/pam.d/kiosk") == 0o644
    for unit in ("kiosk.service", "kiosk-close-day.timer", "kiosk-purge.service"):
        installed = root / "etc/systemd/system" / unit
        assert mode(installed) == 0o644
        assert installed.read_text() == (REPO / "systemd" / unit).read_text()
    schedule = root / "etc/systemd/system/kiosk-close-day.timer.d/schedule.conf"
    assert "OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 18:00:00 Europe/London" in schedule.read_text()


def test_units_are_enabled(installed_root):
    for link, target in ENABLED.items():
        assert os.readlink(installed_root / link) == target
    if shutil.which("systemctl"):
        # systemd's own reading of the root agrees.
        result = subprocess.run(
            [
                "systemctl",
                f"--root={installed_root}",
                "is-enabled",
                "kiosk.service",
                "kiosk-close-day.timer",
                "kiosk-purge.timer",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.split() == ["enabled", "enabled", "enabled"]


def test_real_system_steps_are_reported_not_done(tmp_path, install):
    result = install(tmp_path / "root")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "skip: apt-get install cage foot" in out
    assert "skip: useradd --system kiosk (groups gpio video render input)" in out
    # The owners a real install sets.
    assert "skip: chown kiosk:kiosk /var/lib/kiosk" in out
    assert "skip: chown root:kiosk /etc/kiosk/kiosk.toml" in out
    assert "skip: venv in /opt/kiosk/venv" in out


def test_second_run_changes_nothing(installed_root, install):
    before = manifest(installed_root)
    result = install(installed_root)
    assert result.returncode == 0, result.stderr
    assert manifest(installed_root) == before
    for word in ("installed ", "created ", "linked ", "removed "):
        assert word not in result.stdout


def test_school_settings_are_never_overwritten(installed_root, install):
    settings = installed_root / "etc/kiosk/kiosk.toml"
    settings.write_text('[school]\nname = "St Mary\'s"\n')
    settings.chmod(0o644)  # a slip with an editor
    assert install(installed_root).returncode == 0
    assert settings.read_text() == '[school]\nname = "St Mary\'s"\n'
    assert mode(settings) == 0o640


def test_changed_unit_is_put_right(installed_root, install):
    unit = installed_root / "etc/systemd/system/kiosk.service"
    unit.write_text("[Service]\nExecStart=/bin/sh\n")
    result = install(installed_root)
    assert "installed /etc/systemd/system/kiosk.service" in result.stdout
    assert unit.read_text() == (REPO / "systemd/kiosk.service").read_text()


def test_bad_settings_stop_the_install_with_one_line(tmp_path, install):
    root = tmp_path / "root"
    settings = root / "etc/kiosk/kiosk.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('[day]\nclosing_time = "6pm"\n')
    result = install(root)
    assert result.returncode != 0
    assert "closing_time" in result.stderr
    assert "Traceback" not in result.stderr


def test_uninstall_keeps_records_and_settings(installed_root, install):
    record = installed_root / "var/lib/kiosk/live.json"
    record.write_text("{}")
    result = install(installed_root, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert record.read_text() == "{}"
    assert (installed_root / "etc/kiosk/kiosk.toml").exists()
    for gone in (
        "etc/systemd/system/kiosk.service",
        "etc/systemd/system/kiosk-close-day.timer.d",
        "etc/pam.d/kiosk",
        "etc/kiosk/foot.ini",
        "opt/kiosk",
        *ENABLED,
    ):
        assert not (installed_root / gone).exists() and not (installed_root / gone).is_symlink()


def test_uninstall_purge_data_deletes_records(installed_root, install):
    (installed_root / "var/lib/kiosk/live.json").write_text("{}")
    result = install(installed_root, "--uninstall", "--purge-data")
    assert result.returncode == 0, result.stderr
    assert not (installed_root / "var/lib/kiosk").exists()
    assert not (installed_root / "etc/kiosk").exists()


@pytest.mark.parametrize("args", [["--purge-data"], ["--frobnicate"], ["--root"]])
def test_wrong_options_are_refused(tmp_path, args):
    # Always aimed at a temporary root (the bare "--root" has no folder and fails first), so
    # a mistake here can never touch the machine running the tests.
    target = [] if args == ["--root"] else ["--root", str(tmp_path / "root")]
    result = subprocess.run(
        ["bash", str(REPO / "systemd/install.sh"), *target, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.startswith("install.sh: ")
    assert not (tmp_path / "root" / "etc").exists()


def test_install_script_is_shellcheck_clean():
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed")
    result = subprocess.run(
        ["shellcheck", str(REPO / "systemd/install.sh")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
