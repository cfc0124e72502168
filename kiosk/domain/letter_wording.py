"""The words of a letter home that depend on the records: when the phones were taken, and
where each one is now (still in the store, gone back to the pupil, collected by an adult)
with the rule that applies to those still held.

Pure: the letter's phones (oldest first, as `PhoneNow`) in, clauses out. The template puts
them in "... was taken from them at $incident_times ..." and "What happens now:
$collection.", so each is a clause: no capital at the start, no full stop at the end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

TO_PUPIL = "pupil"  # returned_to of a phone handed back to the pupil
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
# When the record says parent or carer only (ticked by staff, or the pupil's flag on the
# roster) and the school's rule reached says nothing of it.
PARENT_ONLY = {
    1: "it goes back only to a parent or carer, who must collect it",
    2: "they go back only to a parent or carer, who must collect them",
}
NO_RULE = "the phone goes back at the end of the day"


@dataclass(frozen=True)
class PhoneNow:
    """One confiscated phone of the letter, as its record says now (times school-local)."""

    taken: datetime
    returned: datetime | None  # None: still in the store
    returned_to: str  # "pupil", or the collecting adult's name
    parent_only: bool
    rule_text: str  # the rule its confiscation reached, as stored with it
    rule_parent_only: bool  # does that rule itself say parent or carer only?


def number(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


def english_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def hh_mm(moment: datetime) -> str:
    return f"{moment:%H:%M}"


def times_list(moments: Sequence[datetime]) -> str:
    """Each minute once, in order: '06:45 and 06:46 (two phones)', never '06:46 and 06:46'."""
    counted = Counter(hh_mm(m) for m in sorted(moments))
    return english_list(
        [time if n == 1 else f"{time} ({number(n)} phones)" for time, n in counted.items()]
    )


def _subject(group: Sequence[PhoneNow], all_phones: int) -> str:
    """How a group of the letter's phones is named: 'it', 'both phones', 'the phone taken at
    13:05', 'the phones taken at 10:15 and 11:00'."""
    if len(group) == all_phones:
        if all_phones == 1:
            return "it"
        return "both phones" if all_phones == 2 else f"all {number(all_phones)} phones"
    noun = "the phone" if len(group) == 1 else "the phones"
    return f"{noun} taken at {times_list([p.taken for p in group])}"


def _when(moments: Sequence[datetime], incident_day: date) -> str:
    """'at 15:40', or with the day when it was not the day of the letter's incident."""
    parts = []
    by_day: dict[date, list[datetime]] = {}
    for moment in sorted(moments):
        by_day.setdefault(moment.date(), []).append(moment)
    for day, on_day in by_day.items():
        times = english_list(sorted({hh_mm(m) for m in on_day}))
        parts.append(
            f"at {times}" if day == incident_day else f"on {day:%A} {day.day} {day:%B} at {times}"
        )
    return english_list(parts)


def _gone(group: Sequence[PhoneNow], to: str, first_name: str, all_phones: int, day: date) -> str:
    """'it went back to Amelia at 15:20', 'both phones were collected by Mrs Okafor at 15:40'."""
    subject = _subject(group, all_phones)
    when = _when([p.returned for p in group if p.returned], day)
    if to == TO_PUPIL:
        return f"{subject} went back to {first_name} {when}"
    verb = "were" if len(group) > 1 else "was"
    return f"{subject} {verb} collected by {to} {when}"


def _rule(held: Sequence[PhoneNow]) -> str:
    """The rule for the phones still held: the latest confiscation's, unless the records say
    parent or carer only and that rule does not."""
    latest = held[-1]
    if any(p.parent_only for p in held) and not latest.rule_parent_only:
        return PARENT_ONLY[1 if len(held) == 1 else 2]
    return latest.rule_text or NO_RULE


def collection(phones: Sequence[PhoneNow], first_name: str, incident_day: date) -> str:
    """Where the letter's phones are now, and the rule for those still held.

    All still in the store: the rule alone ('a parent or carer must collect it'), as before.
    Otherwise one clause per group, joined by semicolons."""
    ordered = sorted(phones, key=lambda p: p.taken)
    held = [p for p in ordered if p.returned is None]
    if len(held) == len(ordered):
        return _rule(held)
    clauses = []
    by_whom: dict[str, list[PhoneNow]] = {}
    for phone in ordered:
        if phone.returned is not None:
            by_whom.setdefault(phone.returned_to or TO_PUPIL, []).append(phone)
    for to, group in by_whom.items():
        clauses.append(_gone(group, to, first_name, len(ordered), incident_day))
    if held:
        subject = _subject(held, len(ordered))
        verb = "are" if len(held) > 1 else "is"
        clauses.append(f"{subject} {verb} still in the school's phone store: {_rule(held)}")
    return "; ".join(clauses)
