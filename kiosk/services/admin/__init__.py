"""The office's commands and the whole kiosk's health: exports, retention (the roster's too),
close of day, checks, the store watch (what the LED, door and alarm say), the governors'
evidence report and the SSH export gate. The top of the services: it may import any feature
package, and none imports it."""
