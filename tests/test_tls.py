"""TLS and mutual TLS against a real server on port 0, with a CA and certificates made here."""

from __future__ import annotations

import subprocess
import sys

import grpc
import pytest
from tidings.cli import main as cli_main
from tidings.client import AsyncClient, Client, TidingsError
from tidings.service.config import Settings, load_settings

from tests.server_harness import ServerThread
from tests.tls_certs import Certs, make_certs


class _Echo:
    """A pipeline double: Translate hands the texts back, so no models load."""

    def translate(self, texts, target, source=None):
        from tidings.service.language_choice import LanguageChoice
        from tidings.service.pipeline import TranslateResult

        return TranslateResult(LanguageChoice("en", False, 1.0), tuple(texts), "echo", None)


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certs:
    return make_certs(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def tls_server(certs):
    settings = Settings(workers=1, tls_cert=certs.server.cert, tls_key=certs.server.key)
    with ServerThread(settings, _Echo()) as running:
        yield running


@pytest.fixture(scope="module")
def mtls_server(certs):
    settings = Settings(
        workers=1,
        tls_cert=certs.server.cert,
        tls_key=certs.server.key,
        tls_client_ca=certs.ca,
    )
    with ServerThread(settings, _Echo()) as running:
        yield running


def test_a_call_over_tls(tls_server, certs):
    with Client(tls_server.target, ca=certs.ca, timeout=10, retries=0) as client:
        assert client.health() == "SERVING"
        assert list(client.translate(["Hello."], "es").translations) == ["Hello."]


async def test_an_async_call_over_tls(tls_server, certs):
    async with AsyncClient(tls_server.target, ca=certs.ca, timeout=10, retries=0) as client:
        answer = await client.translate(["Hello again."], "es")
    assert list(answer.translations) == ["Hello again."]


def test_the_cli_over_tls(tls_server, certs, capsys):
    argv = ["--target", tls_server.target, "--ca", certs.ca, "translate", "--to", "es", "Hi."]
    assert cli_main(argv) == 0
    assert capsys.readouterr().out.strip() == "Hi."


def test_a_plaintext_client_is_told_to_use_tls(tls_server):
    with Client(tls_server.target, timeout=5, retries=0) as client:
        with pytest.raises(TidingsError) as caught:
            client.translate(["Hello."], "es")
    assert caught.value.code is grpc.StatusCode.UNAVAILABLE
    assert "if the server uses TLS" in caught.value.message
    assert "--tls" in caught.value.message


def test_a_server_certificate_from_an_untrusted_ca_is_refused(tls_server):
    # tls=True trusts the system's CAs only; the test CA is not one of them.
    with Client(tls_server.target, tls=True, timeout=5, retries=0) as client:
        with pytest.raises(TidingsError) as caught:
            client.translate(["Hello."], "es")
    assert caught.value.code is grpc.StatusCode.UNAVAILABLE
    assert "if the server uses TLS" not in caught.value.message


def test_mutual_tls_with_a_client_certificate(mtls_server, certs):
    pair = certs.client
    with Client(
        mtls_server.target, ca=certs.ca, cert=pair.cert, key=pair.key, timeout=10, retries=0
    ) as client:
        assert list(client.translate(["Bonjour."], "en").translations) == ["Bonjour."]
    argv = ["--target", mtls_server.target, "--ca", certs.ca, "--cert", pair.cert]
    argv += ["--key", pair.key, "translate", "--to", "es", "Hi."]
    assert cli_main(argv) == 0


async def test_mutual_tls_async(mtls_server, certs):
    pair = certs.client
    async with AsyncClient(
        mtls_server.target, ca=certs.ca, cert=pair.cert, key=pair.key, timeout=10, retries=0
    ) as client:
        assert (await client.health()) == "SERVING"


@pytest.mark.parametrize("who", ["no certificate", "another CA's certificate"])
def test_mutual_tls_refuses_other_clients(mtls_server, certs, who):
    pair = {"no certificate": None, "another CA's certificate": certs.stranger}[who]
    extra = {"cert": pair.cert, "key": pair.key} if pair else {}
    with Client(mtls_server.target, ca=certs.ca, timeout=5, retries=0, **extra) as client:
        with pytest.raises(TidingsError) as caught:
            client.translate(["Hello."], "es")
        # Health checks too: the handshake fails before any method is chosen.
        with pytest.raises(TidingsError):
            client.health()
    assert caught.value.code is grpc.StatusCode.UNAVAILABLE


def test_client_settings_are_checked_before_any_call(certs):
    with pytest.raises(TidingsError, match="cert and key go together"):
        Client("127.0.0.1:1", cert=certs.client.cert)
    with pytest.raises(TidingsError, match="ca /nonexistent.pem"):
        Client("127.0.0.1:1", ca="/nonexistent.pem")


def test_settings_from_flags_and_environment(certs):
    flags = ["--tls-cert", certs.server.cert, "--tls-key", certs.server.key]
    settings = load_settings(flags, env={"TIDINGS_TLS_CLIENT_CA": certs.ca})
    assert (settings.tls_cert, settings.tls_key) == (certs.server.cert, certs.server.key)
    assert settings.tls_client_ca == certs.ca
    with pytest.raises(ValueError, match="tls_cert and tls_key go together"):
        load_settings([], env={"TIDINGS_TLS_CERT": certs.server.cert})
    with pytest.raises(ValueError, match="tls_client_ca .* needs tls_cert"):
        load_settings(["--tls-client-ca", certs.ca], env={})


def test_an_unreadable_certificate_stops_the_server_with_one_line(certs, tmp_path):
    missing = str(tmp_path / "missing.pem")
    command = [sys.executable, "-m", "tidings.service", "--port", "0", "--profile", "offline"]
    command += ["--tls-cert", missing, "--tls-key", certs.server.key]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"tidings serve: tls_cert {missing}: No such file or directory" in done.stderr
