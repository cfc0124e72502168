"""Snapshots of the staff screens of the tour (tests/screen_tour.py) at 80x24, 100x30 and
120x40.

Fixed data: the demo seed (one member of staff, three visitors, three phones) at a fixed
FakeClock time, so only a real change in layout or wording changes a picture.
"""

from __future__ import annotations

import pytest

from tests.screen_tour import SNAPSHOT_SIZES, STAFF_STOPS, size_id, staff_app, visit


@pytest.mark.parametrize("size", SNAPSHOT_SIZES, ids=size_id)
@pytest.mark.parametrize("name", list(STAFF_STOPS))
def test_staff_screen(snap_compare, context, monkeypatch, name, size):
    async def run_before(pilot):
        await visit(pilot, STAFF_STOPS[name])

    app = staff_app(context, monkeypatch)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
