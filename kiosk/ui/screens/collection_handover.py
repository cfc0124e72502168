"""Staff: handing a pupil over to the adult who asked to collect them.

The screen shows, as advice and never a decision: whether the adult's name matches one of
the pupil's contacts from the MIS, whether the pupil is flagged "release only with the
office", and whether the pupil has a phone in the store. The collection is completed only
when the member of staff releasing the child confirms with their PIN (checked by the staff
login service: a wrong one counts towards the kiosk's lockout like any other) or by scanning
their staff card (active, not revoked), in their own name. Then the pupil's phone can go
back to that adult: the return screen, with its parent-or-carer-only rule as ever.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from kiosk.domain.attendance import AttendanceEvent
from kiosk.domain.contact_match import MATCHED
from kiosk.domain.ids import looks_like_card
from kiosk.domain.records import Staff
from kiosk.errors import KioskError
from kiosk.services.attendance.attendance_events import time_of
from kiosk.services.attendance.early_collection import (
    CollectionView,
    collection_view,
    complete_with_card,
    complete_with_pin,
    not_collected,
)
from kiosk.services.staff.staff_accounts import list_staff
from kiosk.ui.check_failed import check_failed_text
from kiosk.ui.messages import PhonesChosen
from kiosk.ui.scan_buffer import ScanBuffer
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.pin_overlay import PinOverlay
from kiosk.ui.widgets.pin_pad import PinPad
from kiosk.ui.widgets.question import Question
from kiosk.ui.widgets.touch_button import TouchButton

PIN_WORKER = "handover-pin"
FLAG_TEXT = "RELEASE ONLY WITH THE OFFICE: check with the office before handing this pupil over."


def phone_line(view: CollectionView) -> str:
    if not view.phones:
        return "No phone of this pupil's is in the store."
    bags = ", ".join(
        p.bag_label + (" (parent or carer only)" if p.parent_only else "") for p in view.phones
    )
    return f"This pupil has a phone in the store: {bags}."


class HandoverScreen(KioskScreen):
    CSS_PATH = "pupils_desk.tcss"
    HOLDS_INPUT = True  # a PIN half typed

    def __init__(self, staff: Staff, event_id: str) -> None:
        super().__init__()
        self.staff = staff
        self.event_id = event_id
        self.view: CollectionView | None = None
        self.done: AttendanceEvent | None = None
        self.released_by: Staff | None = None
        self._scan = ScanBuffer()  # a staff card scanned confirms the handover, as a PIN does

    def compose(self) -> ComposeResult:
        with Horizontal(id="top-bar"):
            yield TouchButton("◀ Back", id="back")
            yield Static("Hand over a pupil", id="step-title", markup=False)
        yield Static("", id="handover-message", markup=False)
        with VerticalScroll(id="handover-body"):
            yield Static("", id="handover-details", markup=False)
            yield Static("", id="handover-advice", markup=False)
            flag = Static(FLAG_TEXT, id="handover-flag", markup=False)
            flag.display = False
            yield flag
            yield Static("", id="handover-phone", markup=False)
            with Horizontal(id="handover-actions", classes="handover-row"):
                yield TouchButton("Hand over (your PIN)", id="hand-over", variant="success")
                yield TouchButton("Not collected", id="not-collected")
            with Horizontal(id="after-actions", classes="handover-row"):
                yield TouchButton("Phone back to them ▶", id="give-phone", variant="primary")
                yield TouchButton("Done", id="handover-done", pressed_look=False)
        yield PinOverlay(
            "The member of staff releasing the pupil: your PIN, or scan your card",
            id="handover-pad",
        )
        yield Question()

    def on_mount(self) -> None:
        self.query_one("#after-actions").display = False
        self.show()

    def say(self, text: str) -> None:
        self.query_one("#handover-message", Static).update(text)

    def show(self) -> None:
        try:
            view = collection_view(self.kiosk.context, self.event_id)
        except KioskError as exc:
            self.say(str(exc))
            self.query_one("#handover-actions").display = False
            return
        self.view = view
        e = view.event
        context = self.kiosk.context
        self.query_one("#step-title", Static).update(
            f"Hand over: {e.pupil_name} ({e.class_name or e.year})"
        )
        reason = e.reason + (f": {e.reason_detail}" if e.reason_detail else "")
        back = "yes, later today" if e.will_return else "no"
        self.query_one("#handover-details", Static).update(
            f"Collected by: {e.adult_name} ({e.relationship}), asked at {time_of(context, e.at)}\n"
            f"Reason: {reason}\nComing back today: {back}"
        )
        advice = self.query_one("#handover-advice", Static)
        advice.update(view.advice.text)
        advice.set_classes("-matched" if view.advice.outcome == MATCHED else "-check")
        self.query_one("#handover-flag").display = view.office_release
        self.query_one("#handover-phone", Static).update(phone_line(view))

    # --- confirming ---------------------------------------------------------------------

    @property
    def pad(self) -> PinOverlay:
        return self.query_one(PinOverlay)

    @on(Button.Pressed, "#hand-over")
    def _hand_over(self) -> None:
        if self.view is not None and self.done is None:
            self.pad.open()

    def on_pin_pad_submitted(self, message: PinPad.Submitted) -> None:
        message.stop()
        self.pad.pad.set_enabled(False)
        self.pad.say("Checking…")
        context, event_id, pin = self.kiosk.context, self.event_id, message.pin
        self.run_worker(
            lambda: complete_with_pin(context, event_id, pin),
            name=PIN_WORKER,
            thread=True,
            exit_on_error=False,
        )

    def on_key(self, event: events.Key) -> None:
        """A scanner's keys (a code, then Enter), with the PIN pad up or not: a staff card
        confirms the handover in its holder's name. The pad passes a scan's keys on."""
        code = self._scan.feed(event.character, event.key)
        event.stop()
        if code is None or not looks_like_card(code) or self.view is None or self.done:
            return
        if any(w.name == PIN_WORKER and w.is_running for w in self.workers):
            return
        context, event_id = self.kiosk.context, self.event_id
        self.run_worker(
            lambda: complete_with_card(context, event_id, code),
            name=PIN_WORKER,
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.name != PIN_WORKER or not self.is_current:
            return
        if event.state == WorkerState.SUCCESS and isinstance(worker.result, AttendanceEvent):
            self.completed(worker.result)
        elif event.state == WorkerState.ERROR:
            error = worker.error
            text = check_failed_text(error, "It could not be checked.")
            if not self.pad.showing:  # a card scanned with no PIN pad up
                self.say(text)
                return
            self.pad.say(text)
            self.pad.pad.set_enabled(True)
            self.pad.pad.clear()

    def completed(self, event: AttendanceEvent) -> None:
        self.done = event
        self.pad.close()
        context = self.kiosk.context
        self.released_by = next(
            (s for s in list_staff(context) if s.id == event.confirmed_by), self.staff
        )
        self.say(
            f"Handed over to {event.adult_name} by {event.released_by} at "
            f"{time_of(context, event.completed_at)}."
        )
        self.query_one("#handover-actions").display = False
        self.query_one("#after-actions").display = True
        self.query_one("#give-phone", Button).display = bool(self.view and self.view.phones)

    # --- the other buttons --------------------------------------------------------------

    @on(Button.Pressed, "#not-collected")
    def _not_collected(self) -> None:
        if self.view is not None:
            self.query_one(Question).ask(
                "not-collected",
                f"{self.view.event.pupil_name} is not being collected: stays in school?",
                yes="Yes, not collected",
                no="No",
            )

    def on_question_answered(self, message: Question.Answered) -> None:
        if not (message.yes and message.topic == "not-collected"):
            return
        try:
            not_collected(self.kiosk.context, self.event_id, self.staff)
        except KioskError as exc:
            self.say(str(exc))
            return
        self.app.pop_screen()

    @on(Button.Pressed, "#give-phone")
    def _give_phone(self) -> None:
        if self.view is not None and self.done is not None:
            staff = self.released_by or self.staff
            self.tell_app(PhonesChosen(staff, self.view.phones, self.done.adult_name))

    @on(Button.Pressed, "#back, #handover-done")
    def _back(self) -> None:
        self.app.pop_screen()
