"""``python -m tidings.service.ray [RAY FLAGS] [SERVER SETTINGS]``: run the tidings.v1 service on
Ray Serve until SIGTERM or Ctrl-C, then remove it (and stop the Ray cluster it started).

Ray flags (options.py; also TIDINGS_RAY_*): --replicas, --min-replicas/--max-replicas,
--target-ongoing-requests, --max-ongoing-requests, --num-cpus, --threads, --grpc-port,
--http-port, --address. Everything else is a server setting, as `tidings serve` takes it
(--profile offline, --config FILE, TIDINGS_* variables).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence

from tidings.service import logs
from tidings.service.config import load_settings
from tidings.service.ray.cluster import connect
from tidings.service.ray.options import (
    APP_NAME,
    RayOptions,
    add_arguments,
    from_arguments,
    split_argv,
)


def grpc_host(options: RayOptions) -> str:
    """Where a client reaches the proxy: loopback for a local cluster, else this node's IP."""
    import ray

    return "127.0.0.1" if not options.address else ray.util.get_node_ip_address()


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = argparse.ArgumentParser(
        prog="python -m tidings.service.ray",
        description="Run the tidings.v1 service on Ray Serve. Other flags are server settings "
        "(see `tidings serve --help`).",
    )
    add_arguments(parser)
    ours, rest = split_argv(argv)
    if {"-h", "--help"} & set(rest):
        parser.print_help()
        return 0
    try:
        options = from_arguments(parser.parse_args(ours))
        settings = load_settings(rest)
    except (ValueError, OSError) as exc:
        print(f"tidings ray: {exc}", file=sys.stderr)
        return 2
    logs.configure(settings.log_level)
    from ray import serve
    from tidings.service.ray.app import deploy

    replicas = options.max_replicas if options.autoscaling else options.replicas
    # Room for a batch job beside the replicas on a local cluster (`make ray-demo` runs one).
    started = connect(options.address, replicas * options.num_cpus + 2)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    try:
        deploy(settings, options)
        print(f"grpc: {grpc_host(options)}:{options.grpc_port}", flush=True)
        stop.wait()
    finally:
        if started:  # our local cluster: stop it all
            import ray

            serve.shutdown()
            ray.shutdown()
        else:  # someone else's cluster: remove only our application
            serve.delete(APP_NAME)
    return 0


if __name__ == "__main__":
    sys.exit(main())
