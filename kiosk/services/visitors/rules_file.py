"""Loading the phone rules file named in the config, and the extra agreement documents,
in the visitor's language where the school has translated them.

A translation is a file the school puts beside the English one, named with the language's
code: rules.pl.md beside rules.md, agreements/asbestos-register.pl.md beside
agreements/asbestos-register.md. It is versioned by a hash of its own text, as the English
is. A language with no translation of a document (or one that cannot be read: `kiosk check`
names it) gets the English, and the document says which language it is in.
"""

from __future__ import annotations

import logging
from datetime import datetime, tzinfo
from pathlib import Path

from kiosk.domain.agreements import RULES_DOCUMENT, AgreementDocument, document_title
from kiosk.domain.languages import ENGLISH_CODE, N_
from kiosk.domain.rules import PhoneRules, make_rules, rules_version
from kiosk.errors import ConfigError

log = logging.getLogger("kiosk.rules")

RULES_MAX_BYTES = 20_000
RULES_TITLE = N_("phone rules")  # as in "Our phone rules changed on 3 March"


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


def translation_path(path: Path, language: str) -> Path:
    """Where the school puts a document's translation: rules.md -> rules.pl.md."""
    return path.with_name(f"{path.stem}.{language}{path.suffix}")


def read_translation(path: Path, language: str, what: str) -> str | None:
    """The translation's text; None when there is none (or for English). ConfigError when
    there is one that cannot be used (what `kiosk check` reports)."""
    if language == ENGLISH_CODE:
        return None
    translated = translation_path(path, language)
    if not translated.exists():
        return None
    return read_document(translated, f"{what} ({language})")


def _translation_or_none(path: Path, language: str, what: str) -> str | None:
    try:
        return read_translation(path, language, what)
    except ConfigError as exc:  # the visitor reads the English; the office sees kiosk check
        log.warning("%s; the English is shown instead", exc)
        return None


def load_rules(path: Path, language: str = ENGLISH_CODE) -> PhoneRules:
    """The phone rules in `language` when the school has translated them, else in English."""
    english = read_document(path)
    translated = _translation_or_none(path, language, "rules file")
    if translated is None:
        return make_rules(english, str(path))
    return make_rules(translated, str(path), language, rules_version(english))


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
        language=rules.language,
        english_version=rules.english_version,
    )


def load_agreement(path: Path, tz: tzinfo, language: str = ENGLISH_CODE) -> AgreementDocument:
    """One agreement, in `language` when translated (its title from its own heading)."""
    english = read_document(path, "agreement file")
    translated = _translation_or_none(path, language, "agreement file")
    text = english if translated is None else translated
    moment = changed_on(path, tz)
    return AgreementDocument(
        name=path.stem,
        title=document_title(text, path.stem.replace("-", " ").capitalize()),
        text=text,
        version=rules_version(text),
        changed_on=moment.date() if moment else None,
        language=ENGLISH_CODE if translated is None else language,
        english_version="" if translated is None else rules_version(english),
    )


def agreements_for(
    agreements: dict[str, tuple[Path, ...]],
    visitor_type: str,
    tz: tzinfo,
    language: str = ENGLISH_CODE,
) -> list[AgreementDocument]:
    """The extra documents (beyond the phone rules) this visitor type agrees to, in order,
    in `language` where translated.

    Read each time, not at start-up: the school may replace a file, and the version stored
    with the visit must be the wording on screen."""
    return [load_agreement(path, tz, language) for path in agreements.get(visitor_type, ())]


def translation_problems(
    rules_file: Path, agreements: dict[str, tuple[Path, ...]], languages: tuple[str, ...]
) -> list[str]:
    """For `kiosk check`: a line for each translation that is there but cannot be used."""
    paths = [(rules_file, "rules file")]
    paths += [(p, "agreement file") for p in sorted({p for ps in agreements.values() for p in ps})]
    found = []
    for language in languages:
        for path, what in paths:
            try:
                read_translation(path, language, what)
            except ConfigError as exc:
                found.append(f"{exc}; visitors are shown the English")
    return found
