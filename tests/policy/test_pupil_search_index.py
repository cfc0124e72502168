"""Issue 22: the phone form's pupil search answers each letter from an index of name
prefixes, not by reading and comparing the whole roster, with the same answers."""

from __future__ import annotations

from itertools import islice

from kiosk.domain.pupils import matches
from kiosk.services.context import KioskContext
from kiosk.services.pupils.pupil_roster import PUPILS, list_pupils, search_pupils
from tests.policy.term_data import FORENAMES, SURNAMES, load_roster, primary_roster

TYPED = [
    *(name[:n] for name in (*FORENAMES[:8], *SURNAMES[:8]) for n in (2, 3, len(name))),
    "amelia s", "Lewis", "hart", "o'b", "  ja  ", "zz", "Noah Smi", "LEWIS-HART",
]  # fmt: skip


def scan(context: KioskContext, typed: str, limit: int = 8) -> list[str]:
    """What the search answered before the index: every pupil compared."""
    return [p.id for p in islice((p for p in list_pupils(context) if matches(p, typed)), limit)]


def test_the_index_gives_the_same_answers_as_comparing_every_pupil(
    context: KioskContext,
) -> None:
    load_roster(context, size=2000)
    for typed in TYPED:
        assert [p.id for p in search_pupils(context, typed)] == scan(context, typed), typed


def test_typing_reads_the_roster_once_not_at_every_letter(
    context: KioskContext, monkeypatch
) -> None:
    load_roster(context, size=5000)
    reads: list[str] = []
    real = context.store.live

    def counted(kind: str) -> list[dict]:
        reads.append(kind)
        return real(kind)

    monkeypatch.setattr(context.store, "live", counted)
    for n in range(2, 12):
        search_pupils(context, "Amelia Smith"[:n])
    assert reads.count(PUPILS) <= 1


def test_a_changed_roster_is_searched_at_once(context: KioskContext) -> None:
    pupils = load_roster(context, size=30)
    assert search_pupils(context, "Zebedee") == []
    renamed = primary_roster(size=30)
    renamed[0].forename = "Zebedee"
    from kiosk.domain.roster_csv import read_roster
    from kiosk.services.pupils.roster_import import import_roster
    from tests.policy.term_data import roster_csv

    import_roster(context, read_roster(roster_csv(renamed)), actor="test")
    assert [p.id for p in search_pupils(context, "Zebedee")] == [pupils[0].id]
