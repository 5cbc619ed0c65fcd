"""A per-page time budget, so one pathological page cannot stall a batch or a web worker.

`pipeline.process` runs each page inside `page(source)`: after every stage the
time spent so far is compared with the budget (`PAGE_SECONDS`, from
NGOAIGIAO_PAGE_SECONDS, default 20 s, about a thousand times what a news page
takes), and a page over it is rejected as an `InputError` "too complex", which
every caller already reports in one line and goes on.

Checks between stages cannot stop a stage that is itself stuck. Where a
SIGALRM timer can be used (the main thread of a command-line process, once
`enable_alarm()` was called; never in the web app's or Spark's threads), the
timer also interrupts the stage when the budget runs out.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager

from ngoaigiao.errors import InputError


def _seconds() -> float:
    try:
        return float(os.environ.get("NGOAIGIAO_PAGE_SECONDS") or 20.0)
    except ValueError:
        return 20.0


PAGE_SECONDS = _seconds()
_alarm = False


class PageTooComplex(InputError):
    """The page used up its time budget."""


def enable_alarm(on: bool = True) -> None:
    """Let `page` interrupt a stuck stage with SIGALRM (command-line processes only)."""
    global _alarm
    _alarm = on and hasattr(signal, "setitimer")


def _too_complex(source: str | None, seconds: float, stage: str | None) -> PageTooComplex:
    where = f" in the {stage} stage" if stage else ""
    return PageTooComplex(source, f"page too complex: gave up after {seconds:.1f}s{where} (the budget is "
                                  f"{PAGE_SECONDS:g}s per page, NGOAIGIAO_PAGE_SECONDS)")


class Clock:
    def __init__(self, source: str | None, limit: float):
        self.source, self.limit, self.start = source, limit, time.monotonic()
        self.stage: str | None = None

    def check(self, stage_done: str, next_stage: str | None = None) -> None:
        spent = time.monotonic() - self.start
        if self.limit > 0 and spent > self.limit:
            raise _too_complex(self.source, spent, stage_done)
        self.stage = next_stage


@contextmanager
def page(source: str | None):
    limit = PAGE_SECONDS
    clock = Clock(source, limit)
    use_alarm = _alarm and limit > 0 and threading.current_thread() is threading.main_thread()
    if not use_alarm:
        yield clock
        return

    def on_alarm(signum, frame):
        raise _too_complex(source, time.monotonic() - clock.start, clock.stage)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield clock
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
