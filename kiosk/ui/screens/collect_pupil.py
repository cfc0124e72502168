"""A parent or carer collecting a pupil early: the pupil, the reason, the adult's name and
relationship, and whether the pupil comes back today. The kiosk records a REQUEST and tells
the office; staff hand the pupil over. At most five taps beside the two typed names:
Collect a pupil, the pupil, the reason, the relationship, back today or not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button

from kiosk.domain.attendance_codes import Reason
from kiosk.services.attendance.early_collection import request_collection
from kiosk.ui.messages import CollectionRequested
from kiosk.ui.screens.pupil_form import PupilFormScreen

RETURN_CHOICES = (("yes", "Yes, later today"), ("no", "No, not today"))


class CollectPupilScreen(PupilFormScreen):
    JOURNEY = "Collecting a pupil"
    PROMPTS = {
        "pupil": ("The pupil's first name and surname,", "then tap the name"),
        "reason": ("Why is {name} leaving early?", ""),
        "reason-detail": ("Why is {name} leaving early?", "Type the reason"),
        "adult-name": ("Your full name:", "first name and surname"),
        "relationship": ("How are you related to {name}?", ""),
        "return": ("Will {name} come back to school today?", ""),
    }

    def compose(self) -> ComposeResult:
        # The relationships are the school's (kiosk.toml), known once the app is there.
        relationships = self.kiosk.context.config.attendance.relationships
        self.CHOICES = {  # type: ignore[misc]
            "relationship": tuple((str(n), text) for n, text in enumerate(relationships)),
            "return": RETURN_CHOICES,
        }
        yield from super().compose()

    def reasons(self) -> tuple[Reason, ...]:
        return self.kiosk.context.config.attendance.collection_reasons

    def later_steps(self) -> list[str]:
        return ["adult-name", "relationship", "return"]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        for step in ("relationship", "return"):
            if button.startswith(f"{step}-"):
                self.chose(step, button.removeprefix(f"{step}-"))

    def finish(self) -> None:
        assert self.pupil is not None
        relationships = self.kiosk.context.config.attendance.relationships
        chosen = self.choices.get("relationship", "")
        relationship = relationships[int(chosen)] if chosen.isdigit() else ""
        event = request_collection(
            self.kiosk.context,
            self.kiosk.hardware,
            self.pupil,
            self.reason,
            self.input("reason-detail").value,
            self.input("adult-name").value,
            relationship,
            self.choices.get("return") == "yes",
        )
        self.tell_app(CollectionRequested(event))
