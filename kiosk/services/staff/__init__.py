"""Staff accounts and PINs: added by the office, checked at the kiosk, lockouts and alerts."""
