"""The `kiosk` command line: the touchscreen app and the admin's tools over SSH."""
