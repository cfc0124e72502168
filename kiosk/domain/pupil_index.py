"""The roster as a sorted index of name prefixes: the pupil picker answers each letter with a
binary search instead of comparing every pupil on the roster. Pure: built from Pupils.

A pupil is found by what starts their forename, their surname, their whole name, or any
part of a double-barrelled surname: exactly `kiosk.domain.pupils.matches`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.domain.pupils import Pupil


def prefix_matches(
    keys: Sequence[str], owners: Sequence[int], wanted: str, stop_after: int | None = None
) -> set[int]:
    """The owners of the sorted `keys` that start with `wanted`: one binary search, then a
    scan of the matching run only. With `stop_after`, the scan ends once more than that many
    owners are found."""
    found: set[int] = set()
    position = bisect_left(keys, wanted)
    while position < len(keys) and keys[position].startswith(wanted):
        found.add(owners[position])
        position += 1
        if stop_after is not None and len(found) > stop_after:
            break
    return found


def _keys(pupil: Pupil) -> set[str]:
    surname = pupil.surname.casefold()
    return {
        pupil.forename.casefold(),
        surname,
        pupil.name.casefold(),
        *surname.replace("-", " ").split(),
    } - {""}


@dataclass(frozen=True)
class PupilIndex:
    pupils: tuple[Pupil, ...]  # in the order results are shown
    keys: tuple[str, ...]  # sorted name keys...
    owners: tuple[int, ...]  # ...and the position in `pupils` of each key's pupil

    @classmethod
    def build(cls, pupils: Iterable[Pupil]) -> PupilIndex:
        ordered = tuple(pupils)
        pairs = sorted((key, n) for n, pupil in enumerate(ordered) for key in _keys(pupil))
        return cls(ordered, tuple(k for k, _ in pairs), tuple(n for _, n in pairs))

    def search(self, typed: str, limit: int) -> list[Pupil]:
        """The first `limit` pupils (in the index's order) with a name starting `typed`."""
        wanted = " ".join(typed.split()).casefold()
        if not wanted:
            return []
        found = prefix_matches(self.keys, self.owners, wanted)
        return [self.pupils[n] for n in sorted(found)[:limit]]
