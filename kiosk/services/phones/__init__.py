"""The phone store: storing a pupil's phone, handing phones back, the lock and the bag labels."""
