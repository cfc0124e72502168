"""Checking a visitor's sign-in form: cleaned values, or a friendly message per field."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.records import VISITOR_TYPES
from kiosk.domain.validation import (
    CAR_REG_MAX,
    NAME_MAX,
    TEXT_MAX,
    car_registration,
    free_text,
    person_name,
)
from kiosk.errors import ValidationError

# Parents helping in class often have no organisation to give; everyone else does.
ORGANISATION_OPTIONAL = {"parent-helper", "governor"}

# The most each box takes, from the limits the checks below apply: the box stops accepting
# letters there, so nobody types 200 letters to be told "too long" at Next.
FIELD_MAX = {"name": NAME_MAX, "organisation": TEXT_MAX, "host": TEXT_MAX, "car-reg": CAR_REG_MAX}


@dataclass(frozen=True)
class VisitorDetails:
    visitor_type: str
    name: str
    organisation: str
    host: str
    car_reg: str


def check_visitor_form(
    visitor_type: str, name: str, organisation: str, host: str, car_reg: str
) -> tuple[VisitorDetails | None, dict[str, str]]:
    """(details, {}) when everything is acceptable, else (None, {field id: message})."""
    details, errors = visitor_form_problems(visitor_type, name, organisation, host, car_reg)
    return details, {field: str(error) for field, error in errors.items()}


def visitor_form_problems(
    visitor_type: str, name: str, organisation: str, host: str, car_reg: str
) -> tuple[VisitorDetails | None, dict[str, ValidationError]]:
    """As check_visitor_form, with each field's error itself (what is wrong, for a screen
    that says it in the visitor's language)."""
    errors: dict[str, ValidationError] = {}
    values: dict[str, str] = {}

    def attempt(field: str, check: object) -> None:
        try:
            values[field] = check()  # type: ignore[operator]
        except ValidationError as exc:
            errors[field] = exc

    if visitor_type not in VISITOR_TYPES:
        errors["visitor-type"] = ValidationError(
            "Please choose what brings you here.", "visitor-type", "missing"
        )
    attempt("name", lambda: person_name(name, "Full name"))
    attempt(
        "organisation",
        lambda: free_text(
            organisation,
            "Organisation",
            "organisation",
            required=visitor_type not in ORGANISATION_OPTIONAL,
        ),
    )
    attempt("host", lambda: free_text(host, "Who you are visiting", "host", required=True))
    attempt("car-reg", lambda: car_registration(car_reg))
    if errors:
        return None, errors
    return (
        VisitorDetails(
            visitor_type=visitor_type,
            name=values["name"],
            organisation=values["organisation"],
            host=values["host"],
            car_reg=values["car-reg"],
        ),
        {},
    )
