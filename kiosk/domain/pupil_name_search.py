"""Finding a pupil at the public foyer screen, without ever listing pupils from a few letters.

Anyone can stand at the foyer screen, so a pupil is shown only once a FULL first name and at
least the first two letters of the surname are typed ("Amy Sm"), folded as sign-out folds
names (accents, case and punctuation: "zoe oneil" finds Zoë O'Neill). A first name is the
whole forename ("Mary-Jane") or its first word ("Mary"); the surname's letters may start any
part of a double-barrelled or several-word surname ("Amy Jo" finds Amy Smith-Jones). What is
shown is the first name, the surname's initial and the class: never more.

The roster is kept as a sorted list of "forename surname" keys, so each letter typed is one
binary search, whatever the size of the roster (a secondary's 1,500 pupils). Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.domain.name_folding import fold, folded_words
from kiosk.domain.pupil_index import prefix_matches
from kiosk.domain.pupils import Pupil
from kiosk.domain.staff_directory import SURNAME_LETTERS


def _forename_keys(pupil: Pupil) -> set[str]:
    words = folded_words(pupil.forename)
    return {fold(pupil.forename), *words[:1]} - {""}


def _surname_keys(pupil: Pupil) -> set[str]:
    return {fold(pupil.surname), *folded_words(pupil.surname)} - {""}


def search_key(typed: str) -> str | None:
    """ "forename surname-start" folded, or None while too little is typed to show anyone."""
    words = folded_words(typed)
    if len(words) < 2 or len(words[-1]) < SURNAME_LETTERS:
        return None
    return "".join(words[:-1]) + " " + words[-1]


def public_label(pupil: Pupil) -> str:
    """What the foyer screen may show: "Amy S. · 4B" (the year when there is no class)."""
    initial = pupil.surname.strip()[:1].upper()
    group = pupil.class_name or pupil.year
    return f"{pupil.forename} {initial}." + (f" · {group}" if group else "")


@dataclass(frozen=True)
class PublicPupilIndex:
    pupils: tuple[Pupil, ...]  # in the order matches are shown
    keys: tuple[str, ...]  # sorted "forename surname" keys...
    owners: tuple[int, ...]  # ...and the position in `pupils` of each key's pupil

    @classmethod
    def build(cls, pupils: Iterable[Pupil]) -> PublicPupilIndex:
        ordered = tuple(
            sorted(
                (p for p in pupils if p.active),
                key=lambda p: (fold(p.surname), fold(p.forename), p.class_name, p.id),
            )
        )
        pairs = sorted(
            (f"{first} {last}", n)
            for n, pupil in enumerate(ordered)
            for first in _forename_keys(pupil)
            for last in _surname_keys(pupil)
        )
        return cls(ordered, tuple(k for k, _ in pairs), tuple(n for _, n in pairs))

    def __len__(self) -> int:
        return len(self.pupils)

    def search(self, typed: str, limit: int) -> list[Pupil]:
        """Pupils whose first name is what was typed first, and whose surname starts with
        the last word typed (at least two letters); nobody before that. At most `limit`."""
        wanted = search_key(typed)
        if wanted is None:
            return []
        found = prefix_matches(self.keys, self.owners, wanted, stop_after=limit)
        return [self.pupils[n] for n in sorted(found)[:limit]]
