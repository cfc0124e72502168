"""Regular visitors: cards issued by the office, and what a scanned card does at the kiosk.

The office (over SSH) adds a regular visitor and prints their card, renews, revokes or
reprints it, and records that their ID and DBS or agency confirmation were checked. At the
kiosk, `scan_card` turns a scanned code into one of three results for the UI:

- CardSignIn: show the rules pre-filled with these details (ask for a host only if the card
  has none), then `sign_in_regular` once they agree;
- CardSignOut: they were on site, and are now signed out (no tap needed), even by a card
  revoked or expired meanwhile (which they are then asked to hand in at reception);
- CardRefused: one calm line to show ("Please sign in at reception").

Reads take no lock; every change is one transaction, audited with the id and name only.
The card code itself is never stored, logged or audited: only its hash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kiosk.domain.agreements import (
    RULES_DOCUMENT,
    AgreementDocument,
    changed_documents,
    changes_since,
)
from kiosk.domain.clock import local_day
from kiosk.domain.ids import looks_like_card, new_card_code, new_id
from kiosk.domain.languages import N_
from kiosk.domain.records import VISITOR_TYPES, Visit
from kiosk.domain.regular_visitors import (
    ACTIVE,
    EXPIRED,
    REGULAR_PREFIX,
    REVOKED,
    RegularVisitor,
    card_hash,
    card_status,
    check_checked_on,
    check_expiry,
    check_initials,
    hash_matches,
)
from kiosk.domain.rules import PhoneRules
from kiosk.domain.validation import free_text, person_name
from kiosk.domain.visitor_form import ORGANISATION_OPTIONAL, VisitorDetails
from kiosk.errors import KioskError, NotFound, ValidationError
from kiosk.services.context import KioskContext
from kiosk.services.visitors.rules_file import agreements_for, load_rules, rules_document
from kiosk.services.visitors.sign_in import new_visit

TABLE = "regulars"  # in live.json, beside staff: a few hundred at most
# Whole sentences, marked for the catalogues: the touchscreen shows them in the visitor's
# language (kiosk/ui/language.py).
REFUSED = {
    "unknown": N_("This card is not recognised. Please sign in at reception."),
    EXPIRED: N_("This card has expired. Please sign in at reception."),
    REVOKED: N_("This card can no longer be used. Please sign in at reception."),
}
# A stopped card of someone on site still signs them out (never left on the roll call); then
# the office wants it back.
HAND_IN = {
    EXPIRED: N_("This card has expired. Please hand it in at reception."),
    REVOKED: N_("This card can no longer be used. Please hand it in at reception."),
}


# --- results of a scan, for the UI -----------------------------------------------------------


@dataclass(frozen=True)
class CardSignIn:
    """Show the rules screen for this regular visitor, pre-filled with `details`."""

    regular_id: str
    details: VisitorDetails  # host is empty when the card has none: ask for it
    changed: tuple[str, ...]  # "Our phone rules changed on 3 March", shown before I agree
    # The names of those documents (phone-rules, site-induction): the touchscreen words the
    # lines in the visitor's language.
    changed_names: tuple[str, ...] = ()

    @property
    def ask_host(self) -> bool:
        return not self.details.host


@dataclass(frozen=True)
class CardSignOut:
    """They were on site: now signed out. `visit` is the closed record; `hand_in`, when the
    card has been revoked or has expired meanwhile, asks for it back at reception."""

    visit: Visit
    hand_in: str = ""


@dataclass(frozen=True)
class CardRefused:
    message: str  # one calm line, ending "Please sign in at reception."


ScanResult = CardSignIn | CardSignOut | CardRefused


# --- reading --------------------------------------------------------------------------------


def today(context: KioskContext) -> date:
    return local_day(context.now(), context.config.tz)


def normalise_regular_id(regular_id: str) -> str:
    return regular_id.strip().upper()


def list_regulars(context: KioskContext) -> list[RegularVisitor]:
    """Everyone with a card, by name (revoked ones too: old visits name them)."""
    found = [RegularVisitor.from_record(r) for r in context.store.live(TABLE)]
    return sorted(found, key=lambda r: (r.name.casefold(), r.id))


def get_regular(context: KioskContext, regular_id: str) -> RegularVisitor:
    wanted = normalise_regular_id(regular_id)
    for record in context.store.live(TABLE):
        if record.get("id") == wanted:
            return RegularVisitor.from_record(record)
    raise NotFound(f"no regular visitor with id {regular_id.strip()} (see 'kiosk regulars list')")


def status(context: KioskContext, regular: RegularVisitor) -> str:
    return card_status(regular, today(context))


def find_by_card(context: KioskContext, code: str) -> RegularVisitor | None:
    wanted = card_hash(code)  # once: the records hold hashes, compared as text
    for record in context.store.live(TABLE):
        if hash_matches(str(record.get("card_hash", "")), wanted):
            return RegularVisitor.from_record(record)
    return None


def _is_open_visit_of(regular_id: str) -> Callable[[dict[str, Any]], bool]:
    """Picks, from the stored visits, the open one of this regular visitor."""

    def wanted(record: dict[str, Any]) -> bool:
        return record.get("regular_id") == regular_id and not record.get("signed_out_at")

    return wanted


def open_visit_of(context: KioskContext, regular_id: str) -> Visit | None:
    """The regular visitor's visit while they are on site, else None."""
    wanted = _is_open_visit_of(regular_id)
    for record in context.store.live("visits"):
        if wanted(record):
            return Visit.from_record(record)
    return None


