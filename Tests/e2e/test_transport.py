"""TLS, HTTP/2 and the plain-HTTP listener."""

from __future__ import annotations

import datetime
import socket
import ssl
import subprocess
import warnings

import pytest


def tls_context(stack, version=None, ciphers=None, alpn=None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=stack.cert)
    if version is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # TLS 1.0/1.1, on purpose
            context.minimum_version = version
            context.maximum_version = version
    if ciphers is not None:
        context.set_ciphers(ciphers)
    if alpn is not None:
        context.set_alpn_protocols(alpn)
    return context


def handshake(stack, context: ssl.SSLContext, hostname: str = "localhost", session=None) -> ssl.SSLSocket:
    raw = socket.create_connection(("127.0.0.1", stack.https_port), timeout=10)
    return context.wrap_socket(raw, server_hostname=hostname, session=session)


def test_healthz_over_https(client, stack):
    response = client.get(f"{stack.https}/healthz", allow_redirects=False)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert isinstance(response.json(), dict)


def test_healthz_over_plain_http_is_answered_not_redirected(client, stack):
    response = client.get(f"{stack.http}/healthz", allow_redirects=False)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("path", ["/", "/de/", "/api/v1/openapi.json?x=1&y=%C3%A4", "/assets/missing.css", "/readyz"])
@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "shop.example.test"])
def test_plain_http_redirects_to_https_on_the_same_host(client, stack, path, host):
    response = client.get(
        f"{stack.http}{path}", headers={"Host": f"{host}:{stack.http_port}"}, allow_redirects=False
    )
    assert response.status_code == 301
    assert response.headers["Location"] == f"https://{host}:{stack.https_port}{path}"


def test_plain_http_sent_to_the_tls_port_is_redirected(stack):
    with socket.create_connection(("127.0.0.1", stack.https_port), timeout=10) as raw:
        raw.sendall(f"GET /en/ HTTP/1.1\r\nHost: localhost:{stack.https_port}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    assert head.startswith("HTTP/1.1 301")
    assert f"\r\nLocation: https://localhost:{stack.https_port}/en/" in head


def test_the_certificate_verifies_for_localhost_and_the_loopback_address(stack):
    for hostname in ("localhost", "127.0.0.1"):
        with handshake(stack, tls_context(stack), hostname=hostname) as tls:
            served = tls.getpeercert(binary_form=True)
    # The served certificate is the stack's own (signed by the test CA that `stack.cert` names).
    with open(stack.var / "tls" / "cert.pem", encoding="ascii") as handle:
        assert served == ssl.PEM_cert_to_DER_cert(handle.read().split("-----END CERTIFICATE-----")[0]
                                                  + "-----END CERTIFICATE-----\n")


def test_the_generated_certificate_is_ecdsa_p256_with_the_loopback_names_for_at_most_366_days(stack):
    text = subprocess.run(
        ["openssl", "x509", "-noout", "-text", "-in", str(stack.var / "tls" / "cert.pem")], capture_output=True,
        text=True, check=True
    ).stdout
    assert "id-ecPublicKey" in text
    assert "prime256v1" in text or "P-256" in text
    assert "DNS:localhost" in text
    assert "IP Address:127.0.0.1" in text
    dates = subprocess.run(
        ["openssl", "x509", "-noout", "-startdate", "-enddate", "-in", str(stack.var / "tls" / "cert.pem")],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    parsed = dict(line.split("=", 1) for line in dates)
    fmt = "%b %d %H:%M:%S %Y %Z"
    start = datetime.datetime.strptime(" ".join(parsed["notBefore"].split()), fmt)
    end = datetime.datetime.strptime(" ".join(parsed["notAfter"].split()), fmt)
    assert datetime.timedelta(days=300) < end - start <= datetime.timedelta(days=366)


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3])
def test_tls_1_2_and_1_3_are_offered(stack, version):
    with handshake(stack, tls_context(stack, version)) as tls:
        assert tls.version() == version.name.replace("_", ".")


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1])
def test_tls_before_1_2_is_refused_by_the_server(stack, version):
    context = tls_context(stack, version, ciphers="DEFAULT:@SECLEVEL=0")
    with pytest.raises(ssl.SSLError) as refused:
        handshake(stack, context).close()
    # The server must refuse (an alert from it): a client that could not even offer the version
    # would prove nothing.
    assert "NO_PROTOCOLS_AVAILABLE" not in str(refused.value)
    assert "ALERT" in str(refused.value) or "UNSUPPORTED_PROTOCOL" in str(refused.value), refused.value


@pytest.mark.parametrize(
    "cipher",
    ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305"],
)
def test_tls_1_2_accepts_ecdhe_aead_suites(stack, cipher):
    with handshake(stack, tls_context(stack, ssl.TLSVersion.TLSv1_2, ciphers=cipher)) as tls:
        assert tls.cipher()[0] == cipher


@pytest.mark.parametrize("cipher", ["ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES256-SHA", "ECDHE-ECDSA-AES128-SHA"])
def test_tls_1_2_refuses_cbc_suites(stack, cipher):
    with pytest.raises(ssl.SSLError):
        handshake(stack, tls_context(stack, ssl.TLSVersion.TLSv1_2, ciphers=cipher)).close()


@pytest.mark.parametrize(
    "preference",
    [
        "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305",
    ],
)
def test_the_client_cipher_preference_wins(stack, preference):
    context = tls_context(stack, ssl.TLSVersion.TLSv1_2, ciphers=preference)
    with handshake(stack, context) as tls:
        assert tls.cipher()[0] == preference.split(":")[0]


@pytest.mark.parametrize(("group", "accepted"), [("X25519", True), ("P-256", True), ("P-384", True), ("P-521", False)])
def test_key_exchange_groups(stack, group, accepted):
    result = subprocess.run(
        ["openssl", "s_client", "-connect", f"127.0.0.1:{stack.https_port}", "-servername", "localhost",
         "-groups", group, "-CAfile", stack.cert, "-verify_return_error", "-brief"],
        input="", capture_output=True, text=True, timeout=20,
    )
    assert (result.returncode == 0) == accepted, result.stdout + result.stderr


def test_tls_1_2_sessions_resume_from_the_cache_without_tickets(stack):
    context = tls_context(stack, ssl.TLSVersion.TLSv1_2)
    with handshake(stack, context) as first:
        session = first.session
    assert session is not None
    assert not session.has_ticket
    with handshake(stack, context, session=session) as second:
        assert second.session_reused


def test_http2_is_negotiated(stack):
    with handshake(stack, tls_context(stack, alpn=["h2", "http/1.1"])) as tls:
        assert tls.selected_alpn_protocol() == "h2"


def test_server_header_has_no_version(client, stack):
    response = client.get(f"{stack.https}/healthz")
    assert response.headers.get("Server", "nginx") == "nginx"
