"""Late arrivals and early collections at the foyer: the records, the phone rule, the office's
commands (kiosk attendance, export, report) and retention. The roll call reads these records
for its pupils' groups (kiosk/services/fire/roll_call_pupils.py)."""
