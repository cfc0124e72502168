"""Read-only commands leave the data folder exactly as it was: no file written, no lock taken."""

from __future__ import annotations

from kiosk.services.context import KioskContext
from tests.admin.seeding import phone, visit


def snapshot(context: KioskContext) -> dict[str, tuple[bytes, int]]:
    root = context.store.data_dir
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_read_only_commands_write_nothing(context: KioskContext, admin) -> None:
    visit(context, "2026-11-25T08:30:00")
    visit(context, "2026-10-25T00:30:00", signed_out="2026-10-25T09:00:00")
    phone(context, "2026-11-25T08:40:00")
    context.store.lock_path.unlink()  # so that taking the lock would show
    before = snapshot(context)

    for args in (
        ("export", "visits"), ("export", "phones", "--format", "json"),
        ("export", "audit", "--since", "2026-11-01"), ("onsite",), ("onsite", "--format", "csv"),
        ("phones",), ("phones", "--all", "--format", "json"), ("audit", "verify"),
        ("staff", "list"), ("purge", "--dry-run"),
    ):  # fmt: skip
        result = admin(*args)
        assert result.returncode == 0, (args, result.stderr)

    assert snapshot(context) == before
    assert not context.store.lock_path.exists()
