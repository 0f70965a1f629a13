"""Work started early on a helper thread and collected later by the same key.

A request's encoder passes (the summarizer's sentence embeddings, the attribution tagger's
forward pass) do not depend on the spaCy parse, and torch runs them without the GIL: started
ahead, they use the second core while the parse holds the first, so one request alone gets
through sooner. The answer is the same computation on the same inputs, only on another thread.
Under load every core is busy anyway and nothing is gained or lost.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")


class Ahead(Generic[T]):
    def __init__(self, name: str, keep: int = 8) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"ahead-{name}")
        self._pending: OrderedDict[Hashable, Future[T]] = OrderedDict()
        self._keep = keep  # work never collected (its request failed first) is forgotten
        self._lock = threading.Lock()

    def start(self, key: Hashable, work: Callable[[], T]) -> None:
        with self._lock:
            if key in self._pending:
                return
            self._pending[key] = self._pool.submit(work)
            while len(self._pending) > self._keep:
                self._pending.popitem(last=False)

    def take(self, key: Hashable, work: Callable[[], T]) -> T:
        """The result started ahead for this key, else the work done here and now."""
        with self._lock:
            future = self._pending.pop(key, None)
        return future.result() if future is not None else work()
