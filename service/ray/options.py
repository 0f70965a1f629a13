"""The Ray-side settings: how many replicas, autoscaling, resources per replica, the gRPC port.

The pipeline's own settings stay in service/config.py (flags, TIDINGS_* variables, TOML); these
are the few that only make sense on Ray, as flags or TIDINGS_RAY_* variables.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

APP_NAME = "tidings"
SERVICER_FUNCTION = "tidings.v1.tidings_pb2_grpc.add_TidingsServicer_to_server"


@dataclass(frozen=True)
class RayOptions:
    # Fixed replica count; ignored when max_replicas > 0 (autoscaling).
    replicas: int = 1
    # Autoscaling: 0 < min_replicas <= max_replicas turns it on; Serve adds a replica when the
    # replicas average more than target_ongoing_requests calls each, and removes one below it.
    min_replicas: int = 0
    max_replicas: int = 0
    target_ongoing_requests: float = 2.0
    # Calls one replica takes at once (more wait in the proxy); its pipeline runs one at a time
    # per thread, so a little more than `threads` keeps it busy without hoarding calls.
    max_ongoing_requests: int = 4
    # CPUs Ray reserves for a replica; also its torch threads (rounded, at least 1).
    num_cpus: float = 1.0
    # Model threads per replica (the in-process pipeline's executor).
    threads: int = 1
    grpc_port: int = 9000
    # Serve's HTTP proxy port (it always runs; Tidings serves nothing on it).
    http_port: int = 8000
    # Ray cluster to join ("auto", "ray://host:10001", a GCS address); empty: start a local one.
    address: str = ""

    @property
    def autoscaling(self) -> bool:
        return self.max_replicas > 0

    def deployment_options(self) -> dict[str, Any]:
        """Keyword arguments of Deployment.options()."""
        options: dict[str, Any] = {
            "max_ongoing_requests": self.max_ongoing_requests,
            "ray_actor_options": {"num_cpus": self.num_cpus},
            # Model loading happens in the constructor; the health check then only confirms it.
            "health_check_period_s": 10,
            "health_check_timeout_s": 30,
        }
        if self.autoscaling:
            options["autoscaling_config"] = {
                "min_replicas": self.min_replicas,
                "max_replicas": self.max_replicas,
                "target_ongoing_requests": self.target_ongoing_requests,
            }
        else:
            options["num_replicas"] = self.replicas
        return options

    def validate(self) -> RayOptions:
        if self.replicas < 1 or self.threads < 1 or self.max_ongoing_requests < 1:
            raise ValueError("replicas, threads and max_ongoing_requests must be at least 1")
        if self.autoscaling and not 0 < self.min_replicas <= self.max_replicas:
            raise ValueError("autoscaling needs 0 < min_replicas <= max_replicas")
        if self.num_cpus <= 0:
            raise ValueError("num_cpus must be > 0")
        return self


_FIELDS = {f.name: f for f in fields(RayOptions)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for name, f in _FIELDS.items():
        parser.add_argument(
            "--" + name.replace("_", "-"),
            dest=name,
            default=None,
            help=f"env TIDINGS_RAY_{name.upper()}; default {f.default!r}",
        )


def from_arguments(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> RayOptions:
    """Flags over TIDINGS_RAY_* variables over the defaults."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for name, f in _FIELDS.items():
        raw = getattr(args, name, None)
        if raw is None:
            raw = env.get(f"TIDINGS_RAY_{name.upper()}")
        if raw is not None:
            values[name] = type(f.default)(raw)
    return RayOptions(**values).validate()


def from_mapping(values: Mapping[str, Any]) -> RayOptions:
    """From a Serve config's ``args`` (YAML may give numbers or strings)."""
    unknown = set(values) - set(_FIELDS)
    if unknown:
        raise ValueError(f"unknown Ray options: {', '.join(sorted(unknown))}")
    typed = {k: type(_FIELDS[k].default)(v) for k, v in values.items()}
    return RayOptions(**typed).validate()


def split_argv(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Ray flags (ours) and the rest, which go to the pipeline's settings parser."""
    ours = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    add_arguments(ours)
    known, rest = ours.parse_known_args(list(argv))
    flat = [f"--{k.replace('_', '-')}={v}" for k, v in vars(known).items() if v is not None]
    return flat, rest
