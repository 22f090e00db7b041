"""TLS of the running stack against Mozilla's "intermediate" configuration, checked by sslyze (PyPI): protocols,
cipher suites, curves, certificate type, signature and lifespan, and the certificate chain — which validates
because a test CA signed the test certificate (scripts/tls.sh). Issue #17."""

from __future__ import annotations

import subprocess
import ssl
import socket
from pathlib import Path

from stack import ROOT

SSLYZE = ROOT / "var" / "sslyze" / "bin" / "python"


def test_sslyze_passes_mozillas_intermediate_configuration(stack):
    assert SSLYZE.exists(), "sslyze is not installed: run `make deps` (scripts/deps.sh installs it into var/sslyze)"
    result = subprocess.run(
        [str(SSLYZE), "-m", "sslyze", "--mozilla_config=intermediate", f"--certinfo_ca_file={stack.cert}",
         f"localhost:{stack.https_port}{{127.0.0.1}}"],
        capture_output=True, text=True, timeout=300, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert f"localhost:{stack.https_port}: OK - Compliant." in output, output[-4000:]


def test_the_certificate_is_signed_by_the_test_ca_whose_key_is_gone(stack):
    tls = Path(stack.cert).parent
    assert sorted(path.name for path in tls.iterdir() if path.suffix == ".pem") == ["ca.pem", "cert.pem", "key.pem"]
    context = ssl.create_default_context(cafile=stack.cert)
    with socket.create_connection(("127.0.0.1", stack.https_port), timeout=10) as plain:
        with context.wrap_socket(plain, server_hostname="localhost") as sock:
            assert sock.version() in ("TLSv1.2", "TLSv1.3")
    # The chain nginx sends is the server certificate alone (a root is never sent).
    verify = subprocess.run(["openssl", "verify", "-CAfile", stack.cert, str(tls / "cert.pem")],
                            capture_output=True, text=True, check=False)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    text = subprocess.run(["openssl", "x509", "-noout", "-text", "-in", str(tls / "cert.pem")],
                          capture_output=True, text=True, check=True).stdout
    assert "CA:FALSE" in text and "DNS:localhost" in text


def test_ocsp_stapling_is_off_for_the_test_certificate(stack):
    rendered = (stack.var / "nginx" / "nginx.conf").read_text()
    assert "ssl_stapling on" not in rendered
    assert "OCSP stapling: off" in rendered


def test_ocsp_stapling_is_configured_for_a_real_certificate(stack, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    tls = Path(stack.cert).parent
    (real / "fullchain.pem").write_bytes((tls / "cert.pem").read_bytes())
    (real / "privkey.pem").write_bytes((tls / "key.pem").read_bytes())
    var = tmp_path / "var"
    var.mkdir()
    env = dict(stack.env, CODEZERO_VAR=str(var), CODEZERO_TLS_CERT=str(real / "fullchain.pem"),
               CODEZERO_TLS_KEY=str(real / "privkey.pem"))
    result = subprocess.run(["bash", str(ROOT / "scripts/stack.sh"), "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    rendered = (var / "nginx" / "nginx.conf").read_text()
    assert f"ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate {real / 'fullchain.pem'};" in rendered
