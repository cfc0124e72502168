"""The durable record store: a journal of transactions (one line and one flush each), month
files appended one record per line, and small checkpoints written atomically; one writer at a
time, readers without the lock. The map and the protocol: docs/records.md."""

from kiosk.store.record_store import RecordStore, Transaction

__all__ = ["RecordStore", "Transaction"]
