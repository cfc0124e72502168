"""A checkpoint stopped half-way (killed, or live.json could not be written on a full card)
leaves a new journal that live.json does not name yet. Every process must then write to that
journal: a kiosk that has been running all along too, not only a command started afterwards.
Otherwise the kiosk's next checkpoint would start that journal again, empty, and lose what the
other process had saved in it."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.store import RecordStore

TZ = ZoneInfo("Europe/London")


def test_a_running_kiosk_follows_a_journal_a_stopped_checkpoint_started(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = RecordStore.open(data_dir, TZ)
    with kiosk.transaction() as tx:
        tx.set_state("k0", "before")
    assert kiosk.state("k0") == "before"  # the kiosk holds its view of the folder

    # An admin command checkpoints; live.json cannot be written after the new journal is made.
    command = RecordStore.open(data_dir, TZ)

    def full_card(*_: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(command, "_write_live", full_card)
        with command.transaction() as tx:
            tx.set_state("c0", "committed")
            tx.force_checkpoint()
    assert command.write_failure, "the stopped checkpoint is reported"

    # The next command saves into the new journal.
    later = RecordStore.open(data_dir, TZ)
    with later.transaction() as tx:
        tx.set_state("c1", "saved by a command")

    # The kiosk, running all along, writes and checkpoints.
    with kiosk.transaction() as tx:
        tx.set_state("k1", "after")
        tx.force_checkpoint()

    fresh = RecordStore.open(data_dir, TZ)
    assert fresh.state("c0") == "committed"
    assert fresh.state("c1") == "saved by a command", "the command's saved state was lost"
    assert fresh.state("k1") == "after"
    assert fresh.check() == []