# --- at the kiosk ---------------------------------------------------------------------------


def details_of(regular: RegularVisitor, host: str = "") -> VisitorDetails:
    return VisitorDetails(
        visitor_type=regular.visitor_type,
        name=regular.name,
        organisation=regular.organisation,
        host=host or regular.host,
        car_reg="",
    )


def documents_now(context: KioskContext, visitor_type: str) -> list[AgreementDocument]:
    """The phone rules and this type's extra agreements, as the files say now."""
    config = context.config
    return [
        rules_document(load_rules(config.rules_file), config.tz),
        *agreements_for(config.agreements, visitor_type, config.tz),
    ]


def scan_card(context: KioskContext, scanned: str) -> ScanResult:
    """What a scanned card does. A card of someone on site signs them out here and now."""
    code = scanned.strip().upper()
    regular = find_by_card(context, code) if looks_like_card(code) else None
    if regular is None:
        return CardRefused(REFUSED["unknown"])
    state = status(context, regular)
    if open_visit_of(context, regular.id) is not None:
        closed = _sign_out(context, regular.id)
        if closed is not None:
            return CardSignOut(closed, HAND_IN.get(state, ""))
        # Signed out by name (or close-day) a moment ago: this scan signs them in instead.
    if state != ACTIVE:
        return CardRefused(REFUSED[state])
    documents = documents_now(context, regular.visitor_type)
    changed = tuple(changes_since(regular.agreed, documents, today(context)))
    names = tuple(doc.name for doc in changed_documents(regular.agreed, documents))
    return CardSignIn(regular.id, details_of(regular), changed, names)


def _sign_out(context: KioskContext, regular_id: str) -> Visit | None:
    """Close the regular visitor's open visit, if they still have one: the closed visit."""
    with context.store.transaction() as tx:
        found = tx.where("visits", _is_open_visit_of(regular_id))
        if not found:
            return None
        visit = Visit.from_record(found[0])
        changes = {"signed_out_at": context.now_iso(), "signed_out_by": "card", "pass_token": ""}
        return Visit.from_record(tx.close("visits", visit.id, changes))


def sign_in_regular(
    context: KioskContext,
    regular_id: str,
    rules: PhoneRules,
    documents: Sequence[AgreementDocument] = (),
    host: str = "",
    pass_token: str | None = None,
    language: str = "en",
) -> Visit:
    """Store the visit of a regular visitor who has agreed to `rules` and `documents`
    (`pass_token`: one made ahead, see `sign_in.new_visit`; `language`: the screens').

    What they agreed to is remembered by the English wording's version, whatever language
    they read it in: the next visit tells them of a change to the school's words, not of a
    change of language.

    Checked again inside the transaction: a card revoked while its holder read the rules
    does not sign them in."""
    with context.store.transaction() as tx:
        record = tx.get(TABLE, regular_id)
        if record is None:
            raise NotFound(REFUSED["unknown"])
        regular = RegularVisitor.from_record(record)
        state = card_status(regular, today(context))
        if state != ACTIVE:
            raise NotFound(REFUSED[state])
        if tx.where("visits", _is_open_visit_of(regular_id)):
            raise NotFound(N_("You are already signed in: scan your card again to sign out."))
        chosen_host = free_text(host, "Who you are visiting", "host") or regular.host
        if not chosen_host:
            raise ValidationError(N_("Please enter who you are visiting."), "host", "missing")
        visit = new_visit(
            context,
            details_of(regular, chosen_host),
            rules,
            documents,
            checked=regular.checked,
            regular_id=regular.id,
            pass_token=pass_token,
            language=language,
        )
        tx.insert("visits", visit.to_record())
        agreed = dict(regular.agreed)
        agreed[RULES_DOCUMENT] = rules.original_version
        agreed.update({doc.name: doc.original_version for doc in documents})
        tx.update(TABLE, regular.id, {"agreed": agreed, "last_signed_in_at": visit.signed_in_at})
    return visit


# --- the office -----------------------------------------------------------------------------


def check_type(visitor_type: str) -> str:
    if visitor_type not in VISITOR_TYPES:
        raise ValidationError(
            f"--type {visitor_type!r} is not a visitor type; choose one of: "
            + ", ".join(VISITOR_TYPES),
            "--type",
        )
    return visitor_type


