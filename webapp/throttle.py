"""Count failed sign-ins per client address and refuse more than a few in a window."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class LoginThrottle:
    """Allow at most ``limit`` failures per address within ``window`` seconds.

    Kept in memory: one server process (waitress) serves the app, and a restart forgetting
    the count is acceptable for slowing down password guessing.
    """

    def __init__(
        self, limit: int = 5, window: float = 15 * 60, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, address: str) -> deque[float]:
        failures = self._failures[address]
        horizon = self._clock() - self.window
        while failures and failures[0] <= horizon:
            failures.popleft()
        return failures

    def blocked(self, address: str) -> bool:
        """Return True when this address has used up its failures for now."""
        with self._lock:
            blocked = len(self._recent(address)) >= self.limit
            if not self._failures[address]:
                del self._failures[address]
            return blocked

    def failed(self, address: str) -> None:
        """Record one failed sign-in from this address."""
        with self._lock:
            self._recent(address).append(self._clock())

    def succeeded(self, address: str) -> None:
        """Forget the failures of an address that signed in."""
        with self._lock:
            self._failures.pop(address, None)
