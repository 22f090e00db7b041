"""Static files from public/: caching, precompressed variants, errors."""

from __future__ import annotations

import gzip
import hashlib
import http.client
import re
import ssl

import pytest

from helpers import assert_problem
from stack import ROOT

PUBLIC = ROOT / "public"
FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{8})\.(?P<ext>[A-Za-z0-9]+)$")


def fingerprinted_assets():
    return sorted(path for path in (PUBLIC / "assets").rglob("*") if path.is_file() and FINGERPRINTED.match(path.name))


def raw_get(stack, path: str, headers: dict[str, str]) -> tuple[http.client.HTTPResponse, bytes]:
    """GET without any client-side decoding (requests would gunzip silently)."""
    context = ssl.create_default_context(cafile=stack.cert)
    connection = http.client.HTTPSConnection("127.0.0.1", stack.https_port, context=context, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": f"localhost:{stack.https_port}", **headers})
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def test_there_is_a_fingerprinted_stylesheet():
    assert any(path.suffix == ".css" for path in fingerprinted_assets())


@pytest.mark.parametrize("path", fingerprinted_assets(), ids=lambda path: path.name)
def test_fingerprints_match_the_content(path):
    expected = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    assert FINGERPRINTED.match(path.name)["hash"] == expected, "rename it with scripts/fingerprint.sh"


@pytest.mark.parametrize("path", fingerprinted_assets(), ids=lambda path: path.name)
def test_fingerprinted_assets_are_cached_for_a_year(client, stack, path):
    url = f"{stack.https}/{path.relative_to(PUBLIC).as_posix()}"
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.content == path.read_bytes()


def test_the_stylesheet_is_text_css(client, stack):
    css = next(path for path in fingerprinted_assets() if path.suffix == ".css")
    response = client.get(f"{stack.https}/{css.relative_to(PUBLIC).as_posix()}")
    assert response.headers["Content-Type"].split(";")[0] == "text/css"


def test_the_favicon_is_served_with_a_short_cache_lifetime(client, stack):
    response = client.get(f"{stack.https}/favicon.ico")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/x-icon"
    assert response.headers["Cache-Control"] == "public, max-age=86400"
    assert response.content == (PUBLIC / "favicon.ico").read_bytes()


def test_head_of_a_static_file(client, stack):
    response = client.head(f"{stack.https}/favicon.ico", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == (PUBLIC / "favicon.ico").stat().st_size


def test_a_gzip_capable_client_gets_the_precompressed_variant(stack):
    css = next(path for path in fingerprinted_assets() if path.suffix == ".css")
    url_path = f"/{css.relative_to(PUBLIC).as_posix()}"
    response, body = raw_get(stack, url_path, {"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in response.getheader("Vary", "")
    assert len(body) < css.stat().st_size
    assert gzip.decompress(body) == css.read_bytes()
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"


def test_a_client_without_gzip_gets_the_plain_file(stack):
    css = next(path for path in fingerprinted_assets() if path.suffix == ".css")
    response, body = raw_get(stack, f"/{css.relative_to(PUBLIC).as_posix()}", {"Accept-Encoding": "identity"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") is None
    assert body == css.read_bytes()


def test_no_precompressed_file_is_committed():
    assert not list(PUBLIC.rglob("*.gz")), "the .gz variants are generated into $CODEZERO_VAR/public"


def test_a_missing_static_file_is_a_problem_404(client, stack):
    response = client.get(f"{stack.https}/assets/does-not-exist.0123abcd.css")
    assert_problem(response, 404)


def test_static_files_cannot_be_posted_to(client, stack):
    response = client.post(f"{stack.https}/favicon.ico", data=b"x")
    assert_problem(response, 405)
    assert response.headers["Allow"] == "GET, HEAD"
