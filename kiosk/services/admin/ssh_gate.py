"""What the restricted SSH export account may run: a short allow-list, checked word by word.

sshd hands the client's command line to the forced command as SSH_ORIGINAL_COMMAND. It is
never given to a shell: it is checked character by character, split with shlex (POSIX
rules) and every word must be on the list below, so `export visits; rm -rf /`, `$(id)`,
`--data-dir /etc` or `--output /tmp/x` are refused before anything runs. The data folder
and settings come from the kiosk's side (the forced command), never from the client.
"""

from __future__ import annotations

import re
import shlex
import string
from dataclasses import dataclass, field

from kiosk.services.context import KioskContext

MAX_COMMAND_LENGTH = 500
AUDIT_EXCERPT = 200
# Everything an allowed command needs, and nothing a shell would treat specially.
SAFE_CHARACTERS = frozenset(string.ascii_letters + string.digits + " -_=.:")
DATE_WORD = re.compile(r"^[0-9-]{1,12}$")  # the kiosk checks it is a real date
ANCHOR_WORD = re.compile(r"^[0-9]{1,12}:[0-9a-f]{64}$")  # SEQ:HASH from `kiosk audit head`
TERM_WORD = re.compile(r"^(current|[0-9]{4}-[0-9]{1,2})$")  # the kiosk checks the term exists
USAGE = (
    "usage: ssh kiosk-export@HOST COMMAND, where COMMAND is one of: "
    "export {visits,phones,audit,incidents,attendance,staff-attendance} [--since YYYY-MM-DD]"
    " [--until YYYY-MM-DD]"
    " [--format csv|json]"
    " | report {phones,attendance} [--term current|YYYY-N] [--since YYYY-MM-DD]"
    " [--until YYYY-MM-DD] [--format text|csv|json] [--table weeks|reasons]"
    " | report fire [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format text|csv|json]"
    " | attendance [--date YYYY-MM-DD] [--format text|csv|json]"
    " | onsite [--format text|csv|json|html]"
    " | phones [--all] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format text|csv|json]"
    " | audit verify [--anchor SEQ:HASH] | audit head"
)
ADMIN_ONLY = {"--output", "--force", "--data-dir", "--config"}


@dataclass(frozen=True)
class Allowed:
    positionals: tuple[frozenset[str], ...] = ()  # one set of allowed words per position
    flags: frozenset[str] = frozenset({"--help", "-h"})
    # None: a date; a pattern: a value matching it
    options: dict[str, frozenset[str] | re.Pattern[str] | None] = field(default_factory=dict)


# --from and --to are the same as --since and --until
DATES: dict[str, frozenset[str] | None] = {
    "--since": None,
    "--until": None,
    "--from": None,
    "--to": None,
}
EXPORTS = frozenset({"visits", "phones", "audit", "incidents", "attendance", "staff-attendance"})
ALLOWED: dict[str, Allowed] = {
    "export": Allowed(
        positionals=(EXPORTS,),
        options={**DATES, "--format": frozenset({"csv", "json"})},
    ),
    "report": Allowed(
        positionals=(frozenset({"phones", "fire", "attendance"}),),
        options={
            **DATES,
            "--term": TERM_WORD,
            "--format": frozenset({"text", "csv", "json"}),
            "--table": frozenset({"weeks", "reasons"}),
        },
    ),
    # the day's late arrivals and collections, with suggested codes for the register
    "attendance": Allowed(options={"--date": None, "--format": frozenset({"text", "csv", "json"})}),
    "onsite": Allowed(options={"--format": frozenset({"text", "csv", "json", "html"})}),
    "phones": Allowed(
        flags=frozenset({"--help", "-h", "--all"}),
        options={**DATES, "--format": frozenset({"text", "csv", "json"})},
    ),
    # `audit head` lets the office save the head (an anchor) outside the Pi.
    "audit": Allowed(
        positionals=(frozenset({"verify", "head"}),), options={"--anchor": ANCHOR_WORD}
    ),
}


