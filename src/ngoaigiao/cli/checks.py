"""Argument checks for the query commands: a bad value is one line naming the
option and what it accepts, exit 2 (as argparse does for its own errors)."""
from __future__ import annotations

from ngoaigiao import params


class UsageError(Exception):
    """A command-line value that cannot be used: one line, exit status 2."""


def check_dates(cmd: str, args) -> None:
    """--since/--until: a date that exists (YYYY, YYYY-MM or YYYY-MM-DD), else one line, exit 2."""
    for opt in ("since", "until"):
        value = getattr(args, opt, None)
        if value is not None:
            problem = params.date_problem(value)
            if problem:
                raise UsageError(f"{cmd}: --{opt}: {problem}")
