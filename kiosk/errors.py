"""Errors a user can act on. The CLI and UI show their message as one line, never a traceback."""

from __future__ import annotations


class KioskError(Exception):
    """A problem the person at the keyboard (or the IT admin) can fix; message is user-facing."""

    exit_code = 2


class ConfigError(KioskError):
    """The configuration file is missing, unreadable or has a wrong key, type or value."""


class DataFileError(KioskError):
    """A data file cannot be read; it is left exactly as it is."""

    exit_code = 3

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(
            f"data file {self.path} {problem}; it has not been changed. "
            f"To recover, run 'kiosk check', then restore {self.path}.bak (the last good copy) "
            f"or a backup over it."
        )


class NotFound(KioskError):
    """A record, staff member or label that the user named does not exist."""


class ValidationError(KioskError):
    """Input that was rejected; `field` says which form field the message belongs to."""

    def __init__(self, message: str, field: str = "") -> None:
        self.field = field
        super().__init__(message)
