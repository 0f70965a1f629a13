"""How Client and AsyncClient reach a server: TLS credentials (mutual TLS with a client
certificate) and the bearer token every call carries."""

from __future__ import annotations

import grpc

from tidings._common import InvalidSetting, TidingsError


def _read_pem(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise InvalidSetting(f"{what} {path}: {exc.strerror}") from None


def channel_credentials(
    tls: bool = False, ca: str | None = None, cert: str | None = None, key: str | None = None
) -> grpc.ChannelCredentials | None:
    """TLS credentials for a channel, or None for plaintext. A CA file (to trust a private CA
    instead of the system's roots) or a client certificate (mutual TLS) implies TLS."""
    if bool(cert) != bool(key):
        raise InvalidSetting("cert and key go together: the client certificate and its key")
    if not (tls or ca or cert):
        return None
    return grpc.ssl_channel_credentials(
        root_certificates=_read_pem(ca, "ca") if ca else None,
        private_key=_read_pem(key, "key") if key else None,
        certificate_chain=_read_pem(cert, "cert") if cert else None,
    )


def call_metadata(token: str | None) -> tuple[tuple[str, str], ...]:
    """The metadata every call carries: the bearer token, when there is one."""
    if not token:
        return ()
    if token != token.strip() or "\n" in token:
        raise InvalidSetting("token has spaces or line breaks around it: pass the token alone")
    return (("authorization", f"Bearer {token}"),)


# How gRPC core words a connection the server closed at once: a TLS server reading a
# plaintext HTTP/2 preface ends the handshake that way ("refused" means nothing listens).
_CLOSED = ("Socket closed", "Connection reset", "Broken pipe")


def plaintext_hint(error: TidingsError, secure: bool) -> TidingsError:
    """A plaintext client that reached a TLS server only sees its connection closed: say what
    the likely cause is. Statuses the server sent (UNAVAILABLE while loading) stay as sent."""
    if secure or error.code is not grpc.StatusCode.UNAVAILABLE:
        return error
    if not error.message.startswith("failed to connect") or not any(
        mark in error.message for mark in _CLOSED
    ):
        return error
    hint = "if the server uses TLS, connect with TLS (Client(tls=True); CLI --tls)"
    return TidingsError(error.code, f"{error.message} ({hint})")
