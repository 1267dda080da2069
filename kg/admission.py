"""Admission control for the HTTP server, as public SPARQL services do it.

- A bounded number of requests do work at once (KG_CONCURRENCY); up to KG_MAX_QUEUE more wait, each at most
  KG_QUEUE_WAIT seconds. A full queue or a wait that runs out is a 503 with Retry-After: the server is at its limit.
- One client (its address, or X-Forwarded-For behind KG_PROXIES trusted proxies) may have KG_CLIENT_REQUESTS in
  flight, KG_CLIENT_SPARQL queries running and KG_CLIENT_SPARQL_SECONDS per minute in queries that ran over a second;
  beyond that a 429 with Retry-After, so a client's runaway queries cost that client, not the others.

waitress has no bounded queue of its own (its task queue grows without limit), hence this small controller
rather than a rate limiter: what is scarce here is CPU and SPARQL workers, not requests per second.
"""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager

from kg.errors import Saturated, TooManyRequests

WINDOW = 60.0  # seconds over which a client's SPARQL time is counted
LONG = 1.0  # a query running longer counts against its client's SPARQL seconds; quick ones never do


class Admission:
    def __init__(self, concurrency: int, max_queue: int, queue_wait: float, client_requests: int,
                 client_sparql: int, client_sparql_seconds: float) -> None:  # fmt: skip
        self.slots = threading.BoundedSemaphore(max(1, concurrency))
        self.max_queue = max_queue
        self.queue_wait = queue_wait
        self.client_requests = max(1, client_requests)
        self.client_sparql = max(1, client_sparql)
        self.client_sparql_seconds = client_sparql_seconds
        self._lock = threading.Lock()
        self._waiting = 0
        self._in_flight: dict[str, int] = defaultdict(int)
        self._sparql: dict[str, int] = defaultdict(int)
        self._spent: dict[str, deque[tuple[float, float]]] = defaultdict(deque)  # (end time, seconds) per query

    @contextmanager
    def request(self, client: str) -> Iterator[None]:
        """Hold one of the work slots for a request of ``client``, or refuse with 429 / 503."""
        with self._lock:
            if self._in_flight[client] >= self.client_requests:
                raise TooManyRequests(f"more than {self.client_requests} requests in flight from this client",
                                      "wait for the answers before sending more", retry_after=1)  # fmt: skip
            acquired = self.slots.acquire(blocking=False)
            if not acquired and self._waiting >= self.max_queue:
                raise Saturated("the server is saturated: every slot is busy and the queue is full",
                                "retry after the Retry-After delay", retry_after=2)  # fmt: skip
            self._in_flight[client] += 1
            self._waiting += not acquired
        try:
            if not acquired:
                acquired = self.slots.acquire(timeout=self.queue_wait)
                with self._lock:
                    self._waiting -= 1
                if not acquired:
                    wait = max(1, math.ceil(self.queue_wait))
                    raise Saturated(f"no slot became free within {self.queue_wait:g} s", "retry after the Retry-After delay",
                                    retry_after=wait)  # fmt: skip
            try:
                yield
            finally:
                self.slots.release()
        finally:
            with self._lock:
                self._in_flight[client] -= 1
                if not self._in_flight[client]:
                    del self._in_flight[client]

    @contextmanager
    def sparql(self, client: str) -> Iterator[None]:
        """A user's SPARQL query: at most KG_CLIENT_SPARQL at once and KG_CLIENT_SPARQL_SECONDS a minute per client."""
        now = time.monotonic()
        with self._lock:
            spent = self._spent[client]
            while spent and spent[0][0] < now - WINDOW:
                spent.popleft()
            used = sum(seconds for _, seconds in spent)
            if used >= self.client_sparql_seconds:
                wait = math.ceil(spent[0][0] + WINDOW - now) if spent else 1
                raise TooManyRequests(f"this client used {used:.0f} s of SPARQL time in the last minute "
                                      f"(limit {self.client_sparql_seconds:g} s)", "add LIMIT or narrow the query",
                                      retry_after=max(1, wait))  # fmt: skip
            if self._sparql[client] >= self.client_sparql:
                raise TooManyRequests(f"more than {self.client_sparql} SPARQL queries at once from this client",
                                      "send the next query when the previous one has answered", retry_after=1)  # fmt: skip
            self._sparql[client] += 1
        started = time.monotonic()
        try:
            yield
        finally:
            ended = time.monotonic()
            with self._lock:
                self._sparql[client] -= 1
                if not self._sparql[client]:
                    del self._sparql[client]
                if ended - started >= LONG:
                    self._spent[client].append((ended, ended - started))
                elif not self._spent[client]:
                    del self._spent[client]

    def clients(self) -> int:
        with self._lock:
            return len(self._in_flight)
