"""The pupil search at the public foyer screen: a full first name and two letters of the
surname, answered from an index of the roster (kiosk.domain.pupil_name_search).

The index is built once per roster version and kept for the store, so each letter typed is a
binary search, never a read of the roster. A journey takes the index when it starts
(`public_index`) and searches it for every letter.
"""

from __future__ import annotations

from kiosk.domain.pupil_name_search import PublicPupilIndex
from kiosk.services.context import KioskContext
from kiosk.services.pupils.pupil_roster import RosterCache

_public_indexes: RosterCache[PublicPupilIndex] = RosterCache(PublicPupilIndex.build)


def public_index(context: KioskContext) -> PublicPupilIndex:
    """The index of the roster as it is now (built again only when the roster changed)."""
    return _public_indexes.get(context)
