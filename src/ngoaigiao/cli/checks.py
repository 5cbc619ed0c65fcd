"""Argument checks for the query commands: a bad value is one line naming the
option and what it accepts, exit 2 (as argparse does for its own errors)."""
from __future__ import annotations

from ngoaigiao import params


class UsageError(Exception):
    """A command-line value that cannot be used: one line, exit status 2."""


def check_event_filters(args) -> None:
    """Validate `ngoaigiao events` filters in place (country names become codes)."""
    for opt in ("since", "until"):
        value = getattr(args, opt, None)
        if value is not None:
            problem = params.date_problem(value)
            if problem:
                raise UsageError(f"events: --{opt}: {problem}")
    if getattr(args, "type", None) is not None:
        problem = params.type_problem(args.type)
        if problem:
            raise UsageError(f"events: --type: {problem}")
    if getattr(args, "country", None) is not None:
        code, problem = params.resolve_country(args.country)
        if problem:
            raise UsageError(f"events: --country: {problem}")
        args.country = code
    for opt in ("limit", "offset"):
        value = getattr(args, opt, None)
        if value is not None and value < (1 if opt == "limit" else 0):
            raise UsageError(f"events: --{opt}: must be {'positive' if opt == 'limit' else 'zero or more'}")
