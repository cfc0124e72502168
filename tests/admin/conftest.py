"""Fixtures for the admin command tests: a data folder path and the CLI bound to it."""

from __future__ import annotations

from collections.abc import Callable
from subprocess import CompletedProcess

import pytest

from kiosk.services.context import KioskContext
from tests.conftest import kiosk_cli

Admin = Callable[..., CompletedProcess[str]]


@pytest.fixture
def admin(context: KioskContext) -> Admin:
    """`admin("export", "visits")` runs `kiosk export visits --data-dir <the context's folder>`."""

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None):
        return kiosk_cli(*args, "--data-dir", str(context.store.data_dir), env=env, input=input)

    return run
