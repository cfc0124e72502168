"""Staff: the day's pupils at the foyer. Collections waiting at the office window (tap to
hand over), phones late pupils declared and not stored yet (store it now, or mark it dealt
with), and pupils collected today and not back (sign them back in).

Behind the staff PIN: full names, the adult's name and relationship. Nothing here is shown
on a public screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from kiosk.domain.attendance import AttendanceEvent
from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.attendance.attendance_events import (
    collected_out,
    collections_waiting,
    mark_phone_resolved,
    phones_declared,
    time_of,
)
from kiosk.services.attendance.early_collection import sign_back_in
from kiosk.ui.messages import ArrivalPhoneToStore, CollectionPicked
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.question import Question
from kiosk.ui.widgets.touch_button import TouchButton

NOTHING = "Nothing waiting: no collections, no phones declared on arrival, nobody out."


def who(event: AttendanceEvent) -> str:
    return f"{event.pupil_name} ({event.class_name or event.year})"


class PupilsDeskScreen(KioskScreen):
    CSS_PATH = "pupils_desk.tcss"

    def __init__(self, staff: Staff) -> None:
        super().__init__()
        self.staff = staff
        self.events: dict[str, AttendanceEvent] = {}
        self._loaded = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield TouchButton("◀ Back", id="back")
            yield Static("Pupils: late arrivals and collections", id="step-title")
        yield Static("", id="desk-message", markup=False)
        yield VerticalScroll(id="desk-list")
        yield Question()

    async def on_mount(self) -> None:
        self.query_one("#desk-list", VerticalScroll).can_focus = False
        await self.reload()
        self._loaded = True

    async def on_screen_resume(self) -> None:
        if self._loaded:  # back from a handover or the store form
            await self.reload()

    def say(self, text: str) -> None:
        self.query_one("#desk-message", Static).update(text)

    async def reload(self) -> None:
        context = self.kiosk.context
        try:
            waiting = collections_waiting(context)
            phones = phones_declared(context)
            out = collected_out(context)
        except KioskError as exc:
            self.say(str(exc))
            return
        self.events = {e.id: e for e in (*waiting, *phones, *out)}
        listing = self.query_one("#desk-list", VerticalScroll)
        await listing.remove_children()
        rows: list[Static | Horizontal] = []
        if waiting:
            rows.append(Static("Waiting to be collected: tap to hand over", classes="heading"))
            for e in waiting:
                label = (f"{who(e)}  ·  {e.adult_name}, {e.relationship}  ·  asked "
                         f"{time_of(context, e.at)}")  # fmt: skip
                rows.append(TouchButton(label, id=f"collect-{e.id}", classes="desk-row collect"))
        if phones:
            rows.append(Static("Phones declared on arrival, not stored yet", classes="heading"))
            for e in phones:
                rows.append(
                    Horizontal(
                        TouchButton(
                            f"Store: {who(e)}  ·  in {time_of(context, e.at)}",
                            id=f"store-{e.id}",
                            classes="desk-row store",
                        ),
                        TouchButton("Dealt with", id=f"resolve-{e.id}", classes="resolve"),
                        classes="desk-pair",
                    )
                )
        if out:
            rows.append(Static("Collected today, not back: tap when back", classes="heading"))
            for e in out:
                back = "expected back" if e.will_return else "not expected back"
                label = f"{who(e)}  ·  left {time_of(context, e.completed_at)}, {back}"
                rows.append(TouchButton(label, id=f"back-{e.id}", classes="desk-row back"))
        if not rows:
            rows.append(Static(NOTHING, id="desk-empty"))
        await listing.mount_all(rows)

    def _event(self, button: Button, prefix: str) -> AttendanceEvent | None:
        return self.events.get((button.id or "").removeprefix(prefix))

    @on(Button.Pressed, ".collect")
    def _collect(self, event: Button.Pressed) -> None:
        chosen = self._event(event.button, "collect-")
        if chosen is not None:
            self.tell_app(CollectionPicked(self.staff, chosen.id))

    @on(Button.Pressed, ".store")
    def _store(self, event: Button.Pressed) -> None:
        chosen = self._event(event.button, "store-")
        if chosen is not None:
            self.tell_app(ArrivalPhoneToStore(self.staff, chosen))

    @on(Button.Pressed, ".resolve")
    def _resolve(self, event: Button.Pressed) -> None:
        self._ask(event, "resolve", "{name}'s phone: dealt with, not stored?", "Yes, dealt with")

    @on(Button.Pressed, ".back")
    def _back_in(self, event: Button.Pressed) -> None:
        self._ask(event, "back", "Sign {name} back in now?", "Yes, back in")

    def _ask(self, event: Button.Pressed, action: str, question: str, yes: str) -> None:
        """Ask before `action` on the tapped row's pupil; the answer names the row."""
        chosen = self._event(event.button, f"{action}-")
        if chosen is not None:
            self.query_one(Question).ask(
                f"{action}:{chosen.id}", question.format(name=chosen.pupil_name), yes=yes, no="No"
            )

    async def on_question_answered(self, message: Question.Answered) -> None:
        action, _, event_id = message.topic.partition(":")
        chosen = self.events.get(event_id)
        if not message.yes or chosen is None:
            return
        context = self.kiosk.context
        try:
            if action == "resolve":
                mark_phone_resolved(context, event_id, self.staff.id)
                self.say(f"{chosen.pupil_name}'s phone: marked as dealt with.")
            elif action == "back":
                back = sign_back_in(context, event_id, self.staff.id)
                self.say(f"{chosen.pupil_name} is back in at {time_of(context, back.returned_at)}.")
        except KioskError as exc:
            self.say(str(exc))
        await self.reload()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.app.pop_screen()
