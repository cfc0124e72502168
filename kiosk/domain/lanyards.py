"""Which lanyard a visitor takes: the unescorted colour only for a regular visitor whose
ID and DBS (or agency confirmation) the office has checked; everyone else is escorted."""

from __future__ import annotations

from dataclasses import dataclass, field

SUPPLY_STAFF = "supply-staff"  # reception checks them against the agency's confirmation


@dataclass(frozen=True)
class Lanyard:
    colour: str  # e.g. "red": stored with the visit, read out at a roll call
    wording: str  # the sentence on the pass
    escorted: bool


@dataclass(frozen=True)
class LanyardSettings:
    # The [lanyards] table of kiosk.toml; the limits are plain data that kiosk/config.py reads.
    unescorted_colour: str = field(metadata={"max_length": 20})
    unescorted_wording: str = field(metadata={"max_length": 120})
    escorted_colour: str = field(metadata={"max_length": 20})
    escorted_wording: str = field(metadata={"max_length": 120})

    def for_visitor(self, checked: bool) -> Lanyard:
        if checked:
            return Lanyard(self.unescorted_colour, self.unescorted_wording, escorted=False)
        return Lanyard(self.escorted_colour, self.escorted_wording, escorted=True)

    def wording(self, escorted: bool) -> str:
        return self.escorted_wording if escorted else self.unescorted_wording
