"""A quick start, checked without a clock: the welcome screen needs only its own modules, the
other screens are imported once it is drawn (so the first visitor's tap finds them ready),
and the stylesheet is the kiosk theme's from the first frame.

Each check runs in a fresh interpreter: in the test process every module is long imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk.ui.theme import KIOSK_THEME

ROOT = Path(__file__).resolve().parents[2]

# Heavy modules a visitor's later steps need, never the welcome screen.
NOT_AT_START = (
    "kiosk.ui.screens.rules",
    "kiosk.ui.screens.sign_in",
    "kiosk.ui.screens.staff_pin",
    "textual.widgets._markdown",  # the rules' Markdown and its parser
    "kiosk.services.policy.letters",  # letters home, with the phone history they read
    "kiosk.services.demo_seed",
)


def run_fresh(code: str, tmp_path: Path) -> dict[str, object]:
    """Run `code` in a new interpreter; it prints one JSON line as its answer."""
    env = dict(os.environ, KIOSK_HARDWARE="mock", KIOSK_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def prelude(names: list[str]) -> str:
    return f"NAMES = {names!r}\nLATER = {sorted(screen_modules())!r}\n"


APP_UNTIL = """
    import asyncio, json, sys
    from kiosk.services.context import open_context
    from kiosk.ui.app import KioskApp

    seen = {}
    preload = KioskApp.preload_screens

    def first_preload(app, modules):
        # Welcome has been drawn and nothing is preloaded yet: what start-up itself imported.
        if "at_welcome" not in seen:
            seen["screen"] = type(app.screen).__name__
            seen["at_welcome"] = sorted(m for m in sys.modules if m in NAMES)
        preload(app, modules)

    KioskApp.preload_screens = first_preload

    async def main():
        app = KioskApp(open_context(create=True), heartbeat=False)
        async with app.run_test(size=(100, 30)) as pilot:
            seen["sign_in"] = app.screen.query_one("#sign-in").styles.background.hex
            for _ in range(300):  # only bounds a failure: one module per turn
                if all(m in sys.modules for m in LATER):
                    break
                await pilot.pause()
            seen["later"] = sorted(m for m in sys.modules if m in NAMES)
        print(json.dumps(seen))

    asyncio.run(main())
"""


def screen_modules() -> set[str]:
    """Every module in kiosk/ui/screens/."""
    folder = ROOT / "kiosk" / "ui" / "screens"
    return {
        f"kiosk.ui.screens.{path.stem}" for path in folder.glob("*.py") if path.stem != "__init__"
    }


def test_welcome_is_drawn_before_the_other_screens_are_imported(tmp_path):
    names = sorted({*NOT_AT_START, *screen_modules()})
    seen = run_fresh(prelude(names) + textwrap.dedent(APP_UNTIL), tmp_path)
    assert seen["screen"] == "WelcomeScreen"
    assert not set(seen["at_welcome"]) & set(NOT_AT_START)
    # Then, before anyone can tap twice, every screen a visitor or staff reaches is ready
    # (every module in the folder, listed here independently of the app).
    assert screen_modules() <= set(seen["later"])


def test_the_stylesheet_has_the_kiosk_theme_before_anything_is_drawn(tmp_path):
    seen = run_fresh(prelude([]) + textwrap.dedent(APP_UNTIL), tmp_path)
    # The theme is set without Textual's watcher (a whole restyle at start): Sign in must
    # still have the kiosk's darker blue (5:1 for its text), not Textual's default.
    assert seen["sign_in"].upper() == KIOSK_THEME.primary.upper()


def test_importing_the_app_leaves_the_later_screens_for_later(tmp_path):
    seen = run_fresh(
        f"""
        import json, sys
        import kiosk.ui.app
        print(json.dumps({{"loaded": [m for m in {list(NOT_AT_START)!r} if m in sys.modules]}}))
        """,
        tmp_path,
    )
    assert seen["loaded"] == []
