"""The fire roll call: everyone the kiosk knows is on site, by group, ticked off as found.

Opened three ways (`how`), each recorded in the fire log by the navigator:

- "hand": Fire roll call on the welcome or fault screen, then "Open the roll call": no PIN.
  Close goes back to welcome, and so does leaving it untouched for
  `[fire] roll_call_return_minutes`.
- "alarm": the fire alarm input. It stays up, untouched or not, until a member of staff
  closes it with their staff card (scanned while the list shows) or their PIN (a PIN lockout
  does not stop either: kiosk/services/fire/roll_call_close.py). Nothing else can take its
  place meanwhile (`holds_screen`).
- "staff": from the staff menu; Back returns there.

Reads the local records only, so it works with no network. The ticks live in the list's
memory (nothing is written): a roll call is for the next few minutes on the field, and the
list must never lose someone because a tick was saved by mistake.
"""

from __future__ import annotations

import contextlib
import math

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from kiosk.domain.ids import looks_like_card
from kiosk.errors import KioskError
from kiosk.services.fire.fire_log import close_event
from kiosk.services.fire.roll_call import RollCall, make_roll_call, people_word
from kiosk.services.fire.roll_call_close import (
    ROLL_CALL_TRIES,
    ROLL_CALL_WAIT_SECONDS,
    close_with_card,
    close_with_pin,
)
from kiosk.ui.check_failed import check_failed_text
from kiosk.ui.messages import RollCallClosed, RollCallPrintAsked
from kiosk.ui.scan_buffer import ScanBuffer
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.show_text import show_text
from kiosk.ui.widgets.pin_overlay import PinOverlay
from kiosk.ui.widgets.pin_pad import PinPad
from kiosk.ui.widgets.roll_call_list import RollCallList
from kiosk.ui.widgets.touch_button import TouchButton

CLOSE_WORKER = "roll-call-close"
CLOSE_LABELS = {"hand": "◀ Close", "alarm": "Staff: close", "staff": "◀ Back"}
ALARM_TITLE = "FIRE ALARM: roll call"


