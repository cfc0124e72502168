"""`kiosk check`: is the configuration valid and every data file readable?"""

from __future__ import annotations

import os

from kiosk.config import load_config
from kiosk.errors import KioskError
from kiosk.services.context import resolve_data_dir
from kiosk.services.rules_file import agreements_for, load_rules
from kiosk.store import RecordStore


def check_installation(
    config_path: str | os.PathLike[str] | None, data_dir: str | os.PathLike[str] | None
) -> list[str]:
    """One line per problem; empty when healthy. Reads only."""
    try:
        config = load_config(config_path)
    except KioskError as exc:
        return [str(exc)]
    problems: list[str] = []
    try:
        load_rules(config.rules_file)
    except KioskError as exc:
        problems.append(str(exc))
    for visitor_type in config.agreements:
        try:
            agreements_for(config.agreements, visitor_type, config.tz)
        except KioskError as exc:
            problems.append(str(exc))
    try:
        folder = resolve_data_dir(data_dir)
    except KioskError as exc:
        return [*problems, str(exc)]
    problems.extend(RecordStore(folder, config.tz).check())
    return problems