def add_regular(
    context: KioskContext,
    name: str,
    visitor_type: str,
    organisation: str = "",
    host: str = "",
    expires_on: date | None = None,
    actor: str = "admin-cli",
) -> tuple[RegularVisitor, str]:
    """A new regular visitor and their card code (to print now: it is not kept)."""
    check_type(visitor_type)
    clean_name = person_name(name, "Name")
    clean_org = free_text(organisation, "--organisation", "--organisation")
    if not clean_org and visitor_type not in ORGANISATION_OPTIONAL:
        raise ValidationError(
            f"a {visitor_type} needs --organisation (their company, agency or service)",
            "--organisation",
        )
    clean_host = free_text(host, "--host", "--host")
    first_day = today(context)
    expires = check_expiry(
        expires_on or first_day + timedelta(days=context.config.card_valid_days), first_day
    )
    code = new_card_code()
    now = context.now_iso()
    regular = RegularVisitor(
        id=new_id(REGULAR_PREFIX),
        name=clean_name,
        visitor_type=visitor_type,
        organisation=clean_org,
        host=clean_host,
        card_hash=card_hash(code),
        expires_on=expires.isoformat(),
        created_at=now,
        card_issued_at=now,
    )
    with context.store.transaction() as tx:
        tx.insert(TABLE, regular.to_record())
        tx.audit(now, actor, "regular-add", regular.id, f"{clean_name} ({visitor_type})")
    return regular, code


def _change(
    context: KioskContext, regular_id: str, changes: dict[str, Any], action: str, actor: str
) -> RegularVisitor:
    wanted = normalise_regular_id(regular_id)
    with context.store.transaction() as tx:
        if tx.get(TABLE, wanted) is None:
            raise NotFound(
                f"no regular visitor with id {regular_id.strip()} (see 'kiosk regulars list')"
            )
        record = tx.update(TABLE, wanted, changes)
        detail = record["name"]
        if "expires_on" in changes:
            detail += f", until {changes['expires_on']}"
        tx.audit(context.now_iso(), actor, action, wanted, detail)
    return RegularVisitor.from_record(record)


def _usable(context: KioskContext, regular_id: str) -> RegularVisitor:
    regular = get_regular(context, regular_id)
    if regular.revoked_at:
        raise KioskError(
            f"{regular.name}'s card ({regular.id}) was revoked; add them again to issue a new one"
        )
    return regular


def new_card(
    context: KioskContext, regular_id: str, actor: str = "admin-cli"
) -> tuple[RegularVisitor, str]:
    """A fresh card code (a lost card, or a reprint): the old card stops working at once."""
    regular = _usable(context, regular_id)
    if status(context, regular) == EXPIRED:
        raise KioskError(
            f"{regular.name}'s card expired on {regular.expires_on}; "
            f"renew it: kiosk regulars renew {regular.id} --output card.svg"
        )
    code = new_card_code()
    changes = {"card_hash": card_hash(code), "card_issued_at": context.now_iso()}
    return _change(context, regular.id, changes, "regular-card", actor), code


def renew_regular(
    context: KioskContext,
    regular_id: str,
    expires_on: date | None = None,
    reissue: bool = False,
    actor: str = "admin-cli",
) -> tuple[RegularVisitor, str | None]:
    """A new expiry day (default: card_valid_days from today). With `reissue`, a new card
    code too (to print with the new date); otherwise the card they have keeps working."""
    regular = _usable(context, regular_id)
    first_day = today(context)
    expires = check_expiry(
        expires_on or first_day + timedelta(days=context.config.card_valid_days), first_day
    )
    changes: dict[str, Any] = {"expires_on": expires.isoformat()}
    code = None
    if reissue:
        code = new_card_code()
        changes.update(card_hash=card_hash(code), card_issued_at=context.now_iso())
    return _change(context, regular.id, changes, "regular-renew", actor), code


def revoke_regular(
    context: KioskContext, regular_id: str, actor: str = "admin-cli"
) -> RegularVisitor:
    """The card stops working at once; the record stays (old visits name it)."""
    regular = get_regular(context, regular_id)
    if regular.revoked_at:
        return regular
    return _change(context, regular.id, {"revoked_at": context.now_iso()}, "regular-revoke", actor)


def record_check(
    context: KioskContext,
    regular_id: str,
    checked_on: date,
    by: str,
    actor: str = "admin-cli",
) -> RegularVisitor:
    """ID seen and DBS or agency confirmation checked on `checked_on` by `by` (initials).
    From their next sign-in they are told to take the unescorted lanyard."""
    changes = {
        "dbs_checked_on": check_checked_on(checked_on, today(context)).isoformat(),
        "checked_by": check_initials(by),
    }
    get_regular(context, regular_id)
    return _change(context, regular_id, changes, "regular-check", actor)
