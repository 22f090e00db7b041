"""Shared expectations and small helpers of the end-to-end tests."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

REQUEST_ID = re.compile(r"[0-9a-f]{32}")

# de-b2b/REQUIREMENTS.md §6.5: the header set that scores A+ on the HTTP Observatory (DESIGN §9).
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self' https://checkout.stripe.com; base-uri 'none'; "
        "frame-ancestors 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

PROBLEM_JSON = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    """The response is an RFC 9457 problem with this status."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].split(";")[0].strip() == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body.get("type", "about:blank"), str)
    return body


def access_log_entry(var: Path, request_id: str, timeout: float = 5) -> dict:
    """nginx's JSON access-log line of one request (found by its X-Request-Id)."""
    path = var / "log" / "nginx-access.log"
    deadline = time.monotonic() + timeout
    while True:
        if path.exists():
            for line in path.read_text(errors="replace").splitlines():
                if request_id in line:
                    entry = json.loads(line)
                    if entry["request_id"] == request_id:
                        return entry
        if time.monotonic() > deadline:
            raise AssertionError(f"request {request_id} is not in {path}")
        time.sleep(0.1)


def wait_for(predicate, timeout: float, interval: float = 0.2, message: str = "condition"):
    """Polls predicate() until it returns something truthy; returns that value."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"{message} not reached within {timeout}s (last: {last!r})")


def totp(secret: str, offset: int = 0, at: float | None = None) -> str:
    """The RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) of a base32 `secret`, `offset` steps from now."""
    import base64
    import hashlib
    import hmac

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30) + offset
    mac = hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    start = mac[-1] & 0x0F
    return f"{(int.from_bytes(mac[start:start + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def enrol_second_factor(client) -> str:
    """Enrols and confirms the staff second factor of a signed-in `client` (money_support.Client); returns the
    base32 secret. Staff routes answer 403 `second_factor_required` until this (or a verify) happened."""
    enrolled = client.api("POST", "/api/v1/auth/second-factor/enrol")
    assert enrolled.status_code == 201, enrolled.text
    secret = enrolled.json()["secret"]
    confirmed = client.api("POST", "/api/v1/auth/second-factor/confirm", {"code": totp(secret)})
    assert confirmed.status_code == 200, confirmed.text
    return secret
