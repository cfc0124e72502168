"""Errors a user can act on. The CLI and UI show their message as one line, never a traceback."""

from __future__ import annotations

from kiosk.domain.languages import N_


class KioskError(Exception):
    """A problem the person at the keyboard (or the IT admin) can fix; message is user-facing."""

    exit_code = 2


class ConfigError(KioskError):
    """The configuration file is missing, unreadable or has a wrong key, type or value."""


class DataFileError(KioskError):
    """A data file cannot be read; it is left exactly as it is."""

    exit_code = 3
    RESTORE = "restore {path}.bak (the last good copy) or a backup over it"
    # Journal and month files are appended, not replaced: there is no .bak beside them.
    FROM_BACKUP = (
        "run 'kiosk check', then see 'When a data file is damaged' in docs/records.md "
        "(keep the file; restore a backup of it)"
    )
    # Not for a damaged file: the file is fine, the wrong user is reading it.
    RUN_AS_OWNER = "run the command as the data folder's owner, e.g. 'sudo -u kiosk kiosk ...'"

    def __init__(self, path: object, problem: str, advice: str = RESTORE) -> None:
        self.path = str(path)
        self.problem = problem
        if advice == self.RESTORE:
            advice = "run 'kiosk check', then " + advice.format(path=self.path)
        super().__init__(
            f"data file {self.path} {problem}; it has not been changed. To recover, {advice}."
        )


class DataWriteError(KioskError):
    """A data file could not be written (disk full, read-only, wrong owner): nothing was saved.

    One line naming the file and the cause; the records on disk are as they were before."""

    exit_code = 3

    def __init__(self, path: object, cause: str) -> None:
        self.path = str(path)
        self.cause = cause
        super().__init__(f"cannot write data file {self.path}: {cause}; nothing was saved")


class StoreBusy(KioskError):
    """Another writer held the data lock for longer than this one may wait (an admin command
    is saving): nothing was saved, and trying again in a moment works. Its one line suits
    both the touchscreen (a calm line, the screen stays) and the command line."""

    exit_code = 4
    # Translated where the touchscreen shows it (the visitor's language); English on the CLI.
    LINE = N_("The kiosk is busy for a moment: nothing was saved. Please try again.")

    def __init__(self, lock_path: object, waited: float) -> None:
        self.lock_path = str(lock_path)
        self.waited = waited
        super().__init__(self.LINE)


class NotFound(KioskError):
    """A record, staff member or label that the user named does not exist."""


class ValidationError(KioskError):
    """Input that was rejected; `field` says which form field the message belongs to.

    `problem` names what is wrong ("missing", "too-long", "no-letter", "characters") and
    `values` what the message says about it (the most allowed, the characters refused), so a
    screen in another language can say the same in its own words (kiosk/ui/language.py)."""

    def __init__(
        self,
        message: str,
        field: str = "",
        problem: str = "",
        values: dict[str, object] | None = None,
    ) -> None:
        self.field = field
        self.problem = problem
        self.values = values or {}
        super().__init__(message)
