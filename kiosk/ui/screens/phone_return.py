"""End-of-day return: the phones held, chosen by tap or by scanning a bag label.

Choosing phones opens nothing. The next screen asks who collects them (the pupil, or the
collecting adult, whose name a "parent or carer only" phone requires), and only its final
tap writes the records and opens the store, once, for the whole batch.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Static

from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.phones.phones_waiting import HeldPhone, find_by_label, phones_held
from kiosk.ui.messages import PhonesChosen
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.kiosk_input import KioskInput
from kiosk.ui.widgets.touch_button import TouchButton


class PhoneRow(Static):
    """One phone in the list; a tap selects or unselects it."""

    class Tapped(Message):
        def __init__(self, phone_id: str) -> None:
            super().__init__()
            self.phone_id = phone_id

    def __init__(self, phone: HeldPhone) -> None:
        super().__init__(markup=False, classes="phone-row", id=f"phone-{phone.id}")
        self.phone = phone
        self.selected = False

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        p = self.phone
        tick = "☑" if self.selected else "☐"
        flags = []
        if p.parent_only:
            flags.append("PARENT/CARER ONLY")
        if p.held_overnight:
            flags.append("held overnight")
        self.update(
            f"{tick} {p.pupil_name}  ·  {p.class_name}  ·  {p.bag_label}\n"
            f"   since {p.since}  ·  {p.description}"
            + (f"  ·  {', '.join(flags)}" if flags else "")
        )
        self.set_class(self.selected, "-selected")
        self.set_class(p.parent_only, "-parent-only")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Tapped(self.phone.id))


class PhoneReturnScreen(KioskScreen):
    CSS_PATH = "staff.tcss"

    def __init__(self, staff: Staff) -> None:
        super().__init__()
        self.staff = staff
        self._loaded = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield TouchButton("◀ Back", id="back")
            yield Static("Return phones", id="step-title")
            yield TouchButton("Return (0)", id="return-selected", variant="success")
        with Horizontal(id="scan-row"):
            yield Static("Scan a bag label:", id="scan-prompt")
            yield KioskInput(id="scan", placeholder="or tap phones below")
        yield Static("", id="return-message", classes="message", markup=False)
        yield VerticalScroll(id="phone-list")
        # The list scrolls, but a thin scrollbar is no hint at 80x24: say how many are hidden.
        yield Static("", id="more-below")

    async def on_mount(self) -> None:
        # Taps on the list must leave focus in the scan box, where the scanner types.
        listing = self.query_one("#phone-list", VerticalScroll)
        listing.can_focus = False
        self.watch(listing, "scroll_y", self.show_more_below, init=False)
        await self.reload()
        self._loaded = True
        self.query_one("#scan", KioskInput).focus()

    async def reload(self) -> None:
        """Show the phones held now (a return elsewhere may have changed them)."""
        listing = self.query_one("#phone-list", VerticalScroll)
        chosen = self.selected_ids()
        try:
            phones = phones_held(self.kiosk.context)
        except KioskError as exc:
            self.say(str(exc))
            return
        # Phones just handed back vanish before the first await: otherwise the list is drawn
        # once more with them still ticked while the rows are rebuilt (a visible frame on a Pi).
        held = {phone.id for phone in phones}
        for row in self.rows():
            if row.phone.id not in held:
                row.display = False
        await listing.remove_children()
        rows = []
        for phone in phones:
            row = PhoneRow(phone)
            row.selected = phone.id in chosen
            rows.append(row)
        if rows:
            await listing.mount_all(rows)
        else:
            await listing.mount(Static("No phones are in the store.", id="no-phones"))
        self.query_one("#step-title", Static).update(f"Return phones: {len(rows)} in the store")
        self._count()
        self.call_after_refresh(self.show_more_below)

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_more_below)

    def hidden_below(self) -> int:
        """Phones whose row is not wholly in view below the list's visible part."""
        listing = self.query_one("#phone-list", VerticalScroll)
        bottom = listing.scroll_y + listing.scrollable_content_region.height
        return sum(1 for row in self.rows() if row.display and row.virtual_region.bottom > bottom)

    def show_more_below(self, _scroll_y: float | None = None) -> None:
        hidden = self.hidden_below()
        text = f"▼ {hidden} more below: drag the bar on the right, or scan a label"
        show_text(self.query_one("#more-below", Static), text if hidden else "")

    async def on_screen_resume(self) -> None:
        if self._loaded:  # back from the collect screen: some phones may have gone home
            await self.reload()

    def rows(self) -> list[PhoneRow]:
        return list(self.query(PhoneRow))

    def selected_ids(self) -> list[str]:
        return [row.phone.id for row in self.query(PhoneRow) if row.selected]

    def say(self, message: str) -> None:
        self.query_one("#return-message", Static).update(message)

    def _count(self) -> None:
        self.query_one("#return-selected", Button).label = f"Return ({len(self.selected_ids())})"

    def toggle(self, phone_id: str, select: bool | None = None) -> PhoneRow | None:
        for row in self.rows():
            if row.phone.id == phone_id:
                row.selected = (not row.selected) if select is None else select
                row.show()
                self._count()
                return row
        return None

    def on_phone_row_tapped(self, message: PhoneRow.Tapped) -> None:
        message.stop()
        # The second half of a double tap (on Done of the screen before, or on this row) must
        # not tick or untick a phone.
        if not self.tap_ok(f"phone-{message.phone_id}"):
            return
        self.say("")
        self.toggle(message.phone_id)
        self.query_one("#scan", KioskInput).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        event.input.value = ""
        if not typed:
            return
        phone = find_by_label(self.kiosk.context, typed)
        if phone is None:
            self.say(f"No phone in the store has the label {typed.upper()}.")
            return
        row = self.toggle(phone.id, select=True)
        if row is not None:
            row.scroll_visible()
        self.say(f"{phone.bag_label}: {phone.pupil_name} ({phone.class_name}) selected.")

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#return-selected")
    def _return_selected(self) -> None:
        chosen = [row.phone for row in self.rows() if row.selected]
        if not chosen:
            self.say("Tap the phones to give back, or scan their bag labels, first.")
            return
        self.tell_app(PhonesChosen(self.staff, chosen))
