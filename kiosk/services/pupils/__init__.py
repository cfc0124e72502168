"""The pupil roster: imported from the MIS, searched and flagged. Leavers are purged by
kiosk/services/admin/roster_retention.py, with the other features' retention."""
