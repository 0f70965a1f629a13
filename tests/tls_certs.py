"""A throwaway CA and certificates for the TLS tests, made at test time with the openssl CLI
(the `cryptography` package is not installed): EC P-256 keys, valid for one day."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

_EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]


@dataclass(frozen=True)
class Pair:
    cert: str
    key: str


@dataclass(frozen=True)
class Certs:
    ca: str  # the CA's certificate: what clients trust and the server checks clients against
    server: Pair  # for localhost and 127.0.0.1
    client: Pair  # signed by the same CA, for client authentication
    stranger: Pair  # a client certificate signed by another CA


def _run(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)


def _ca(folder: Path, name: str) -> Pair:
    pair = Pair(str(folder / f"{name}.pem"), str(folder / f"{name}.key"))
    _run(
        "req", "-x509", *_EC, "-keyout", pair.key, "-out", pair.cert, "-days", "1",
        "-subj", f"/CN={name}",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    )  # fmt: skip
    return pair


def _signed(folder: Path, name: str, ca: Pair, extensions: str) -> Pair:
    pair = Pair(str(folder / f"{name}.pem"), str(folder / f"{name}.key"))
    csr, ext = folder / f"{name}.csr", folder / f"{name}.ext"
    ext.write_text(extensions)
    _run("req", *_EC, "-keyout", pair.key, "-out", str(csr), "-subj", f"/CN={name}")
    _run(
        "x509", "-req", "-in", str(csr), "-CA", ca.cert, "-CAkey", ca.key, "-CAcreateserial",
        "-out", pair.cert, "-days", "1", "-extfile", str(ext),
    )  # fmt: skip
    return pair


def make_certs(folder: Path) -> Certs:
    ca = _ca(folder, "test-ca")
    other = _ca(folder, "other-ca")
    server = _signed(
        folder,
        "server",
        ca,
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    client = _signed(folder, "client", ca, "extendedKeyUsage=clientAuth\n")
    stranger = _signed(folder, "stranger", other, "extendedKeyUsage=clientAuth\n")
    return Certs(ca.cert, server, client, stranger)