class Refused(Exception):
    """The command is not allowed; `reason` is one line for the client and the audit trail."""

    def __init__(self, reason: str, show_usage: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.show_usage = show_usage


def sanitise(text: str | None, limit: int = AUDIT_EXCERPT) -> str:
    """Printable ASCII only (others escaped, e.g. a newline as \\n), at most `limit` chars in."""
    if text is None:
        return "(none)"
    shown = "".join(
        c if c.isascii() and c.isprintable() else c.encode("unicode_escape").decode("ascii")
        for c in text[:limit]
    )
    return shown + (f"... ({len(text)} characters)" if len(text) > limit else "")


def _word(text: str) -> str:
    return sanitise(text, 40)


def check_ssh_command(raw: str | None) -> list[str]:
    """The argument list to run, or Refused saying why not."""
    if raw is None or not raw.strip():
        raise Refused("no command given (this account only runs exports)", show_usage=True)
    if len(raw) > MAX_COMMAND_LENGTH:
        raise Refused(f"command too long ({len(raw)} characters; at most {MAX_COMMAND_LENGTH})")
    bad = next((c for c in raw if c not in SAFE_CHARACTERS), None)
    if bad is not None:
        raise Refused(f"character {_word(bad)!r} is not allowed")
    try:
        words = shlex.split(raw, posix=True)
    except ValueError as exc:
        raise Refused(f"cannot read the command ({exc})") from None
    command, rest = words[0], words[1:]
    allowed = ALLOWED.get(command)
    if allowed is None:
        raise Refused(
            f"{_word(command)!r} is not allowed; "
            "allowed: export, report, onsite, phones, attendance, audit verify, audit head",
            show_usage=True,
        )
    _check_words(command, rest, allowed)
    return words


def _check_words(command: str, words: list[str], allowed: Allowed) -> None:
    positionals: list[str] = []
    position = 0
    while position < len(words):
        word = words[position]
        position += 1
        if not word.startswith("-"):
            positionals.append(word)
            continue
        name, has_value, value = word.partition("=")
        if name in ADMIN_ONLY:
            raise Refused(f"{name} is not allowed over SSH (the kiosk decides where data goes)")
        if name in allowed.flags and not has_value:
            continue
        if name not in allowed.options:
            raise Refused(f"option {_word(name)!r} is not allowed with {command}")
        if not has_value:
            if position >= len(words):
                raise Refused(f"{name} needs a value")
            value = words[position]
            position += 1
        choices = allowed.options[name]
        if choices is None and not DATE_WORD.match(value):
            raise Refused(f"{name} {_word(value)!r} is not a date (use YYYY-MM-DD)")
        if isinstance(choices, re.Pattern):
            if not choices.match(value):
                wanted = "a term (current or YYYY-N)" if name == "--term" else "SEQ:HASH"
                raise Refused(f"{name} {_word(value)!r} is not {wanted}")
        elif choices is not None and value not in choices:
            raise Refused(f"{name} must be one of: {', '.join(sorted(choices))}")
    if len(positionals) > len(allowed.positionals):
        raise Refused(f"{command}: unexpected {_word(positionals[len(allowed.positionals)])!r}")
    asks_help = any(word in ("--help", "-h") for word in words)
    for index, choices in enumerate(allowed.positionals):
        if index >= len(positionals) and asks_help:
            break  # `export --help`: argparse shows the help without a kind
        if index >= len(positionals):
            raise Refused(f"{command} needs one of: {', '.join(sorted(choices))}", show_usage=True)
        if positionals[index] not in choices:
            raise Refused(
                f"{command} {_word(positionals[index])!r} is not allowed; "
                f"choose one of: {', '.join(sorted(choices))}"
            )


def client_address(ssh_client: str | None) -> str:
    """The client's IP from SSH_CLIENT ('ip port port'), or 'unknown'."""
    first = (ssh_client or "").split(" ")[0]
    if first and all(c in string.hexdigits + ".:" for c in first) and len(first) <= 45:
        return first
    return "unknown"


SSH_ACTOR = "ssh-export"  # who the audit trail says acted, for everything done over SSH


def record_ssh_event(context: KioskContext, action: str, detail: str) -> None:
    """One audit entry for the SSH export account: "ssh-refused" or "ssh-command"."""
    with context.store.transaction() as tx:
        tx.audit(context.now_iso(), SSH_ACTOR, action, "", detail)
