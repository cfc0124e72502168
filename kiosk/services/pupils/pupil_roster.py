"""The pupil roster kept in the store: listed, searched when storing a phone, flagged.

Pupils are a reference table of their own (tables/pupils-N.json, a TinyDB database read only
when asked for: a sign-in never reads the roster; docs/records.md). Reads take no lock; a
change is one audited transaction that names the pupil's MIS id only, never the name: the
audit trail outlives the roster.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

from kiosk.domain.pupil_index import PupilIndex
from kiosk.domain.pupils import Pupil, normalise_pupil_id
from kiosk.errors import NotFound
from kiosk.services.context import KioskContext
from kiosk.store import RecordStore

PUPILS = "pupils"
SEARCH_MIN = 2  # letters typed before any name is shown: the foyer screen is public
SEARCH_LIMIT = 8

T = TypeVar("T")


def _sort_key(pupil: Pupil) -> tuple[bool, str, str, str]:
    return (not pupil.active, pupil.surname.casefold(), pupil.forename.casefold(), pupil.id)


def roster_in_use(context: KioskContext) -> bool:
    """Whether the school has imported a roster (the phone form then picks pupils from it)."""
    return context.store.count(PUPILS) > 0  # without copying the roster


def list_pupils(context: KioskContext, include_left: bool = False) -> list[Pupil]:
    """The roster by surname; pupils who left only with `include_left` (after the others)."""
    pupils = [Pupil.from_record(r) for r in context.store.live(PUPILS)]
    return sorted((p for p in pupils if p.active or include_left), key=_sort_key)


def get_pupil(context: KioskContext, pupil_id: str) -> Pupil:
    record = context.store.get_live(PUPILS, normalise_pupil_id(pupil_id))
    if record is not None:
        return Pupil.from_record(record)
    raise NotFound(f"no pupil with id {pupil_id.strip()} (see 'kiosk pupils list')")


def search_pupils(context: KioskContext, typed: str, limit: int = SEARCH_LIMIT) -> list[Pupil]:
    """Pupils on the roster whose forename, surname or full name starts with what was typed.

    Nothing until SEARCH_MIN letters, and never pupils who have left.
    """
    if len("".join(typed.split())) < SEARCH_MIN:
        return []
    return pupil_index(context).search(typed, limit)


class RosterCache(Generic[T]):
    """Something built from the roster (a search index), kept for each store until the
    roster changes. Keyed on `store.table_version`, not on a file's stamp: at the
    touchscreen a roster change may be only a journal line, and live.json is rewritten by
    checkpoints that change nothing in the roster. (The version also names the journal, so a
    checkpoint still costs one rebuild.)"""

    def __init__(self, build: Callable[[list[Pupil]], T]) -> None:
        self._build = build
        # store -> (roster version, what was built); forgotten with the store
        self._kept: WeakKeyDictionary[RecordStore, tuple[object, T]] = WeakKeyDictionary()

    def get(self, context: KioskContext) -> T:
        """What was built from the roster as it is now (built again only if it changed)."""
        store = context.store
        version = store.table_version(PUPILS)
        kept = self._kept.get(store)
        if kept is not None and kept[0] == version:
            return kept[1]
        built = self._build(list_pupils(context))
        self._kept[store] = (version, built)
        return built


_pupil_indexes: RosterCache[PupilIndex] = RosterCache(PupilIndex.build)


def pupil_index(context: KioskContext) -> PupilIndex:
    """The index of the roster as it is now (built again only when the roster changed)."""
    return _pupil_indexes.get(context)


def set_parent_only(
    context: KioskContext, pupil_id: str, parent_only: bool, actor: str = "admin-cli"
) -> Pupil:
    """Set or clear "phone returns to a parent or carer only" for one pupil."""
    wanted = normalise_pupil_id(pupil_id)
    with context.store.transaction() as tx:
        if tx.get(PUPILS, wanted) is None:
            raise NotFound(f"no pupil with id {pupil_id.strip()} (see 'kiosk pupils list')")
        record = tx.update(PUPILS, wanted, {"parent_only": parent_only})
        tx.audit(
            context.now_iso(),
            actor,
            "pupil-parent-only" if parent_only else "pupil-parent-only-cleared",
            wanted,
            "",
        )
    return Pupil.from_record(record)


def set_office_release(
    context: KioskContext, pupil_id: str, office_release: bool, actor: str = "admin-cli"
) -> Pupil:
    """Set or clear "release only with the office" for one pupil: staff handing the pupil
    to a collecting adult are told to check with the office first. The reason is never
    stored, and the public screen never shows the flag. A roster re-import keeps it."""
    wanted = normalise_pupil_id(pupil_id)
    with context.store.transaction() as tx:
        if tx.get(PUPILS, wanted) is None:
            raise NotFound(f"no pupil with id {pupil_id.strip()} (see 'kiosk pupils list')")
        record = tx.update(PUPILS, wanted, {"office_release": office_release})
        action = "pupil-office-release" if office_release else "pupil-office-release-cleared"
        tx.audit(context.now_iso(), actor, action, wanted, "")
    return Pupil.from_record(record)
