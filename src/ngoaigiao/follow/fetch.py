"""The polite HTTP client every follow request goes through.

- robots.txt of each host is read first (through this same client) and obeyed,
  including a Crawl-delay longer than ours; a robots.txt that cannot be read
  because the server fails (5xx, timeout) means "disallow everything" for the
  run, as RFC 9309 says; a missing one (4xx) allows everything.
- One request at a time, and at least `delay` seconds between the end of one
  request to a host and the start of the next (retries and redirect hops too).
- A User-Agent that names ngoaigiao and its version.
- Conditional GET: If-None-Match / If-Modified-Since from what was stored; a
  304 is "not modified" and no body is transferred.
- Timeouts (connect, read, and a whole-body deadline against trickling
  servers) and a size cap (Content-Length checked first, then the stream
  counted), so one bad page cannot stall or fill the run.
- 429 and 5xx are retried with exponential backoff, honouring Retry-After
  (seconds or an HTTP date) up to `max_wait`; a longer wait gives up for
  this run with that reason.
- Redirects followed by hand (each hop normalised, checked against robots,
  delayed); the final URL is returned.

Every exchange is reported to `log(url, status, outcome, reason, nbytes, ms)`
so the caller can keep a fetch log.
"""
from __future__ import annotations

import email.utils
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import urllib3

from ngoaigiao import __version__
from ngoaigiao.follow.urls import host, normalise
from ngoaigiao.read import DEFAULT_MAX_BYTES

USER_AGENT = f"ngoaigiao/{__version__} (news follower; obeys robots.txt; one request per host at a time)"
ROBOTS_AGENT = "ngoaigiao"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_CRAWL_DELAY = 60.0  # a robots.txt asking for more is honoured up to this


@dataclass
class Politeness:
    delay: float = 1.0            # seconds between requests to one host
    timeout: float = 20.0         # connect and read timeout; also the whole-body deadline
    max_bytes: int = DEFAULT_MAX_BYTES
    retries: int = 3              # extra attempts after a 429/5xx/connection error
    backoff: float = 2.0          # first wait before a retry; doubles each time
    max_wait: float = 120.0       # longest wait (Retry-After or backoff) within a run
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass
class Response:
    url: str                          # as asked (normalised)
    final_url: str                    # after redirects
    status: int | None = None         # the last HTTP status (None: no answer)
    body: bytes | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    error: str | None = None          # why it failed, for the log and the user
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def gone(self) -> bool:
        """Not worth asking again (404/410, disallowed, over the size cap)."""
        return self.status in (404, 410) or (self.error or "").startswith(("disallowed", "too large"))


class _Failure(Exception):
    def __init__(self, reason: str, retry: bool = False, status: int | None = None, nbytes: int = 0):
        super().__init__(reason)
        self.reason, self.retry, self.status, self.nbytes = reason, retry, status, nbytes


LogFn = Callable[[str, int | None, str, str | None, int, int], None]


