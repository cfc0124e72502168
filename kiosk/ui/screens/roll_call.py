"""Fire roll call: everyone signed in now, with a count, ticked off as they are found.

Reads the local records only, so it works with no network. The ticks live in this screen's
memory (nothing is written): a roll call is for the next few minutes on the field, and the
list must never lose someone because a tick was saved by mistake. It stays up without
touches (no idle reset) while it is being read out.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Static

from kiosk.errors import KioskError
from kiosk.services.fire.roll_call import OnSite, roll_call
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.touch_button import TouchButton


class PersonRow(Static):
    class Tapped(Message):
        def __init__(self, row: PersonRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, person: OnSite) -> None:
        super().__init__(markup=False, classes="person-row", id=f"person-{person.visit_id}")
        self.person = person
        self.accounted = False

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        p = self.person
        tick = "☑" if self.accounted else "☐"
        organisation = p.organisation or p.type_label
        lanyard = f"  ·  {p.lanyard} lanyard" if p.lanyard else ""
        self.update(
            f"{tick} {p.name}  ·  {organisation}\n"
            f"   visiting {p.host}  ·  in at {p.time_in}{lanyard}"
        )
        self.set_class(self.accounted, "-accounted")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Tapped(self))


class RollCallScreen(KioskScreen):
    CSS_PATH = "staff.tcss"
    IDLE_RESET = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield TouchButton("◀ Back", id="back")
            yield Static("Fire roll call", id="step-title")
        yield Static("", id="roll-count", markup=False)
        yield VerticalScroll(id="people")

    async def on_mount(self) -> None:
        try:
            people = roll_call(self.kiosk.context)
        except KioskError as exc:
            self.query_one("#roll-count", Static).update(str(exc))
            return
        listing = self.query_one("#people", VerticalScroll)
        if people:
            await listing.mount_all(PersonRow(p) for p in people)
        else:
            await listing.mount(Static("Nobody is signed in as a visitor.", id="nobody"))
        self.count()

    def count(self) -> tuple[int, int]:
        rows = list(self.query(PersonRow))
        found = sum(1 for r in rows if r.accounted)
        missing = len(rows) - found
        self.query_one("#roll-count", Static).update(
            f"On site: {len(rows)}    Accounted for: {found}    Still to find: {missing}"
        )
        return len(rows), found

    def on_person_row_tapped(self, message: PersonRow.Tapped) -> None:
        message.stop()
        # The second half of a double tap on "Fire roll call" lands on a row: it must not
        # count that visitor as found.
        if not self.tap_ok(f"person-{message.row.id}"):
            return
        message.row.accounted = not message.row.accounted
        message.row.show()
        self.count()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.pop_screen()
