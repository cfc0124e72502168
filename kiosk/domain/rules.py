"""The phone rules a visitor agrees to: the text and its version (a hash of the text)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class PhoneRules:
    text: str
    version: str  # of the text shown: a translation has its own
    source: str
    language: str = "en"  # the text's language (the English when it has no translation)
    english_version: str = ""  # the English file's version ("": this is the English)

    @property
    def original_version(self) -> str:
        """The English wording's version, whatever language was shown."""
        return self.english_version or self.version


def rules_version(text: str) -> str:
    """Short hash of the text: a visit records exactly which wording was agreed to."""
    normalised = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def make_rules(
    text: str, source: str, language: str = "en", english_version: str = ""
) -> PhoneRules:
    return PhoneRules(text, rules_version(text), source, language, english_version)