@dataclass
class Fetcher:
    politeness: Politeness = field(default_factory=Politeness)
    log: LogFn | None = None

    def __post_init__(self):
        p = self.politeness
        self._pool = urllib3.PoolManager(
            num_pools=64, maxsize=1, retries=False,
            timeout=urllib3.Timeout(connect=p.timeout, read=p.timeout),
            headers={"User-Agent": p.user_agent, "Accept-Encoding": "gzip, deflate"})
        self._last: dict[str, float] = {}       # host -> monotonic time its last request ended
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._host_delay: dict[str, float] = {}

    # ----------------------------------------------------------------- robots
    def allowed(self, url: str) -> bool:
        key = _origin(url)
        if key not in self._robots:
            self._robots[key] = self._read_robots(key)
        rp = self._robots[key]
        if rp is None:  # the server failed to say: assume everything is disallowed (RFC 9309 2.3.1.4)
            return False
        return rp.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, origin: str):
        rp = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        url = origin + "/robots.txt"
        for _hop in range(self.politeness.max_redirects + 1):  # RFC 9309: follow up to 5 redirects
            try:
                status, headers, body = self._exchange(url, {}, limit=500_000)
            except _Failure as exc:
                return None if exc.retry or "timeout" in exc.reason else _allow_all(rp)
            if status in REDIRECTS and normalise(headers.get("Location") or "", base=url):
                url = normalise(headers["Location"], base=url)
                continue
            break
        else:
            return _allow_all(rp)
        if status == 200:
            rp.parse(body.decode("utf-8", "replace").splitlines())
            cd = rp.crawl_delay(ROBOTS_AGENT)
            if cd:
                self._host_delay[host(origin)] = min(float(cd), MAX_CRAWL_DELAY)
            return rp
        if 400 <= status < 500 or status in REDIRECTS:
            return _allow_all(rp)
        return None

    def sitemaps_in_robots(self, url: str) -> list[str]:
        self.allowed(url)
        rp = self._robots.get(_origin(url))
        return list(rp.site_maps() or []) if rp else []

    # ------------------------------------------------------------------- get
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            max_bytes: int | None = None) -> Response:
        """GET one URL politely. Never raises for a network or HTTP problem: see `Response.error`."""
        p = self.politeness
        resp = Response(url=url, final_url=url)
        current = url
        hops = 0
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        while True:
            if not self.allowed(current):
                resp.error = "disallowed by robots.txt" if current == url else \
                    f"disallowed by robots.txt (redirected to {current})"
                self._log(current, None, "disallowed", resp.error, 0, 0)
                return resp
            resp.attempts += 1
            try:
                status, h, body = self._exchange(current, headers, limit=max_bytes or p.max_bytes)
            except _Failure as exc:
                if exc.retry and resp.attempts <= p.retries:
                    self._sleep(min(p.backoff * 2 ** (resp.attempts - 1), p.max_wait))
                    continue
                resp.error = exc.reason
                return resp
            resp.status = status
            if status in REDIRECTS:
                target = normalise(h.get("Location") or "", base=current)
                hops += 1
                if not target:
                    resp.error = f"HTTP {status} without a usable Location"
                    return resp
                if hops > p.max_redirects:
                    resp.error = f"too many redirects (more than {p.max_redirects})"
                    return resp
                current = resp.final_url = target
                headers = {}  # validators belong to the first URL
                continue
            if status in RETRY_STATUSES:
                wait = _retry_after(h.get("Retry-After"))
                if wait is None:
                    wait = p.backoff * 2 ** (resp.attempts - 1)
                if resp.attempts <= p.retries and wait <= p.max_wait:
                    self._sleep(wait)
                    continue
                resp.error = f"HTTP {status}" + (f" (Retry-After {wait:g} s is longer than the run waits)"
                                                 if wait > p.max_wait else f" after {resp.attempts} attempts")
                return resp
            resp.etag = h.get("ETag")
            resp.last_modified = h.get("Last-Modified")
            resp.content_type = h.get("Content-Type")
            if status == 304:
                return resp
            if status != 200:
                resp.error = f"HTTP {status}"
                return resp
            resp.body = body
            return resp

    # -------------------------------------------------------------- plumbing
    def _exchange(self, url: str, headers: dict, limit: int) -> tuple[int, dict, bytes]:
        """One request, after the host's delay; logged whatever happens."""
        h = host(url)
        self._wait_turn(h)
        t0 = time.monotonic()
        try:
            status, hdrs, body = self._request(url, headers, limit, t0)
        except _Failure as exc:
            self._log(url, exc.status, "retry" if exc.retry else "error", exc.reason, exc.nbytes, _ms(t0))
            raise
        finally:
            self._last[h] = time.monotonic()
        if status == 200:
            outcome, reason = "ok", None
        elif status == 304:
            outcome, reason = "not_modified", None
        elif status in REDIRECTS:
            outcome, reason = "redirect", f"HTTP {status} to {hdrs.get('Location', '?')}"[:300]
        else:
            outcome, reason = "http_error", f"HTTP {status}"
        self._log(url, status, outcome, reason, len(body), _ms(t0))
        return status, hdrs, body

    def _request(self, url: str, headers: dict, limit: int, t0: float) -> tuple[int, dict, bytes]:
        """The body is read with the size cap and a whole-body deadline."""
        p = self.politeness
        try:
            r = self._pool.request("GET", url, headers=headers, preload_content=False,
                                   redirect=False, retries=False)
        except urllib3.exceptions.TimeoutError:
            raise _Failure(f"timeout (no answer within {p.timeout:g} s)") from None
        except urllib3.exceptions.HTTPError as exc:
            raise _Failure(f"connection failed ({_short(exc)})", retry=True) from None
        status, nbytes, complete = r.status, 0, False
        try:
            hdrs = dict(r.headers)
            length = int(hdrs.get("Content-Length") or -1) if (hdrs.get("Content-Length") or "").isdigit() else -1
            if length > limit:
                raise _Failure(f"too large ({length:,} bytes; the limit is {limit:,})", status=status)
            if status != 200:
                # Error, redirect and 304 bodies are not kept; a short one is read off the
                # connection so it can be reused, a long or unsized one closes it.
                if 0 <= length <= 65536:
                    r.drain_conn()
                    complete = True
                return status, hdrs, b""
            chunks, deadline = [], t0 + max(p.timeout, 1.0) * 3
            for chunk in r.stream(65536, decode_content=True):
                nbytes += len(chunk)
                if nbytes > limit:
                    raise _Failure(f"too large (more than {limit:,} bytes)", status=status, nbytes=nbytes)
                if time.monotonic() > deadline:
                    raise _Failure(f"timeout (body not complete after {deadline - t0:.0f} s)",
                                   status=status, nbytes=nbytes)
                chunks.append(chunk)
            complete = True
            return status, hdrs, b"".join(chunks)
        except urllib3.exceptions.TimeoutError:
            raise _Failure(f"timeout (read stalled for {p.timeout:g} s)", status=status, nbytes=nbytes) from None
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.DecodeError) as exc:
            raise _Failure(f"broken response ({_short(exc)})", retry=True, status=status, nbytes=nbytes) from None
        finally:
            if not complete:
                r.close()  # do not read the rest of a page we refuse
            r.release_conn()

    def _wait_turn(self, h: str) -> None:
        delay = max(self.politeness.delay, self._host_delay.get(h, 0.0))
        last = self._last.get(h)
        if last is not None:
            self._sleep(last + delay - time.monotonic())

    @staticmethod
    def _sleep(seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def _log(self, url, status, outcome, reason, nbytes, ms) -> None:
        if self.log:
            self.log(url, status, outcome, reason, nbytes, ms)


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _allow_all(rp):
    rp.parse([])
    return rp


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _short(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason).split(": ", 1)[-1][:120]


def _ms(t0: float) -> int:
    return int((time.monotonic() - t0) * 1000)
