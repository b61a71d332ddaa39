"""The one exception type for problems a person can cause.

Bad files, bad guides and bad values all raise :class:`FieldkitError` at the
boundary where they enter. The command line and the window catch it once, at
the top, and show its message as it is: it must read as a plain sentence that
names the file and the thing at fault.
"""


class FieldkitError(Exception):
    """A problem with the user's input, worded for the user."""


class GuideError(FieldkitError):
    """A guide file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        count = len(problems)
        heading = f"{source}: {count} problem{'s' if count > 1 else ''} in the guide"
        super().__init__(heading + "\n" + "\n".join(f"  - {p}" for p in problems))
