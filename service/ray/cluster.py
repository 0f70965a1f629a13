"""Joining a Ray cluster, or starting a local one, the same way for Serve and batch jobs."""

from __future__ import annotations

import math
import os


def connect(address: str, cpus_needed: float) -> bool:
    """Join the cluster at ``address`` ("auto", "ray://head:10001", a GCS host:port), or start a
    local one with at least ``cpus_needed`` logical CPUs; True when this call started it.

    Logical CPUs are Ray's bookkeeping, not cores: a local cluster on a small machine gets
    enough for every replica and batch actor asked for, and the OS shares the real cores.
    Actors' logs stay in Ray's log folder (log_to_driver off): Tidings' own lines are JSON.
    """
    import ray

    if ray.is_initialized():
        return False
    common = {"log_to_driver": False, "logging_level": "WARNING"}
    if address:
        ray.init(address=address, **common)
        return False
    cpus = max(os.cpu_count() or 1, math.ceil(cpus_needed))
    # A cluster started for one job or demo reports no usage statistics unless asked to.
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=cpus, include_dashboard=False, **common)
    return True
