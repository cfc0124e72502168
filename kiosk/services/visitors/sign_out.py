"""Signing a visitor out: by scanning their pass, or by finding their name."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain.clock import parse_iso
from kiosk.domain.ids import looks_like_pass
from kiosk.domain.languages import N_
from kiosk.domain.name_folding import WORD_BREAK, fold
from kiosk.domain.records import Visit, not_before
from kiosk.errors import NotFound
from kiosk.services.context import KioskContext

MAX_MATCHES = 6
MIN_SEARCH = 2


@dataclass(frozen=True)
class SignOutMatch:
    """What a public screen may show of someone on site: never their full name."""

    visit_id: str
    short_name: str  # "Sam K."
    time_in: str  # "08:45"

    @property
    def label(self) -> str:
        return f"{self.short_name}  (in at {self.time_in})"


def _public_match(visit: Visit, context: KioskContext) -> SignOutMatch:
    parts = visit.name.split() or ["?"]
    first = parts[0]
    initial = f" {parts[-1][0].upper()}." if len(parts) > 1 else ""
    time_in = parse_iso(visit.signed_in_at).astimezone(context.config.tz).strftime("%H:%M")
    return SignOutMatch(visit.id, f"{first}{initial}", time_in)


def _name_matches(name: str, wanted: str) -> bool:
    words = [fold(w) for w in WORD_BREAK.split(name)]
    return any(w.startswith(wanted) for w in words) or fold(name).startswith(wanted)


def find_on_site(context: KioskContext, typed: str) -> list[SignOutMatch]:
    """Visitors whose first name or surname starts with what was typed (at least 2 letters)."""
    wanted = fold(typed.strip())
    if len(wanted) < MIN_SEARCH:
        return []
    # Picked from the store's records as stored (a search per key typed, over everyone on
    # site): only those shown become visits.
    matches = [r for r in context.store.live("visits") if _name_matches(r["name"], wanted)]
    matches.sort(key=lambda r: r["signed_in_at"])
    shown = [Visit.from_record(record) for record in matches[:MAX_MATCHES]]
    return [_public_match(visit, context) for visit in shown]


def _signed_out(context: KioskContext, visit: Visit, by: str) -> dict[str, str]:
    """The closing changes; the time is never before the sign-in (see not_before)."""
    when = not_before(context.now_iso(), visit.signed_in_at)
    return {"signed_out_at": when, "signed_out_by": by, "pass_token": ""}


def sign_out_visit(context: KioskContext, visit_id: str, by: str) -> Visit:
    """Close the visit `visit_id` (`by`: "name", "close-day", a staff id...); the closed visit."""
    with context.store.transaction() as tx:
        record = tx.get("visits", visit_id)
        if record is None:
            raise NotFound(N_("You are already signed out. Thank you!"))
        visit = Visit.from_record(record)
        return Visit.from_record(tx.close("visits", visit.id, _signed_out(context, visit, by)))


def sign_out_by_pass(context: KioskContext, scanned: str, by: str = "qr") -> Visit:
    """Sign out with the pass's token; a token works once. `by`: "qr" for the QR scanned,
    "code" for the code printed under it, typed by hand. The closed visit."""
    token = scanned.strip().upper()
    if not looks_like_pass(token):
        raise NotFound(N_("That code is not a visitor pass. Please try again or find your name."))
    with context.store.transaction() as tx:
        found = tx.where("visits", lambda r: r.get("pass_token") == token)
        if not found:
            raise NotFound(N_("This pass has already been used to sign out, or is not valid."))
        visit = Visit.from_record(found[0])
        return Visit.from_record(tx.close("visits", visit.id, _signed_out(context, visit, by)))
