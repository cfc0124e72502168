"""Late arrivals and early collections at the foyer: the records, the phone rule, the office's
commands (kiosk attendance, export, report), retention and the roll call's pupil groups."""
