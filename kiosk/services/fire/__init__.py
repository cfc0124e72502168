"""The fire roll call: who is on site now (roll_call), its pupils' groups (roll_call_pupils),
as text (roll_call_text) and a page to print (roll_call_html), printed with `lp` (printing),
its log in the audit trail (fire_log), the alarm input's wiring as `kiosk check` sees it
(alarm_input), and closing an alarm's roll call (roll_call_close)."""
