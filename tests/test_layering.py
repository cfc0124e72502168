"""Layers, checked two ways.

1. Our own modules (an `ast` walk of every import, inside functions and under TYPE_CHECKING
   too, and modules loaded by name: a string naming one of our modules, as
   `importlib.import_module("kiosk.cli.run_command")` takes): ui|cli -> services ->
   store|hardware|config -> domain|errors; hardware imports no kiosk module; no screen module
   imports another screen module (base classes excepted); widgets never import screens; no
   module imports the command line's entry point; no cycles among our modules, nor among
   the packages under kiosk/services/.
2. Third-party libraries: domain, store, services and hardware never load textual or
   gpiozero (imported for real, in a subprocess).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

# --- our own modules --------------------------------------------------------------------------

# Longest prefix wins. A higher layer may import any lower one, never a higher one.
LAYERS: dict[str, int] = {
    "kiosk.domain": 0,
    "kiosk.errors": 0,
    "kiosk.store": 1,
    "kiosk.config": 1,
    "kiosk.sd_notify": 1,
    "hardware": 1,
    "kiosk.services": 2,
    "kiosk.ui": 3,
    "kiosk.cli": 3,
    "kiosk.app": 3,
    "kiosk.__main__": 3,
    "kiosk": 0,  # the package itself: only its version, importing nothing
}
# (importer, what it must never import): side by side on one layer, or below everything.
NEVER = [
    ("kiosk.store", "hardware"),
    ("hardware", "kiosk.store"),
    ("hardware", "kiosk"),  # the GPIO layer stands alone: settings come in as arguments
    ("kiosk.ui", "kiosk.cli"),  # `kiosk run` starts the UI, never the other way round
    ("kiosk.ui.widgets", "kiosk.ui.screens"),  # screens are built from widgets, not the reverse
    ("kiosk.cli", "kiosk.cli.main"),  # a command hands back RunInstead; main runs it
    ("kiosk", "kiosk.ui.testing"),  # a finger for tests and bench/, never used by the kiosk
]
SCREENS = "kiosk.ui.screens"
# Screen base classes that screens share by import; every other module in SCREENS is a screen.
SCREEN_BASES = {
    "kiosk.ui.screens.base",
    "kiosk.ui.screens.keyboard_form",
    "kiosk.ui.screens.pupil_form",
}
# The one module above the screens that may import them all.
NAVIGATION = {"kiosk.ui.navigator", "kiosk.ui.app"}


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def under_type_checking(tree: ast.AST) -> set[ast.AST]:
    """The nodes inside `if TYPE_CHECKING:` blocks (names for the type checker only)."""
    hidden: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                hidden.update(ast.walk(child))
    return hidden


def imports_of(path: Path, module: str, type_checking: bool = True) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, wherever it stands, and every string that
    is a dotted name of ours (a module loaded by name). `type_checking=False` leaves out
    those under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = set() if type_checking else under_type_checking(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if node in hidden:
            continue
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.startswith(("kiosk.", "hardware."))
            and node.value.replace(".", "").replace("_", "").isalnum()
            and node.value != module
        ):
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.append((node.lineno, base))
            # `from kiosk.ui import messages` imports a module too
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def layer_of(module: str) -> int | None:
    matches = [prefix for prefix in LAYERS if within(module, prefix)]
    return LAYERS[max(matches, key=len)] if matches else None


def within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def is_screen(module: str) -> bool:
    return within(module, SCREENS) and module != SCREENS and module not in SCREEN_BASES


def existing(name: str, modules: set[str]) -> str | None:
    """The module an import names (`from a import b` may name a.b or a name inside a)."""
    return name if name in modules else None


def violations(root: Path) -> list[str]:
    files = {
        module_name(path, root): path
        for package in ("kiosk", "hardware")
        for path in sorted((root / package).rglob("*.py"))
    }
    modules = set(files)
    problems = []
    for module, path in files.items():
        here = layer_of(module)
        where = f"{path.relative_to(root)}"
        for line, name in imports_of(path, module):
            target = existing(name, modules)
            if target is None or target == module:
                continue
            there = layer_of(target)
            if here is not None and there is not None and there > here:
                problems.append(f"{where}:{line}: layer {here} imports {target} (layer {there})")
            for importer, forbidden in NEVER:
                if within(module, importer) and within(target, forbidden):
                    problems.append(f"{where}:{line}: {module} imports {target}")
            if not is_screen(target):
                continue
            if within(module, SCREENS):
                problems.append(f"{where}:{line}: screen imports screen {target}")
            elif module not in NAVIGATION:
                problems.append(f"{where}:{line}: only the navigator opens {target}")
    return sorted(set(problems))


def test_our_modules_keep_their_layers() -> None:
    assert violations(REPO) == []


def our_files(root: Path) -> dict[str, Path]:
    return {
        module_name(path, root): path
        for package in ("kiosk", "hardware")
        for path in sorted((root / package).rglob("*.py"))
    }


def module_imports(root: Path) -> dict[str, set[str]]:
    """Each of our modules and the modules of ours it imports (inside functions and by name
    too; not under TYPE_CHECKING)."""
    files = our_files(root)
    return {
        module: {name for _, name in imports_of(path, module, False) if name in files} - {module}
        for module, path in files.items()
    }


def import_cycles(root: Path) -> list[list[str]]:
    """Cycles among our modules (imports inside functions and by name count; those under
    TYPE_CHECKING do not), each as the modules in it."""
    return strongly_connected(module_imports(root))


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of nodes that reach each other (a cycle), each sorted; one-node groups left
    out."""
    # Tarjan's strongly connected components, without recursion.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, following = work[-1]
            step = next(following, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(edges[step]))))
                elif step in on_stack:
                    low[node] = min(low[node], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return sorted(cycles)


def test_no_import_cycles_among_our_modules() -> None:
    assert import_cycles(REPO) == []


def copy_of_our_tree(tmp_path: Path) -> None:
    """Our modules, copied under tmp_path, for a test to plant a bad import in."""
    for package in ("kiosk", "hardware"):
        for path in (REPO / package).rglob("*.py"):
            target = tmp_path / path.relative_to(REPO)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize(
    ("module", "planted", "complaint"),
    [
        ("kiosk/domain/rules.py", "from kiosk.services.context import KioskContext", "layer 0"),
        ("kiosk/services/visitors/sign_in.py", "import kiosk.ui.app", "layer 2"),
        ("hardware/lock.py", "from kiosk.errors import KioskError", "imports kiosk.errors"),
        ("kiosk/store/schema.py", "import hardware.settings", "imports hardware.settings"),
        ("kiosk/ui/screens/rules.py", "from kiosk.ui.screens.visitor_pass import PassScreen",
         "screen imports screen"),
        ("kiosk/ui/tap_guard.py", "from kiosk.ui.screens.welcome import WelcomeScreen",
         "only the navigator"),
        ("kiosk/ui/widgets/pin_pad.py", "from kiosk.ui.screens.base import KioskScreen",
         "imports kiosk.ui.screens.base"),
        ("kiosk/services/visitors/sign_in.py", "importlib.import_module('kiosk.ui.app')",
         "layer 2"),
        ("kiosk/cli/ssh_export_command.py", "from kiosk.cli.main import main",
         "imports kiosk.cli.main"),
    ],
)  # fmt: skip
def test_the_checker_catches_a_planted_violation(
    tmp_path: Path, module: str, planted: str, complaint: str
) -> None:
    # A copy of the tree with one bad import, inside a function (those count too).
    copy_of_our_tree(tmp_path)
    victim = tmp_path / module
    victim.write_text(
        victim.read_text(encoding="utf-8") + f"\n\ndef _planted() -> None:\n    {planted}\n",
        encoding="utf-8",
    )
    found = violations(tmp_path)
    assert len(found) == 1 and complaint in found[0], found


def test_the_cycle_check_catches_a_planted_cycle(tmp_path: Path) -> None:
    copy_of_our_tree(tmp_path)
    # kiosk.cli.main loads the command modules by name; one of them loading main back closes
    # a cycle that only the by-name imports show.
    victim = tmp_path / "kiosk/cli/onsite_command.py"
    victim.write_text(
        victim.read_text(encoding="utf-8")
        + "\n\ndef _planted() -> None:\n    importlib.import_module('kiosk.cli.main')\n",
        encoding="utf-8",
    )
    assert import_cycles(tmp_path) == [["kiosk.cli.main", "kiosk.cli.onsite_command"]]


# --- the services' packages -------------------------------------------------------------------
#
# One level up from the modules: each package under kiosk/services/ (a module at its top, such
# as context.py, counts as one of its own). No two of them may import each other, however
# roundabout the way, even where no module does: a package is a layer of its own, from
# `outputs` and `pupils` at the bottom, through the features, to `admin` at the top
# (docs/layout.md draws the order).

SERVICES = "kiosk.services"


def service_package(module: str) -> str | None:
    """kiosk.services.phones for kiosk.services.phones.phone_store; a module at the top of
    the services is its own; None outside the services (and for kiosk.services itself)."""
    if not within(module, SERVICES) or module == SERVICES:
        return None
    return ".".join(module.split(".")[:3])


def service_package_imports(root: Path) -> dict[tuple[str, str], list[str]]:
    """(importing package, imported package): the imports that make the edge, as
    "file:line module" (counted as the module check counts them)."""
    files = our_files(root)
    found: dict[tuple[str, str], list[str]] = {}
    for module, path in files.items():
        here = service_package(module)
        if here is None:
            continue
        for line, name in imports_of(path, module, False):
            there = service_package(name) if name in files else None
            if there is not None and there != here:
                where = f"{path.relative_to(root)}:{line} {name}"
                found.setdefault((here, there), []).append(where)
    return found


def service_package_cycles(root: Path) -> list[list[str]]:
    """Groups of kiosk/services packages that import each other, each sorted."""
    imports = service_package_imports(root)
    edges: dict[str, set[str]] = {}
    for here, there in imports:
        edges.setdefault(here, set()).add(there)
        edges.setdefault(there, set())
    return strongly_connected(edges)


def test_no_import_cycles_among_the_service_packages() -> None:
    cycles = service_package_cycles(REPO)
    imports = service_package_imports(REPO)
    joining = [
        line
        for cycle in cycles
        for (here, there), lines in sorted(imports.items())
        if here in cycle and there in cycle
        for line in lines
    ]
    assert cycles == [], "\n".join(joining)


def test_the_service_packages_check_catches_a_planted_cycle(tmp_path: Path) -> None:
    copy_of_our_tree(tmp_path)
    # staff_attendance builds on staff; staff reaching back (inside a function, through a
    # module that nothing in staff_attendance imports) makes no module cycle, but a package
    # cycle all the same.
    victim = tmp_path / "kiosk/services/staff/staff_card_svg.py"
    victim.write_text(
        victim.read_text(encoding="utf-8")
        + "\n\ndef _planted() -> None:\n"
        + "    from kiosk.services.staff_attendance.name_search import find_staff\n",
        encoding="utf-8",
    )
    assert import_cycles(tmp_path) == []
    assert service_package_cycles(tmp_path) == [
        ["kiosk.services.staff", "kiosk.services.staff_attendance"]
    ]


# --- third-party libraries --------------------------------------------------------------------


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


# --- records only through the services --------------------------------------------------------

STORE_CALL = re.compile(r"\.store\.(transaction|live|find|get|history|each|records)\(")


def test_screens_and_commands_reach_records_only_through_services() -> None:
    # A screen or a command that reads the store itself skips the service's rules (which
    # records count, what is damaged); the services are the one way in.
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for folder in ("kiosk/ui", "kiosk/cli")
        for path in sorted((REPO / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if STORE_CALL.search(line)
    ]
    assert found == []
