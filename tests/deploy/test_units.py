"""The unit files pass `systemd-analyze verify` as installed, and stay hardened.

verify checks that every ExecStart= program exists, so it runs against a throw-away root:
install.sh --root writes the units (with the close-day schedule drop-in) there, the host's
own system units are copied in for the targets they name, and stand-ins are put where cage
and the venv's `kiosk` will be on the Pi.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze is not installed (.ci/run installs the systemd package)",
)

OUR_UNITS = (
    "kiosk.service",
    "kiosk-close-day.service",
    "kiosk-close-day.timer",
    "kiosk-purge.service",
    "kiosk-purge.timer",
)
# Exposure score of kiosk.service (0 = locked down, 10 = unprotected). A compositor with GPIO
# cannot reach the oneshot jobs' score, but a change that loosens the sandbox must be noticed.
KIOSK_EXPOSURE_LIMIT = 2.0
JOB_EXPOSURE_LIMIT = 1.0


def host_unit_dir() -> Path:
    for candidate in (Path("/usr/lib/systemd/system"), Path("/lib/systemd/system")):
        if (candidate / "sysinit.target").exists():
            return candidate
    pytest.skip("no system unit folder with sysinit.target on this machine")


def verify_root(root: Path) -> Path:
    """Make an installed root complete enough for systemd-analyze --root."""
    shutil.copytree(host_unit_dir(), root / "usr/lib/systemd/system", symlinks=True)
    for program in ("usr/bin/cage", "opt/kiosk/venv/bin/kiosk"):
        path = root / program
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    return root


def analyze(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["systemd-analyze", *args], capture_output=True, text=True, timeout=120)


def complaints_about_our_units(output: str) -> list[str]:
    return [line for line in output.splitlines() if any(u in line for u in OUR_UNITS)]


def test_units_verify_without_warnings(installed_root):
    root = verify_root(installed_root)
    result = analyze("verify", "--man=no", "--generators=no", f"--root={root}", *OUR_UNITS)
    complaints = complaints_about_our_units(result.stdout + result.stderr)
    assert complaints == []
    assert result.returncode == 0, result.stderr


def test_verify_would_catch_a_mistake(installed_root):
    """The check above can fail: a misspelt setting in our unit is reported."""
    root = verify_root(installed_root)
    unit = root / "etc/systemd/system/kiosk.service"
    unit.write_text(unit.read_text().replace("NoNewPrivileges=yes", "NoNewPrivilege=yes"))
    result = analyze("verify", "--man=no", "--generators=no", f"--root={root}", "kiosk.service")
    assert complaints_about_our_units(result.stdout + result.stderr)


def exposure(root: Path, unit: str) -> float:
    result = analyze("security", "--offline=yes", f"--root={root}", "--no-pager", unit)
    match = re.search(rf"Overall exposure level for {re.escape(unit)}: (\d+\.\d+)", result.stdout)
    assert match, f"no exposure figure in:\n{result.stdout}\n{result.stderr}"
    return float(match.group(1))


def test_security_exposure(installed_root, capsys):
    root = verify_root(installed_root)
    scores = {unit: exposure(root, unit) for unit in OUR_UNITS if unit.endswith(".service")}
    with capsys.disabled():
        for unit, score in scores.items():
            print(f"\nsystemd-analyze security --offline=yes {unit}: exposure {score}", end="")
    assert scores["kiosk.service"] <= KIOSK_EXPOSURE_LIMIT
    assert scores["kiosk-close-day.service"] <= JOB_EXPOSURE_LIMIT
    assert scores["kiosk-purge.service"] <= JOB_EXPOSURE_LIMIT


def test_close_day_timer_follows_the_settings(tmp_path, install):
    root = tmp_path / "root"
    settings = root / "etc/kiosk/kiosk.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('[day]\nclosing_time = "17:30"\nschool_days = ["mon", "tue", "thu"]\n')
    assert install(root).returncode == 0
    drop_in = root / "etc/systemd/system/kiosk-close-day.timer.d/schedule.conf"
    spec = drop_in.read_text().splitlines()[-1].removeprefix("OnCalendar=")
    assert spec == "Mon,Tue,Thu *-*-* 17:30:00 Europe/London"
    normalized = analyze("calendar", spec)
    assert normalized.returncode == 0, normalized.stderr


def test_kiosk_service_essentials():
    """What the Pi depends on, read straight from the unit file."""
    text = (Path(__file__).resolve().parents[2] / "systemd/kiosk.service").read_text()
    settings = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            settings.setdefault(key, []).append(value)
    assert settings["Type"] == ["notify"]
    assert settings["NotifyAccess"] == ["all"]  # the pings come from cage's grandchild
    assert settings["Restart"] == ["always"]
    assert settings["User"] == ["kiosk"]
    assert "gpio" in settings["SupplementaryGroups"][0].split()
    assert "KIOSK_CONFIG=/etc/kiosk/kiosk.toml" in settings["Environment"]
    assert "KIOSK_DATA_DIR=/var/lib/kiosk" in settings["Environment"]
    assert settings["TTYPath"] == ["/dev/tty1"]
    assert settings["Conflicts"] == ["getty@tty1.service"]
    assert settings["ExecStart"][0].startswith("/usr/bin/cage ")
    assert "/opt/kiosk/venv/bin/kiosk run" in settings["ExecStart"][0]
