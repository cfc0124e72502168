"""A pupil arriving late: their name, why, who brought them, and "Do you have a phone with
you?" (yes: "Please hand it to the office now"). At most five taps beside the typed names:
Late arrival, the pupil, the reason, "I came on my own" or the adult's name, the phone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button

from kiosk.domain.attendance_codes import Reason
from kiosk.services.attendance.late_arrival import record_late_arrival
from kiosk.ui.messages import LateArrivalRecorded
from kiosk.ui.screens.pupil_form import PupilFormScreen
from kiosk.ui.widgets.touch_button import TouchButton


class LateArrivalScreen(PupilFormScreen):
    JOURNEY = "Arriving late"
    PROMPTS = {
        "pupil": ("Your first name and surname,", "then tap your name"),
        "reason": ("Why are you late?", ""),
        "reason-detail": ("Why are you late?", "Type the reason"),
        "adult-name": ("Who brought you?", "Their full name, or tap I came on my own"),
        "phone": ("Do you have a phone with you?", ""),
    }
    CHOICES = {
        "phone": (("yes", "Yes, I have a phone"), ("no", "No phone")),
    }

    def __init__(self) -> None:
        super().__init__()
        self.came_alone = False

    def reasons(self) -> tuple[Reason, ...]:
        return self.kiosk.context.config.attendance.late_reasons

    def later_steps(self) -> list[str]:
        return ["adult-name", "phone"]

    def extra_field(self) -> ComposeResult:
        yield TouchButton("I came on my own ▶", id="came-alone", pressed_look=False)

    def forget(self) -> None:
        self.came_alone = False
        super().forget()

    def next_step(self) -> None:
        if self.step == "adult-name":
            self.came_alone = False
        super().next_step()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "came-alone":
            self.input("adult-name").value = ""
            self.show_message("adult-name", "")
            self.came_alone = True
            self.advance()
        elif button.startswith("phone-"):
            self.chose("phone", button.removeprefix("phone-"))

    def finish(self) -> None:
        assert self.pupil is not None
        event = record_late_arrival(
            self.kiosk.context,
            self.pupil,
            self.reason,
            self.input("reason-detail").value,
            self.input("adult-name").value,
            self.came_alone,
            self.choices.get("phone") == "yes",
        )
        self.tell_app(LateArrivalRecorded(event))
