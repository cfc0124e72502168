"""The office's commands: exports, retention, close of day, checks and the SSH export gate."""
