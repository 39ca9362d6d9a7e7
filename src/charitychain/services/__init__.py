"""One function per user action; each checks preconditions, sends, and returns a record."""
