"""`kiosk purge` applies retention to pupils who left and to the log of letters home."""

from __future__ import annotations

from pathlib import Path

from kiosk.domain.letters_log import LETTERS
from kiosk.domain.roster_csv import read_roster
from kiosk.services.pupils.pupil_roster import PUPILS, list_pupils
from kiosk.services.pupils.roster_import import import_roster
from tests.admin.seeding import at
from tests.policy.term_data import primary_roster, roster_csv


def test_purge_removes_leavers_and_old_letters_after_their_periods(context, admin, tmp_path):
    pupils = primary_roster()
    at(context, "2025-07-01T09:00:00")
    import_roster(context, read_roster(roster_csv(pupils)))
    at(context, "2025-09-03T09:00:00")  # Year 6 left in the summer
    import_roster(context, read_roster(roster_csv(pupils[:180])))
    with context.store.transaction() as tx:
        for day in ("2025-06-01", "2026-11-20"):
            tx.insert(LETTERS, {"id": f"L-{day}", "day": day, "pupil_key": "001001",
                                "phone_ids": [], "printed_at": f"{day}T16:00:00Z"})  # fmt: skip
    config = tmp_path / "kiosk.toml"
    config.write_text("[retention]\nleavers_days = 365\nletters_days = 365\n")
    at(context, "2026-09-02T09:00:00")  # 364 days after they left: kept
    dry = admin("purge", "--dry-run", "--config", str(config))
    assert "pupils: would delete 0 who left over 365 days ago" in dry.stdout
    assert "letters: would delete 1 log entries older than 365 days" in dry.stdout
    at(context, "2026-09-04T09:00:00")
    done = admin("purge", "--config", str(config))
    assert done.returncode == 0, done.stderr
    assert "pupils: deleted 30 who left over 365 days ago" in done.stdout
    assert "letters: deleted 1 log entries" in done.stdout
    assert len(list_pupils(context, include_left=True)) == 180
    assert [e["id"] for e in context.store.live(LETTERS)] == ["L-2026-11-20"]
    entry = context.store.audit_entries()[-1]
    assert entry["action"] == "purge-roster"
    assert entry["detail"] == "pupils who left: 30; letters-log entries: 1"
    # Gone from every file in the data folder, not only from the roster as read: the journal
    # and the table files' previous versions kept for recovery hold no earlier roster.
    left_id = pupils[-1].id
    folder = context.store.data_dir
    assert not [p for p in folder.rglob("*") if p.is_file() and f'"{left_id}"' in p.read_text()]
    again = admin("purge", "--config", str(config))
    assert again.stdout.rstrip().endswith("nothing is past its retention period")


def test_purge_keeps_pupils_on_roll_whatever_their_age(context, admin) -> None:
    at(context, "2020-09-01T09:00:00")
    import_roster(context, read_roster(roster_csv(primary_roster())))
    at(context, "2026-11-25T09:00:00")
    admin("purge")
    assert len(context.store.live(PUPILS)) == 210


def test_phone_records_keep_the_name_after_the_pupil_is_purged(term, admin, tmp_path: Path):
    phones = [r for r in term.store.records("phones") if r.get("pupil_id")]
    leaver_id = phones[0]["pupil_id"]
    with term.store.transaction() as tx:
        tx.update(PUPILS, leaver_id, {"active": False, "left_at": "2026-09-01T09:00:00+01:00"})
    config = tmp_path / "kiosk.toml"
    config.write_text("[retention]\nleavers_days = 30\n")
    admin("purge", "--config", str(config))
    assert leaver_id not in {p.id for p in list_pupils(term, include_left=True)}
    report = admin("report", "phones", "--format", "csv").stdout
    assert phones[0]["pupil_name"] in report
