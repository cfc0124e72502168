"""`kiosk letters`: one printable A4 letter home per pupil whose phone was confiscated.

The school's wording is a template (data/letters/letter.html, or [letters] template);
every value put into it is HTML-escaped, so a name such as "O'Brien <b>" prints as typed
and cannot change the page. What the letter says of the phones is read from their records
when it is printed (kiosk.domain.letter_wording): each time taken once, which are still in
the store and the rule for them, which went home and with whom. Printing is logged (day,
roster id or name key, phone ids) in the store's `letters` table, which `kiosk purge`
empties after letters_days; the audit entry says how many letters, never whose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from string import Template

from kiosk.config import Config, share_dir
from kiosk.domain.clock import parse_iso
from kiosk.domain.escalation import CONFISCATED, ordinal, pupil_key
from kiosk.domain.ids import new_id
from kiosk.domain.letter_wording import PhoneNow, collection, times_list
from kiosk.domain.letters_log import LETTERS, LetterPrinted
from kiosk.domain.pupils import Pupil
from kiosk.domain.records import Phone
from kiosk.domain.terms import term_by_key
from kiosk.services.context import KioskContext
from kiosk.services.outputs.html_templates import load_html_template
from kiosk.services.policy.phone_history import Period, phones_in_period
from kiosk.services.pupils.pupil_roster import PUPILS

PLACEHOLDERS = (
    "school_name", "letter_date", "pupil_name", "class_name", "year", "incident_date",
    "incident_times", "count_text", "collection", "term_name",
)  # fmt: skip

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
@page {{ size: A4; margin: 20mm; }}
html {{ font-family: Georgia, "Times New Roman", serif; font-size: 12pt; color: #000; }}
body {{ margin: 0; background: #fff; }}
.letter {{ box-sizing: border-box; max-width: 170mm; margin: 0 auto; }}
.letter + .letter {{ break-before: page; page-break-before: always; }}
.letter h1 {{ font-size: 18pt; margin: 0 0 4mm; }}
.letter h2 {{ font-size: 13pt; margin: 6mm 0 2mm; }}
.letter .date {{ text-align: right; }}
.letter p {{ line-height: 1.45; margin: 0 0 4mm; }}
@media screen {{
  body {{ background: #ddd; padding: 10mm 0; }}
  .letter {{ background: #fff; width: 210mm; min-height: 297mm; padding: 20mm;
             margin: 0 auto 10mm; max-width: none; }}
}}
</style>
</head>
<body>
{letters}
</body>
</html>
"""


@dataclass(frozen=True)
class Letter:
    pupil_key: str
    phone_ids: tuple[str, ...]
    html: str  # one page, already escaped


def template_path(config: Config) -> Path:
    return config.policy.letters_template or share_dir() / "letters" / "letter.html"


def load_template(path: Path) -> Template:
    return load_html_template(path, PLACEHOLDERS, "letter template")


def phone_now(context: KioskContext, phone: Phone) -> PhoneNow:
    """A phone of the letter as its record says now, with whether the rule its confiscation
    reached says parent or carer only (the school's settings, if that rule is still there)."""
    tz = context.config.tz
    returned = phone.returned_at
    rule = next((r for r in context.config.policy.rules if r.count == phone.rule_count), None)
    return PhoneNow(
        taken=parse_iso(phone.stored_at).astimezone(tz),
        returned=parse_iso(returned).astimezone(tz) if returned else None,
        returned_to=phone.returned_to,
        parent_only=phone.parent_only,
        rule_text=phone.rule_text,
        rule_parent_only=bool(rule and rule.text == phone.rule_text and rule.parent_only),
    )


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def letters_for_day(
    context: KioskContext, day: date, rule_from: int = 1, template: Template | None = None
) -> list[Letter]:
    """A letter per pupil with a confiscation on `day` whose rule reached `rule_from` or more."""
    template = template or load_template(template_path(context.config))
    tz = context.config.tz
    roster = {r["id"]: Pupil.from_record(r) for r in context.store.live(PUPILS)}
    by_pupil: dict[str, list[Phone]] = {}
    for phone in phones_in_period(context, Period(day, day, day.isoformat())):
        if phone.reason == CONFISCATED:
            by_pupil.setdefault(pupil_key(phone.pupil_id, phone.pupil_name), []).append(phone)
    terms = context.config.policy.terms
    letters = []
    for key, records in by_pupil.items():
        last = max(records, key=lambda r: r.count_in_term)
        if last.rule_count < rule_from:
            continue
        pupil = roster.get(last.pupil_id)
        name = pupil.name if pupil else last.pupil_name
        first_name = pupil.forename if pupil else name.split()[0]
        phones = [phone_now(context, r) for r in records]
        term_name = term_by_key(last.term, terms).name if last.term else ""
        values = {
            "school_name": context.config.school_name,
            "letter_date": long_date(context.now().astimezone(tz).date()),
            "pupil_name": name,
            "class_name": pupil.class_name if pupil else last.class_name,
            "year": pupil.year if pupil else "",
            "incident_date": long_date(day),
            "incident_times": times_list([p.taken for p in phones]),
            "count_text": f"{ordinal(last.count_in_term)} confiscation this term",
            "collection": collection(phones, first_name, day),
            "term_name": term_name,
        }
        body = template.substitute({k: escape(str(v)) for k, v in values.items()})
        page = f'<section class="letter">\n{body.strip()}\n</section>'
        letters.append(Letter(key, tuple(r.id for r in records), page))
    return sorted(letters, key=lambda letter: letter.pupil_key)


def letters_document(letters: list[Letter], day: date) -> str:
    return PAGE.format(
        title=escape(f"Letters home, {day.isoformat()}"),
        letters="\n".join(letter.html for letter in letters),
    )


def log_letters(
    context: KioskContext, letters: list[Letter], day: date, actor: str = "admin-cli"
) -> None:
    """Note which letters were printed (one entry per pupil and day); counts in the audit."""
    if not letters:
        return
    now = context.now_iso()
    with context.store.transaction() as tx:
        for letter in letters:
            known = tx.where(
                LETTERS,
                lambda r, k=letter.pupil_key: r["day"] == day.isoformat() and r["pupil_key"] == k,
            )
            if known:
                tx.update(
                    LETTERS,
                    known[0]["id"],
                    {"printed_at": now, "phone_ids": list(letter.phone_ids)},
                )
            else:
                entry = LetterPrinted(
                    id=new_id("L"),
                    day=day.isoformat(),
                    pupil_key=letter.pupil_key,
                    phone_ids=list(letter.phone_ids),
                    printed_at=now,
                )
                tx.insert(LETTERS, entry.to_record())
        tx.audit(
            now, actor, "letters-printed", "", f"{len(letters)} letter(s) for {day.isoformat()}"
        )
