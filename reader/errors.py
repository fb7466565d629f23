"""The one exception type that reaches the user as a clean one-line message (exit status 2)."""


class ReaderError(Exception):
    """An error caused by the user's input or environment: printed as one line, never a traceback."""
