"""Lower layers never load upper ones: domain, store, services and hardware stay UI-free."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def modules_loaded_by(*imports: str) -> set[str]:
    code = (
        ";".join(f"import {name}" for name in imports)
        + ";import sys;print('\\n'.join(sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout
    return {line.split(".")[0] for line in out.splitlines()}


def all_modules(package: str) -> list[str]:
    base = REPO / package
    return [
        ".".join(path.relative_to(REPO).with_suffix("").parts)
        for path in sorted(base.rglob("*.py"))
        if path.name != "__main__.py"
    ]


CORE = [m for m in all_modules("kiosk") if not m.startswith(("kiosk.ui", "kiosk.cli", "kiosk.app"))]


def test_core_never_loads_textual_or_gpiozero() -> None:
    # One interpreter for all; the first module that pulls a library in is named.
    code = (
        "import importlib, sys, json\n"
        "bad = {}\n"
        "for name in sys.argv[1:]:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(name)\n"
        "    new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "    hits = sorted(new & {'textual', 'gpiozero'})\n"
        "    if hits: bad[name] = hits\n"
        "print(json.dumps(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *CORE], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout
    assert json.loads(out) == {}, "core modules must not load the UI toolkit or gpiozero"


def test_domain_loads_no_storage_or_ui_or_gpio() -> None:
    domain = [m for m in all_modules("kiosk") if m.startswith("kiosk.domain")]
    loaded = modules_loaded_by(*domain)
    assert not {"textual", "tinydb", "gpiozero"} & loaded


def test_hardware_never_loads_textual_or_tinydb() -> None:
    loaded = modules_loaded_by(*all_modules("hardware"))
    assert not {"textual", "tinydb"} & loaded


def test_admin_cli_commands_do_not_load_textual() -> None:
    # Exports over SSH must not pay for (or depend on) the UI toolkit.
    loaded = modules_loaded_by("kiosk.cli.main")
    assert "textual" not in loaded


def test_layering_check_would_notice_a_violation() -> None:
    assert "textual" in modules_loaded_by("kiosk.ui.app")
