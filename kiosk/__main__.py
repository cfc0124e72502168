from kiosk.cli.main import entry

entry()
