"""Staff signing in and out at the foyer: by card or by name, on the fire roll call, closed at
close-day, exported and purged by the school year."""
