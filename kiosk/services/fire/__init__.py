"""The fire roll call: who is on site now."""
