"""The pupil search at the public foyer screen: a full first name and two letters of the
surname, answered from an index of the roster (kiosk.domain.pupil_name_search).

The index is built once per roster version and kept for the store, so each letter typed is a
binary search, never a read of the roster. A journey takes the index when it starts
(`public_index`) and searches it for every letter.
"""

from __future__ import annotations

import os
from weakref import WeakKeyDictionary

from kiosk.domain.pupil_name_search import PublicPupilIndex
from kiosk.services.context import KioskContext
from kiosk.services.pupils.pupil_roster import list_pupils
from kiosk.store import RecordStore

# store -> (roster version, index); forgotten with the store
_indexes: WeakKeyDictionary[RecordStore, tuple[object, PublicPupilIndex]] = WeakKeyDictionary()


def _roster_version(store: RecordStore) -> object:
    """Changes whenever the file holding the roster is replaced (every write replaces it)."""
    try:
        stat = os.stat(store.live_path)
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def public_index(context: KioskContext) -> PublicPupilIndex:
    """The index of the roster as it is now (built again only when the roster changed)."""
    store = context.store
    version = _roster_version(store)
    kept = _indexes.get(store)
    if kept is not None and kept[0] == version:
        return kept[1]
    index = PublicPupilIndex.build(list_pupils(context))
    _indexes[store] = (version, index)
    return index
