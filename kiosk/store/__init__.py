"""The durable record store: TinyDB, made durable. Its tables are TinyDB tables (live.json and
the reference table files are TinyDB databases, written atomically at checkpoints); beneath
them a journal of transactions (one line and one flush each) and month files appended one
record per line; one writer at a time, readers without the lock. The map and the protocol:
docs/records.md."""

from kiosk.store.record_store import RecordStore, Transaction

__all__ = ["RecordStore", "Transaction"]
