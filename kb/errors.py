"""Errors the user can act on; the command line prints them as one line."""


class KbError(Exception):
    """A failure with a clear message for the user (exit status 1, no traceback)."""


class UsageError(KbError):
    """The command was called wrongly (exit status 2)."""
