"""Errors a user sees: one line naming the input and the reason."""


class InputError(Exception):
    """An input that cannot be processed (empty, binary, undecodable, too large...)."""

    def __init__(self, source: str | None, reason: str):
        super().__init__(f"{source or '<input>'}: {reason}")
        self.source = source
        self.reason = reason
