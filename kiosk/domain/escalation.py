"""The school's escalation rules: what the Nth confiscation in a term means.

Pure: a rule list from the settings and a count in, the rule and the sentence for the
screen out. Phones handed in on arrival are not confiscations and never count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

CONFISCATED = "confiscated"


@dataclass(frozen=True)
class EscalationRule:
    count: int  # applies from this confiscation in a term on, until a higher rule's count
    text: str  # what happens, completing "Amelia's 2nd confiscation this term: ..."
    parent_only: bool = False  # the phone goes back only to a parent or carer
    head_of_year: bool = False  # the head of year is told
    behaviour_code: str = ""  # overrides the setting's code for the behaviour system


DEFAULT_RULES = (
    EscalationRule(1, "it goes back to the pupil at the end of the day"),
    EscalationRule(2, "a parent or carer must collect it", parent_only=True),
    EscalationRule(
        3,
        "a parent or carer must collect it, and the head of year is told",
        parent_only=True,
        head_of_year=True,
    ),
)


def rule_for(count: int, rules: tuple[EscalationRule, ...]) -> EscalationRule | None:
    """The rule the `count`th confiscation in a term reaches (None for 0 or no rule)."""
    reached = [r for r in rules if r.count <= count]
    return max(reached, key=lambda r: r.count) if count > 0 and reached else None


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def possessive(first_name: str) -> str:
    return f"{first_name}'" if first_name.endswith(("s", "S")) else f"{first_name}'s"


def announcement(first_name: str, count: int, rule: EscalationRule | None) -> str:
    """The sentence staff see when storing: "Amelia's 2nd confiscation this term: ..."."""
    head = f"{possessive(first_name)} {ordinal(count)} confiscation this term"
    return f"{head}: {rule.text}" if rule else head


def pupil_key(pupil_id: str, pupil_name: str) -> str:
    """Whose count a record adds to: the roster id, or the name when not on the roster."""
    if pupil_id:
        return pupil_id
    return "name:" + " ".join(pupil_name.split()).casefold()


def record_key(record: dict[str, Any]) -> str:
    return pupil_key(record.get("pupil_id", ""), record.get("pupil_name", ""))


def number_confiscations(
    records: Iterable[dict[str, Any]], term_of: Callable[[dict[str, Any]], str]
) -> dict[str, tuple[str, int]]:
    """record id -> (term key, its number among the pupil's confiscations in that term).

    `records` oldest first. Phones handed in on arrival get number 0: they never count.
    """
    seen: dict[tuple[str, str], int] = {}
    numbered = {}
    for record in records:
        term = term_of(record)
        if record.get("reason") != CONFISCATED:
            numbered[record["id"]] = (term, 0)
            continue
        key = (record_key(record), term)
        seen[key] = seen.get(key, 0) + 1
        numbered[record["id"]] = (term, seen[key])
    return numbered
