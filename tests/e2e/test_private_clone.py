"""The real-stack tests from a clone in a private folder (mode 0700, as root's home and
`mktemp -d` are): as root the stack runs as a throwaway user, who can enter neither the clone
nor a venv inside it, yet must still run this tree's kiosk.

The clone and its venv are stood in for by a copy of the tree and a link to the interpreter,
both inside a 0700 folder; the rest of the stack is not started.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from tests.e2e import wayland_stack
from tests.e2e.wayland_stack import WaylandStack, stack_account

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="only root runs the stack as another user"),
    pytest.mark.skipif(shutil.which("useradd") is None, reason="needs useradd (package passwd)"),
    pytest.mark.skipif(
        not Path("/usr/bin/python3").exists(), reason="needs the system's python3 (package python3)"
    ),
]


def test_a_clone_in_a_private_folder_runs_its_own_kiosk(monkeypatch) -> None:
    private = Path(tempfile.mkdtemp(prefix="private-clone-"))  # 0700, as mktemp -d makes
    stack_folder = Path(tempfile.mkdtemp(prefix="kiosk-wayland-"))
    stack_folder.chmod(0o755)
    try:
        clone = private / "clone"
        for folder in ("kiosk", "hardware", "data", "systemd"):
            shutil.copytree(wayland_stack.REPO / folder, clone / folder)
        (clone / "kiosk" / "private_marker.py").write_text("")
        venv_python = private / "venv" / "bin" / "python"
        venv_python.parent.mkdir(parents=True)
        venv_python.symlink_to(sys.executable)
        monkeypatch.setattr(wayland_stack, "REPO", clone)
        monkeypatch.setattr(wayland_stack.sys, "executable", str(venv_python))
        monkeypatch.setattr(
            wayland_stack.sysconfig, "get_paths", lambda: {"purelib": str(private / "site")}
        )

        with stack_account() as account:
            stack = WaylandStack(account, stack_folder)
            python, extra = stack.kiosk_python()
            found = account.run(
                [python, "-c", "import kiosk.private_marker as m, textual; print(m.__file__)"],
                stack.env(**extra),
            )
        assert found.returncode == 0, found.stderr.decode(errors="replace")
        # This tree's kiosk (the marker exists only in the private clone), read from a copy.
        assert found.stdout.decode().strip().startswith(str(stack_folder))
    finally:
        shutil.rmtree(private, ignore_errors=True)
        shutil.rmtree(stack_folder, ignore_errors=True)