class RollCallScreen(KioskScreen):
    CSS_PATH = "roll_call.tcss"

    def __init__(
        self, roll: RollCall | None = None, how: str = "staff", *, printer: bool = False
    ) -> None:
        super().__init__(classes="-alarm" if how == "alarm" else "")
        self.roll = roll
        self.how = how
        self.printer = printer
        self.event_id = ""  # the fire log's id for this roll call, once recorded
        self.closed = False
        self.close_reason = ""  # how one opened by hand ended, for the fire log
        self._wrong_pins = 0
        self._pad_shut_until: float | None = None
        self._scan = ScanBuffer()  # a staff card scanned on the alarm's list closes it

    # --- what it is -------------------------------------------------------------------------

    @property
    def holds_screen(self) -> bool:
        """The alarm's list: nothing may replace it until staff close it."""
        return self.how == "alarm" and not self.closed

    def idle_timeout_seconds(self) -> float | None:
        if self.how == "hand":
            return self.kiosk.context.config.fire.roll_call_return_minutes * 60.0
        return None  # read out for as long as it takes

    def heading(self) -> str:
        made = f"made {self.roll.made_at:%H:%M}" if self.roll is not None else ""
        return f"{ALARM_TITLE} {made}" if self.how == "alarm" else f"Fire roll call {made}"

    # --- building ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.roll is None:
            self.roll = make_roll_call(self.kiosk.context)
        roll = self.roll
        with Horizontal(id="top-bar"):
            yield TouchButton(CLOSE_LABELS[self.how], id="roll-close", pressed_look=False)
            yield Static(self.heading(), id="step-title", markup=False)
            if self.printer:
                yield TouchButton("Print", id="roll-print", variant="primary")
        yield Static("", id="roll-count", markup=False)
        yield Static(roll.coverage(), id="roll-covers", markup=False)
        status = Static("", id="roll-status", markup=False)
        status.display = False
        yield status
        yield RollCallList(roll, id="people")
        with Horizontal(id="page-bar"):
            # A page turn redraws the list at once: no pressed look to restyle the bar for.
            yield TouchButton("▲ Back up", id="roll-up", pressed_look=False)
            yield Static("", id="roll-where", markup=False)
            yield TouchButton("▼ more below", id="roll-down", variant="primary", pressed_look=False)

    def on_mount(self) -> None:
        self.count()
        self.show_paging()
        self.watch(self.app, "roll_call_print", self.show_print_status, init=False)

    # --- the list ---------------------------------------------------------------------------

    @property
    def people(self) -> RollCallList:
        return self.query_one(RollCallList)

    def count(self) -> tuple[int, int]:
        """(on the list, found so far), and the line that says so."""
        total = self.roll.count if self.roll is not None else 0
        found = len(self.people.found)
        line = f"On site: {total}    Found: {found}    Still to find: {total - found}"
        if self.roll is not None and self.roll.problems:
            line += "    (part of the list could not be read)"
        show_text(self.query_one("#roll-count", Static), line)
        return total, found

    def show_paging(self) -> None:
        people = self.people
        above, below = people.people_above(), people.people_below()
        self.query_one("#roll-up").display = above > 0
        down = self.query_one("#roll-down", Button)
        down.display = below > 0
        if below:
            down.label = f"▼ {below} more below"
        total = self.roll.count if self.roll is not None else 0
        where = "End of the list" if not below else ""
        if not above and not below:
            where = f"All {people_word(total)} shown" if total else "Nobody on the list"
        show_text(self.query_one("#roll-where", Static), where)

    def on_roll_call_list_ticked(self, message: RollCallList.Ticked) -> None:
        message.stop()
        self.count()

    def on_roll_call_list_paged(self, message: RollCallList.Paged) -> None:
        message.stop()
        # The list reports its first size even on a screen popped while it was being built,
        # whose bars were never mounted (kiosk/ui/widgets/built_only.py).
        if self.query("#page-bar") and not self._being_removed():
            self.show_paging()

    @on(Button.Pressed, "#roll-down")
    def _down(self) -> None:
        self.people.next_page()

    @on(Button.Pressed, "#roll-up")
    def _up(self) -> None:
        self.people.previous_page()

    def become_alarm(self, roll: RollCall) -> None:
        """The alarm started while this list was up: it becomes the alarm's list, with a
        fresh roll call and the ticks so far."""
        self.how = "alarm"
        self.roll = roll
        self.event_id = ""
        self.set_class(True, "-alarm")
        self.query_one("#roll-close", Button).label = CLOSE_LABELS["alarm"]
        show_text(self.query_one("#step-title", Static), self.heading())
        self.people.show(roll)
        self.count()

    # --- printing ---------------------------------------------------------------------------

    @on(Button.Pressed, "#roll-print")
    def _print(self) -> None:
        self.show_print_status("Sending the list to the printer…")
        self.post_message(RollCallPrintAsked())

    def show_print_status(self, text: str) -> None:
        status = self.query_one("#roll-status", Static)
        show_text(status, text)
        status.display = bool(text)

    # --- closing ----------------------------------------------------------------------------

    def forget(self) -> None:
        """Back to welcome: one opened by hand logs how it ended (Close, or left untouched)."""
        if self.how != "hand" or self.closed:
            return
        self.closed = True
        minutes = self.kiosk.context.config.fire.roll_call_return_minutes
        why = self.close_reason or f"untouched for {minutes} minutes"
        # The list has gone either way; a store error is the health check's to report.
        if self.event_id:
            with contextlib.suppress(KioskError):
                close_event(self.kiosk.context, self.event_id, "kiosk", why)

    @on(Button.Pressed, "#roll-close")
    async def _close(self) -> None:
        if self.how == "staff":
            self.app.pop_screen()
        elif self.how == "hand":
            self.tell_app(RollCallClosed())
        else:
            await self.ask_for_pin()

    @property
    def close_pad(self) -> PinOverlay | None:
        """The PIN pad that closes the alarm's list: built when first wanted (its sixteen
        widgets would slow every roll call's first frame for the few that need it)."""
        found = self.query(PinOverlay)
        return found.first() if found else None

    async def ask_for_pin(self) -> None:
        pad = self.close_pad
        if pad is None:
            pad = PinOverlay("Staff: your PIN closes the roll call", id="close-pad")
            await self.mount(pad)
        pad.open()
        self.refresh_pad()

    def say(self, text: str) -> None:
        if self.close_pad is not None:
            self.close_pad.say(text)

    def heartbeat(self) -> None:
        self.refresh_pad()

    def refresh_pad(self) -> None:
        """A guesser waits ROLL_CALL_WAIT_SECONDS after ROLL_CALL_TRIES wrong PINs."""
        until = self._pad_shut_until
        if until is None or self.close_pad is None:
            return
        pad = self.close_pad.pad
        left = until - self.kiosk.context.clock.monotonic()
        if left > 0:
            pad.set_enabled(False, shut_text="Wait")
            self.say(f"Too many wrong PINs: try again in {math.ceil(left)} s.")
        else:
            self._pad_shut_until = None
            pad.set_enabled(True)
            self.say("")

    def on_key(self, event: events.Key) -> None:
        """A scanner's keys (a code, then Enter) while the alarm's list shows: a staff card
        closes it, as a PIN would. The PIN pad, when open, takes the keys itself."""
        if self.how != "alarm" or self.closed:
            return
        code = self._scan.feed(event.character, event.key)
        event.stop()
        if code is None or not looks_like_card(code):
            return
        if self._pad_shut_until is not None or self.workers_running():
            return  # a guesser waits, whether with PINs or cards
        context, event_id = self.kiosk.context, self.event_id
        self.run_worker(
            lambda: close_with_card(context, event_id, code),
            name=CLOSE_WORKER,
            thread=True,
            exit_on_error=False,
        )

    def workers_running(self) -> bool:
        return any(w.name == CLOSE_WORKER and w.is_running for w in self.workers)

    def on_pin_pad_submitted(self, message: PinPad.Submitted) -> None:
        message.stop()
        if self.close_pad is not None:
            self.close_pad.pad.set_enabled(False)
        self.say("Checking…")
        context, event_id, pin = self.kiosk.context, self.event_id, message.pin
        self.run_worker(
            lambda: close_with_pin(context, event_id, pin),
            name=CLOSE_WORKER,
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != CLOSE_WORKER or not self.is_current:
            return
        if event.state == WorkerState.SUCCESS:
            self.closed = True
            self.tell_app(RollCallClosed())
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self._wrong_pins += 1
            text = check_failed_text(error, "The PIN could not be checked.")
            pad = self.close_pad
            if pad is not None:
                self.say(text)
                pad.pad.set_enabled(True)
            else:  # a card scanned with no PIN pad up: said under the count
                self.show_print_status(text)
            if self._wrong_pins % ROLL_CALL_TRIES == 0:
                clock = self.kiosk.context.clock
                self._pad_shut_until = clock.monotonic() + ROLL_CALL_WAIT_SECONDS
                self.refresh_pad()
