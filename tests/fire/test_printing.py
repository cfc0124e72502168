"""The roll call printed with the system's `lp`, through a stand-in `lp` on the PATH that
records what it was given; with no printer set nothing is tried."""

from __future__ import annotations

from dataclasses import replace

from kiosk.services.fire.printing import NOT_INSTALLED, print_roll_call, printer_problem
from kiosk.services.fire.roll_call import make_roll_call
from tests.admin.seeding import visit


def test_the_list_goes_to_lp_as_text_for_a4_with_a_tick_box_each(with_printer, stand_in_lp):
    visit(with_printer, "2026-11-25T08:05:00", name="Siobhán O'Neill-Byrne")
    visit(with_printer, "2026-11-25T08:10:00", name="Sam Kirk")

    result = print_roll_call(with_printer.config, make_roll_call(with_printer))

    assert result is not None and result.ok, result
    assert "request id is office-17" in result.detail
    (call,) = stand_in_lp.calls()
    assert call["args"][:2] == ["-d", "office"]
    assert call["args"][2] == "-t" and call["args"][3].startswith("Fire roll call 08:10")
    assert "media=A4" in call["args"] and "cpi=12" in call["args"]
    lines = call["stdin"].splitlines()
    assert lines[0] == "On site at 08:10 on Wed 25 Nov 2026: 2 people"
    assert max(len(line) for line in lines) <= 88
    assert "Visitors: 2" in lines
    assert [line for line in lines if line.startswith("[ ]")][1].split("  ")[2] == "Sam Kirk"
    assert "Siobhán O'Neill-Byrne" in call["stdin"]


def test_no_printer_set_means_nothing_is_tried(context, stand_in_lp) -> None:
    assert context.config.fire.printer == ""
    assert print_roll_call(context.config, make_roll_call(context)) is None
    assert stand_in_lp.calls() == []
    assert printer_problem(context.config) == ""


def test_lp_refusing_the_job_is_said_plainly(with_printer, stand_in_lp) -> None:
    stand_in_lp.fail_with(1)
    result = print_roll_call(with_printer.config, make_roll_call(with_printer))
    assert result is not None and not result.ok
    assert result.detail == (
        "lp refused the job (exit 1): lp: The printer or class does not exist."
    )


def test_no_lp_installed(with_printer, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = print_roll_call(with_printer.config, make_roll_call(with_printer))
    assert result is not None and (result.ok, result.detail) == (False, NOT_INSTALLED)
    assert printer_problem(with_printer.config) == f"fire.printer is 'office' but {NOT_INSTALLED}"


def test_a_printer_name_that_is_not_a_cups_name_is_refused_at_load(tmp_path) -> None:
    import pytest

    from kiosk.config import load_config
    from kiosk.errors import ConfigError

    settings = tmp_path / "kiosk.toml"
    for bad in ("-o evil", "office printer", "a/b"):
        settings.write_text(f'[fire]\nprinter = "{bad}"\n')
        with pytest.raises(ConfigError, match=r"fire\.printer must be a CUPS printer name"):
            load_config(settings)
    settings.write_text('[fire]\nprinter = "Office_HP-1"\n')
    assert replace(load_config(settings).fire).printer == "Office_HP-1"
