"""The roll call as a printable page: `kiosk onsite --output roll-call.html`.

A4, one self-contained file (no scripts, no network), names in full, a count per group, the
time it was made and a tick box per person, so it can be printed in the office (or saved
on a phone) and carried to the assembly point. Every value is escaped: a name typed as
"<b>" prints as typed.
"""

from __future__ import annotations

from html import escape

from kiosk import __version__
from kiosk.services.fire.roll_call import RollCall, RollCallGroup, people_word

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; color: #000; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 2mm 0; }
h2 { font-size: 13pt; margin: 6mm 0 2mm 0; break-after: avoid; }
p { margin: 0 0 2mm 0; }
.made { font-size: 12pt; font-weight: bold; }
.counts { font-size: 12pt; }
table { width: 100%; border-collapse: collapse; }
thead { display: table-header-group; }
th, td { border: 0.3mm solid #000; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #e6e6e6; }
tr { break-inside: avoid; }
td.tick { width: 9mm; text-align: center; }
.box { display: inline-block; width: 5mm; height: 5mm; border: 0.5mm solid #000; }
td.name { font-weight: bold; font-size: 12pt; width: 32%; }
td { overflow-wrap: break-word; }
td.time { white-space: nowrap; }
.problem { font-weight: bold; border: 0.6mm solid #000; padding: 2mm; }
footer { margin-top: 6mm; font-size: 9pt; }
"""


def _group(group: RollCallGroup) -> str:
    title = f"{escape(group.title)}: {group.count}"
    if group.problem:
        return (
            f"<h2>{escape(group.title)}</h2>\n"
            f"<p class='problem'>Could not be read: {escape(group.problem)}</p>"
        )
    if not group.people:
        return f"<h2>{title}</h2>\n<p>{escape(group.empty_note)}</p>"
    columns = {h: n for n, h in enumerate(group.headers)}
    kinds = {columns.get("Name", -1): " class='name'", columns.get("In", -1): " class='time'"}
    head = "".join(f"<th scope='col'>{escape(h)}</th>" for h in group.headers)
    rows = []
    for person in group.people:
        cells = "".join(
            f"<td{kinds.get(n, '')}>{escape(c)}</td>" for n, c in enumerate(person.cells)
        )
        rows.append(
            f"<tr><td class='tick'><span class='box' aria-label='not yet found'></span></td>"
            f"{cells}</tr>"
        )
    return (
        f"<h2>{title}</h2>\n<table>\n<thead><tr><th scope='col'>Found</th>{head}</tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def roll_call_html(roll: RollCall, school: str) -> str:
    counts = ", ".join(f"{escape(g.title)} {g.count}" for g in roll.groups if g.on_site)
    parts = [
        "<!DOCTYPE html>",
        "<html lang='en-GB'>\n<head>\n<meta charset='utf-8'>",
        f"<title>{escape(school)}: fire roll call {escape(roll.made_at_text())}</title>",
        f"<style>{CSS}</style>\n</head>\n<body>",
        f"<h1>Fire roll call: {escape(school)}</h1>",
        f"<p class='made'>Made at {escape(roll.made_at_text())}</p>",
        f"<p class='counts'>On site: {people_word(roll.count)} ({counts})</p>",
        f"<p>{escape(roll.coverage())}</p>",
        *(_group(group) for group in roll.groups),
        f"<footer>Foyer Kiosk {escape(__version__)}. Tick each person as they are found. "
        "This list names everyone on site: keep it with you and shred it afterwards.</footer>",
        "</body>\n</html>\n",
    ]
    return "\n".join(parts)
