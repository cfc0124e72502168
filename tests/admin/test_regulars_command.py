"""`kiosk regulars`, run as the office would over SSH: issue a card (a printable SVG whose QR
a real decoder reads back), list, check, reprint, renew and revoke; mistakes in one line."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from kiosk.domain.visitor_form import VisitorDetails
from kiosk.services.context import KioskContext
from kiosk.services.regulars.regular_visitors import (
    CardRefused,
    CardSignIn,
    add_regular,
    documents_now,
    record_check,
    scan_card,
    sign_in_regular,
)
from kiosk.services.visitors.rules_file import load_rules
from kiosk.services.visitors.sign_in import sign_in
from tests.regulars.qr_reader import read_qr_in_svg

NOW = {"KIOSK_FAKE_NOW": "2026-11-25T08:45:00"}  # the context's fake clock
NS = {"svg": "http://www.w3.org/2000/svg"}


def texts(svg: str) -> dict[str, str]:
    root = ET.fromstring(svg.encode())
    return {t.get("class", ""): t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")}


def added_id(stdout: str) -> str:
    found = re.search(r"with id (R-[0-9A-Z]+)", stdout)
    assert found, stdout
    return found[1]


def test_add_writes_a_card_a_real_decoder_reads_and_the_kiosk_accepts(
    context: KioskContext, admin, tmp_path: Path
) -> None:
    card = tmp_path / "ann.svg"
    result = admin("regulars", "add", "Ann Lee", "--type", "parent-helper", "--host", "Year 2",
                   "--output", str(card), env=NOW)  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "added Ann Lee (parent-helper)" in result.stdout
    svg = card.read_text()
    root = ET.fromstring(svg.encode())
    assert (root.get("width"), root.get("height")) == ("85.6mm", "53.98mm")  # credit-card size
    shown = texts(svg)
    assert shown["card-school"] == "Kingsthorpe Village Primary School"
    assert shown["card-name"] == "Ann Lee"
    assert shown["card-expiry"] == "25 November 2027"
    assert card.stat().st_mode & 0o077 == 0  # whoever has the file can print a working card

    (code,) = read_qr_in_svg(svg)
    assert re.fullmatch(r"CARD-[0-9A-Z]{20}", code)  # the code only: no name, no school
    assert code not in (context.store.data_dir / "live.json").read_text()
    scanned = scan_card(context, code)
    assert isinstance(scanned, CardSignIn) and scanned.details.name == "Ann Lee"


def test_list_check_reprint_renew_and_revoke(context: KioskContext, admin, tmp_path) -> None:
    first = tmp_path / "sam.svg"
    added = admin("regulars", "add", "Sam Kirk", "--type", "supply-staff", "--organisation",
                  "Teach Ltd", "--expires", "2027-03-31", "--output", str(first),
                  env=NOW)  # fmt: skip
    assert added.returncode == 0, added.stderr
    regular_id = added_id(added.stdout)

    listed = admin("regulars", "list", env=NOW)
    assert listed.stdout.splitlines()[0].split() == [
        "Id", "Name", "Type", "Organisation", "Visiting", "Expires", "Checked", "Card"
    ]  # fmt: skip
    assert listed.stdout.splitlines()[1].split() == [
        regular_id, "Sam", "Kirk", "supply-staff", "Teach", "Ltd", "(asked)", "2027-03-31",
        "not", "checked", "active"
    ]  # fmt: skip

    checked = admin("regulars", "check", regular_id.lower(), "--dbs-checked-on", "2026-11-20",
                    "--by", "jr", env=NOW)  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    assert "take a green lanyard" in checked.stdout
    assert "2026-11-20 JR" in admin("regulars", "list", env=NOW).stdout

    second = tmp_path / "sam-2.svg"
    reprinted = admin("regulars", "card", regular_id, "--output", str(second), env=NOW)
    assert reprinted.returncode == 0, reprinted.stderr
    assert "old card no longer works" in reprinted.stdout

    renewed = admin("regulars", "renew", regular_id, "--expires", "2027-07-22", env=NOW)
    assert renewed.returncode == 0 and "now works until 2027-07-22" in renewed.stdout

    revoked = admin("regulars", "revoke", regular_id, env=NOW)
    assert revoked.returncode == 0 and "revoked Sam Kirk's card" in revoked.stdout
    assert admin("regulars", "list", env=NOW).stdout.splitlines()[1].endswith("revoked")
    actions = [e["action"] for e in context.store.audit_entries()]
    assert actions == ["regular-add", "regular-check", "regular-card", "regular-renew",
                       "regular-revoke"]  # fmt: skip


def test_a_reprinted_card_replaces_the_old_one(context: KioskContext, admin, tmp_path) -> None:
    old, new = tmp_path / "old.svg", tmp_path / "new.svg"
    added = admin("regulars", "add", "Ann Lee", "--type", "governor", "--output", str(old), env=NOW)
    admin("regulars", "card", added_id(added.stdout), "--output", str(new), env=NOW)
    (old_code,) = read_qr_in_svg(old.read_text())
    (new_code,) = read_qr_in_svg(new.read_text())
    assert isinstance(scan_card(context, old_code), CardRefused)
    assert isinstance(scan_card(context, new_code), CardSignIn)


def test_mistakes_are_one_line_and_change_nothing(context: KioskContext, admin, tmp_path) -> None:
    existing = tmp_path / "taken.svg"
    existing.write_text("keep me")
    cases = [
        (("add", "Ann Lee", "--type", "governor", "--output", str(existing)), "already exists"),
        (("add", "Ann Lee", "--type", "governor", "--output", str(tmp_path / "no" / "c.svg")),
         "does not exist"),
        (("add", "Ann Lee", "--type", "plumber", "--output", str(tmp_path / "a.svg")),
         "invalid choice"),
        (("add", "Sam Kirk", "--type", "contractor", "--output", str(tmp_path / "b.svg")),
         "needs --organisation"),
        (("add", "Ann Lee", "--type", "governor", "--expires", "31/03/2027", "--output",
          str(tmp_path / "c.svg")), "is not a date"),
        (("revoke", "R-NOSUCHTHING1"), "no regular visitor with id R-NOSUCHTHING1"),
        (("check", "R-NOSUCHTHING1", "--dbs-checked-on", "2026-11-01", "--by", "JR"),
         "no regular visitor"),
    ]  # fmt: skip
    for args, message in cases:
        result = admin("regulars", *args, env=NOW)
        assert result.returncode != 0, args
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert existing.read_text() == "keep me"
    assert context.store.live("regulars") == []


def test_onsite_and_the_export_show_lanyards_regulars_and_agreements(
    context: KioskContext, admin
) -> None:
    rules = load_rules(context.config.rules_file)
    regular, _ = add_regular(context, "Ann Lee", "contractor", organisation="Acme", host="Mr Hall")
    record_check(context, regular.id, date(2026, 11, 1), "JR")
    documents = documents_now(context, "contractor")[1:]
    checked = sign_in_regular(context, regular.id, rules, documents)
    context.clock.advance(minutes=5)
    first_time = sign_in(
        context, VisitorDetails("contractor", "Bo Chen", "Acme", "Mr Hall", ""), rules,
        documents=documents,
    )  # fmt: skip

    text = admin("onsite", env=NOW).stdout.splitlines()
    ann = next(line for line in text if "Ann Lee" in line)
    bo = next(line for line in text if "Bo Chen" in line)
    assert ann.split()[-1] == "green" and bo.split()[-1] == "red"

    rows = list(csv.DictReader(io.StringIO(admin("export", "visits", env=NOW).stdout)))
    # issue 14's columns, then issue 28's languages: each added at the end
    assert list(rows[0])[-7:] == [
        "lanyard", "escorted", "regular_id", "agreements",
        "language", "rules_language", "agreement_languages",
    ]  # fmt: skip
    agreed = (f"asbestos-register {documents[0].version}; "
              f"site-induction {documents[1].version}")  # fmt: skip
    assert [(r["id"], r["lanyard"], r["escorted"], r["regular_id"], r["agreements"])
            for r in rows] == [
        (checked.id, "green", "false", regular.id, agreed),
        (first_time.id, "red", "true", "", agreed),
    ]  # fmt: skip
    as_json = json.loads(admin("export", "visits", "--format", "json", env=NOW).stdout)
    assert as_json[1]["agreements"] == first_time.agreements
