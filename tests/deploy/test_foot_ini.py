"""foot.ini gives a visitor no way out of the kiosk: nothing starts a terminal or a program."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

FOOT_INI = Path(__file__).resolve().parents[2] / "systemd/foot.ini"

# Bindings whose default would start something: a terminal, a browser, a piped command.
MUST_BE_OFF = {
    "key-bindings": (
        "spawn-terminal",
        "show-urls-launch",
        "show-urls-copy",
        "show-urls-persistent",
        "search-start",
        "clipboard-paste",
        "primary-paste",
        "unicode-input",
        "font-increase",
        "font-decrease",
    ),
    "mouse-bindings": ("primary-paste",),
}
# Actions that run an external command (foot.ini(5): pipe-*, regex-launch; [regex:*] launch=).
LAUNCHING_ACTION = re.compile(r"^(pipe-.*|regex-launch|show-urls-launch|spawn-terminal)$")


def read_foot_ini() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(
        interpolation=None, strict=True, inline_comment_prefixes=None, delimiters=("=",)
    )
    parser.optionxform = str  # foot's keys are case-sensitive
    parser.read_string("[main]\n" + FOOT_INI.read_text().replace("[main]\n", "", 1))
    return parser


def test_dangerous_bindings_are_none():
    ini = read_foot_ini()
    for section, keys in MUST_BE_OFF.items():
        for key in keys:
            assert ini.get(section, key, fallback=None) == "none", f"[{section}] {key}"


def test_no_binding_launches_a_program():
    ini = read_foot_ini()
    for section in ini.sections():
        if not section.endswith("-bindings"):
            continue
        for key, value in ini.items(section):
            if LAUNCHING_ACTION.match(key):
                assert value == "none", f"[{section}] {key}={value}"
            # A binding with a [command] prefix runs that command.
            assert not value.lstrip().startswith("["), f"[{section}] {key}={value}"
    assert not [s for s in ini.sections() if s.startswith("regex:")]


def test_no_scrollback_search_or_url_opening():
    ini = read_foot_ini()
    assert all(value == "none" for _, value in ini.items("search-bindings"))
    assert ini.get("url", "launch") == "/bin/true"
    assert ini.getint("scrollback", "lines") == 0


def test_touch_and_font_suit_the_panel():
    ini = read_foot_ini()
    assert ini.getint("touch", "long-press-delay") >= 500  # a slow, wobbly tap is still a tap
    size = re.search(r"pixelsize=(\d+)", ini.get("main", "font"))
    assert size and int(size.group(1)) >= 16


def foot_version() -> tuple[int, ...] | None:
    if shutil.which("foot") is None:
        return None
    out = subprocess.run(["foot", "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", out)
    return tuple(int(n) for n in match.groups()) if match else None


def test_foot_accepts_the_file(tmp_path):
    """foot's own parser, where foot is installed. A rejected file means a blank kiosk."""
    version = foot_version()
    if version is None:
        pytest.skip("foot is not installed (.ci/run installs it)")
    text = FOOT_INI.read_text()
    if version < (1, 16, 0):
        # [touch] arrived in foot 1.16 (the Pi's trixie has 1.21); check the rest here.
        text = re.sub(r"\n\[touch\]\n(?:[^\[].*\n|\n)*", "\n", text)
        assert "long-press-delay" not in text
    config = tmp_path / "foot.ini"
    config.write_text(text)
    result = subprocess.run(
        ["foot", "--check-config", f"--config={config}"], capture_output=True, text=True
    )
    errors = [line for line in result.stderr.splitlines() if " err: " in line or "warn" in line]
    assert result.returncode == 0 and errors == [], result.stderr
