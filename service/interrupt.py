"""Stopping a call that is already running, at its next step boundary.

Whatever runs a call (a worker process, or a model thread of the server process) sets a
``CallState`` for it (``running``); ``metrics.stage`` calls ``check`` as each pipeline step
begins. A step already running is never cut (an engine left half-way could hold a broken
state); the next one does not begin once the caller's deadline has passed, its caller has
cancelled or the server is stopping. Standard library only: it runs in the workers.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from tidings.models.base import EngineError

CALLER_GONE = "caller gone"
DEADLINE = "deadline passed"
STOPPING = "server stopping"


class Interrupted(EngineError):
    """A call stopped before it finished; ``stage`` is the step that did not begin ('' when
    it never started); ``reason`` says why (DEADLINE, CALLER_GONE, STOPPING)."""

    reason = ""

    def __init__(self, message: str, stage: str = "") -> None:
        super().__init__(message)
        self.stage = stage


class DeadlinePassed(Interrupted):
    """The caller's deadline passed before the call (or its next step) started:
    DEADLINE_EXCEEDED (the caller has usually gone already)."""

    reason = DEADLINE


class CallCancelled(Interrupted):
    """The caller cancelled: CANCELLED (it is no longer listening)."""

    reason = CALLER_GONE


class ServerStopping(Interrupted):
    """The server is shutting down and the grace period is over: UNAVAILABLE, so the caller
    may retry elsewhere."""

    reason = STOPPING


_ERRORS: dict[str, type[Interrupted]] = {
    kind.reason: kind for kind in (DeadlinePassed, CallCancelled, ServerStopping)
}
_MESSAGES = {
    DEADLINE: "the deadline passed before the {stage} step",
    CALLER_GONE: "the caller cancelled before the {stage} step",
    STOPPING: "the server is shutting down; retry the call on another instance",
}


def error(reason: str, stage: str = "") -> Interrupted:
    return _ERRORS[reason](_MESSAGES[reason].format(stage=stage or "first"), stage)


# A call whose caller's deadline passed while it queued for a worker or a model thread.
WAITED_TOO_LONG = "the deadline passed while the call waited for a worker"


DEADLINE_SLACK_S = 0.25


def passed(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def abandoned(stopping: bool, deadline: float | None) -> str:
    """Why a call its caller's side let go of must stop: the server is stopping, else the
    deadline passed, else the caller cancelled."""
    if stopping:
        return STOPPING
    # The caller's side times out a moment before ours (its clock started first) and cancels:
    # a cancel that close to the deadline is the deadline.
    near = deadline is not None and time.monotonic() >= deadline - DEADLINE_SLACK_S
    return DEADLINE if near else CALLER_GONE


@dataclass
class CallState:
    """One running call: its caller's deadline (time.monotonic(); the clock is the same in
    every process of the machine) and why it was told to stop, if it was."""

    deadline: float | None = None
    reason: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def cancel(self, reason: str = CALLER_GONE) -> None:
        with self._lock:
            self.reason = self.reason or reason  # the first reason is the true one

    def check(self, stage: str) -> None:
        reason = self.reason
        if not reason and passed(self.deadline):
            reason = DEADLINE
        if reason:
            raise error(reason, stage)


_local = threading.local()


@contextlib.contextmanager
def running(state: CallState) -> Iterator[CallState]:
    """``state`` is this thread's call for the duration of the block."""
    _local.state = state
    try:
        yield state
    finally:
        _local.state = None


def check(stage: str) -> None:
    """Raise the Interrupted error for the current call if it must not begin ``stage``; no-op
    outside a call (a script using the pipeline, an encoder's helper thread)."""
    state = getattr(_local, "state", None)
    if state is not None:
        state.check(stage)
