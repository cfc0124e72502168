"""The durable record store: TinyDB files written atomically, one writer at a time."""

from kiosk.store.record_store import RecordStore, Transaction

__all__ = ["RecordStore", "Transaction"]
