"""The phone rules a visitor agrees to: the text and its version (a hash of the text)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class PhoneRules:
    text: str
    version: str
    source: str


def rules_version(text: str) -> str:
    """Short hash of the text: a visit records exactly which wording was agreed to."""
    normalised = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def make_rules(text: str, source: str) -> PhoneRules:
    return PhoneRules(text=text, version=rules_version(text), source=source)
