"""Loading the phone rules file named in the config, and the extra agreement documents."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

from kiosk.domain.agreements import RULES_DOCUMENT, AgreementDocument, document_title
from kiosk.domain.rules import PhoneRules, make_rules, rules_version
from kiosk.errors import ConfigError

RULES_MAX_BYTES = 20_000
RULES_TITLE = "phone rules"  # as in "Our phone rules changed on 3 March"


def read_document(path: Path, what: str = "rules file") -> str:
    """The text of a Markdown document a visitor reads standing up; ConfigError if unusable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{what} {path} cannot be read ({exc.strerror})") from None
    if len(raw) > RULES_MAX_BYTES:
        raise ConfigError(f"{what} {path} is too long to read standing up (over 20 kB)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{what} {path} is not UTF-8 text") from None
    if not text.strip():
        raise ConfigError(f"{what} {path} is empty")
    return text


def load_rules(path: Path) -> PhoneRules:
    return make_rules(read_document(path), str(path))


def changed_on(path: Path, tz: tzinfo) -> datetime | None:
    """When the file was last replaced (school-local), or None if that cannot be told."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, tz)
    except OSError:
        return None


def rules_document(rules: PhoneRules, tz: tzinfo) -> AgreementDocument:
    """The phone rules as one of a visitor's agreements."""
    moment = changed_on(Path(rules.source), tz)
    return AgreementDocument(
        name=RULES_DOCUMENT,
        title=RULES_TITLE,
        text=rules.text,
        version=rules.version,
        changed_on=moment.date() if moment else None,
    )


def load_agreement(path: Path, tz: tzinfo) -> AgreementDocument:
    text = read_document(path, "agreement file")
    moment = changed_on(path, tz)
    return AgreementDocument(
        name=path.stem,
        title=document_title(text, path.stem.replace("-", " ").capitalize()),
        text=text,
        version=rules_version(text),
        changed_on=moment.date() if moment else None,
    )


def agreements_for(
    agreements: dict[str, tuple[Path, ...]], visitor_type: str, tz: tzinfo
) -> list[AgreementDocument]:
    """The extra documents (beyond the phone rules) this visitor type agrees to, in order.

    Read each time, not at start-up: the school may replace a file, and the version stored
    with the visit must be the wording on screen."""
    return [load_agreement(path, tz) for path in agreements.get(visitor_type, ())]
