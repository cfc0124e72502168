"""Documents a visitor agrees to: the phone rules for everyone, plus extra agreements per
visitor type (an asbestos register and a site induction for contractors, for example).

Each is versioned by a hash of its text, like the rules, so a visit records exactly which
wording was agreed to, and a regular visitor can be told when a document has changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

RULES_DOCUMENT = "phone-rules"  # the name the phone rules go by among a visitor's agreements


@dataclass(frozen=True)
class AgreementDocument:
    name: str  # from the file name: "asbestos-register"
    title: str  # the first heading: "Asbestos register"
    text: str
    version: str  # of the text shown: a translation has its own
    changed_on: date | None = None  # when the English file last changed, if known
    language: str = "en"  # the text's language (the English when it has no translation)
    english_version: str = ""  # the English file's version ("": this is the English)

    @property
    def original_version(self) -> str:
        """The English wording's version, whatever language was shown: a regular visitor is
        told of a change to the school's words, not of a change of language."""
        return self.english_version or self.version


def document_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            return stripped.lstrip("#").strip() or fallback
        if stripped:
            break
    return fallback


def _day(day: date, today: date) -> str:
    shown = f"{day.day} {day.strftime('%B')}"
    return shown if day.year == today.year else f"{shown} {day.year}"


def in_sentence(title: str) -> str:
    """A title as it reads inside a sentence: "Site induction" -> "site induction"; an
    acronym such as "COSHH sheet" keeps its case."""
    if len(title) > 1 and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def _our(title: str) -> str:
    return f"Our {in_sentence(title)}"


def change_notice(label: str, changed_on: date | None, today: date) -> str:
    """ "Our phone rules changed on 3 March" (without the date when it is not known)."""
    if changed_on is None:
        return f"{_our(label)} changed since your last visit"
    return f"{_our(label)} changed on {_day(changed_on, today)}"


def changed_documents(
    agreed: Mapping[str, str], documents: Sequence[AgreementDocument]
) -> list[AgreementDocument]:
    """The documents agreed to before whose (English) wording is different now.

    A document never agreed to before (a first visit, or a new document) is not a change."""
    return [
        doc for doc in documents if doc.name in agreed and agreed[doc.name] != doc.original_version
    ]


def changes_since(
    agreed: Mapping[str, str], documents: Sequence[AgreementDocument], today: date
) -> list[str]:
    """A line for each document agreed to before whose wording is different now."""
    return [
        change_notice(doc.title, doc.changed_on, today)
        for doc in changed_documents(agreed, documents)
    ]
