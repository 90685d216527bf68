"""Errors for bad input, each a one-line message naming the file or value."""


class DocumentError(ValueError):
    """A document that cannot be parsed: missing, binary, empty, wrongly encoded, too large."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")
