"""Issue 22: each record carries the id of the kiosk that wrote it, set once at install
(`[kiosk] kiosk_id` in kiosk.toml), and so does every month file and journal line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from kiosk.services.context import open_context
from kiosk.services.visitors.sign_in import sign_in
from kiosk.services.visitors.sign_out import sign_out_visit
from tests.admin.seeding import RULES
from tests.store.test_flat_writes import VISITOR


def settings(tmp_path: Path, kiosk_id: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\nkiosk_id = "{kiosk_id}"\n')
    return path


def test_records_files_and_journal_lines_name_their_kiosk(tmp_path: Path) -> None:
    context = open_context(settings(tmp_path, "east-gate"), tmp_path / "data", create=True)
    visit = sign_in(context, VISITOR, RULES)
    assert context.store.find("visits", visit.id)["kiosk"] == "east-gate"
    closed = sign_out_visit(context, visit.id, "name")
    # The store's own field, beside the visit's: the kiosk that made it.
    assert context.store.find("visits", visit.id)["kiosk"] == "east-gate"
    month = closed.signed_in_at[:7]
    header = json.loads(context.store.history_path("visits", month).read_text().splitlines()[0])
    assert header["_meta"]["kiosk"] == "east-gate"
    journal = context.store.journal_path().read_text().splitlines()[1:]
    assert journal and all('"kiosk":"east-gate"' in line for line in journal)


@pytest.mark.parametrize("bad", ["", "two words", "x" * 33, "café"])
def test_a_kiosk_id_is_a_short_plain_name(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ConfigError, match="kiosk_id"):
        load_config(settings(tmp_path, bad))
