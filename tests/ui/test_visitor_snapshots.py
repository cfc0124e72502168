"""Snapshots of every visitor screen of the tour (tests/screen_tour.py) at 80x24 (the panel
with large text), 100x30 (the panel) and 120x40.

Fixed clock (08:45), fixed pass tokens and fixed records, so the pictures only change when
the screens do. Update with `pytest tests/ui --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from tests.screen_tour import SNAPSHOT_SIZES, VISITOR_STOPS, size_id, visit, visitor_app

SIZES = [pytest.param(size, id=size_id(size)) for size in SNAPSHOT_SIZES]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(VISITOR_STOPS))
def test_visitor_screen(snap_compare, context, screen, size):
    async def run_before(pilot) -> None:
        await visit(pilot, VISITOR_STOPS[screen])

    assert snap_compare(visitor_app(context), terminal_size=size, run_before=run_before)
