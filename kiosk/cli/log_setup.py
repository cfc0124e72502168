"""Where the touchscreen app's log lines go: the journal on the Pi, a file for the demo.

Textual owns the terminal (the foyer screen) while the app runs and swallows anything
written to stderr, so a plain stream handler would lose the hardware fallback warning and
the traceback of a crash, the two lines an IT person most needs. On the Pi, the kiosk's
process belongs to kiosk.service, so lines sent to the syslog socket show up in
`journalctl -u kiosk.service`. The demo has no journal worth reading: it logs to a file
next to its data folder and says where.
"""

from __future__ import annotations

import logging
import logging.handlers
import socket
import stat
from pathlib import Path

SYSLOG_SOCKET = Path("/dev/log")
LOGGERS = ("kiosk", "hardware")
JOURNAL_FORMAT = "kiosk[%(process)d]: %(levelname)s %(name)s: %(message)s"
FILE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_to_journal(socket_path: Path = SYSLOG_SOCKET) -> str:
    """Send INFO and above to the syslog socket when there is one; say where they go."""
    if not _is_socket(socket_path):
        return "nowhere (no syslog socket)"
    try:
        handler: logging.Handler = logging.handlers.SysLogHandler(
            address=str(socket_path), socktype=socket.SOCK_DGRAM
        )
    except OSError as exc:
        return f"nowhere ({socket_path}: {exc.strerror or exc})"
    handler.setFormatter(logging.Formatter(JOURNAL_FORMAT))
    _attach(handler)
    return f"the journal ({socket_path})"


def log_to_file(path: Path) -> str:
    """The demo's log: a file it names in its banner, readable only by whoever ran it."""
    path.touch(mode=0o600, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FILE_FORMAT))
    _attach(handler)
    return str(path)


def demo_log_path(data_dir: Path) -> Path:
    """Beside the demo's data folder, like its PIN key: the folder holds records only."""
    return data_dir.with_name(data_dir.name + ".log")


def _attach(handler: logging.Handler) -> None:
    # On the root logger: Python's last resort (stderr, the foyer screen) is then never used,
    # and libraries' own warnings (asyncio, Textual) are kept too.
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "kiosk_handler", False)]:
        root.removeHandler(old)
        old.close()
    handler.setLevel(logging.INFO)
    handler.kiosk_handler = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)


def _is_socket(path: Path) -> bool:
    try:
        return stat.S_ISSOCK(path.stat().st_mode)
    except OSError:
        return False
