#!/usr/bin/env python3
"""A local stand-in for Stripe's Checkout Sessions API, for end-to-end tests (the Python twin of
Tests/Support/StripeStandIn*.swift; same wire format, same checks).

Implements, on 127.0.0.1:
  POST /v1/checkout/sessions            form body checked against checkout_session_param_paths.json
  GET  /v1/checkout/sessions/{id}
  POST /v1/checkout/sessions/{id}/expire
with `Authorization: Bearer <key>` (401 otherwise), the pinned `Stripe-Version` (400 otherwise),
`Idempotency-Key` replay (same body) / `idempotency_error` (different body), Stripe-shaped errors
(`{"error": {"type", "code", "message", "param"}}`) and `Request-Id` headers.

Control (no auth, like localstripe's /_config), for tests in another process:
  POST /_standin/faults                 form: kind=status|hang|close, count=N, status=500, seconds=X,
                                        should_retry=true|false
  POST /_standin/sessions/{id}/paid|unpaid|expired
  GET  /_standin/sessions/{id}          the session object
  GET  /_standin/requests               every request received, as JSON

Run standalone:  python3 Tests/e2e/stripe_standin.py [--port 0] [--key sk_test_...]
It prints `STRIPE_API_BASE=http://127.0.0.1:PORT` once listening and serves until SIGTERM/SIGINT.

`sign_header(body, secrets, timestamp)` makes a `Stripe-Signature` value exactly as Stripe does.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import re
import secrets as random_secrets
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "StripeTests" / "Fixtures"
API_VERSION = "2026-10-28.endive"
DEFAULT_KEY = "sk_test_standin_0123456789"


def sign_header(body: bytes, secrets: list[str], timestamp: int) -> str:
    """`t=…,v1=…` with one v1 per secret: HMAC-SHA256 over b"{t}." + body, key = the secret as given."""
    payload = f"{timestamp}.".encode() + body
    parts = [f"t={timestamp}"]
    parts += ["v1=" + hmac.new(s.encode(), payload, hashlib.sha256).hexdigest() for s in secrets]
    return ",".join(parts)


class Parameters:
    """The accepted form keys, normalised like shared/stripe/check_params.py."""

    def __init__(self, path: Path = FIXTURES / "checkout_session_param_paths.json"):
        data = json.loads(path.read_text())
        self.paths: dict[str, str] = data["paths"]
        self.api_version: str = data["api_version"]
        self.map_parents = sorted(
            (p[: -len("[<key>]")] for p in self.paths if p.endswith("[<key>]")), key=len, reverse=True
        )

    def normalise(self, key: str) -> str:
        k = re.sub(r"\[\d+\]", "[]", key)
        for parent in self.map_parents:
            if k.startswith(parent + "["):
                m = re.match(r"\[[^\]]*\]", k[len(parent):])
                if m:
                    return parent + "[<key>]" + k[len(parent) + m.end():]
        return k

    def type_of(self, key: str) -> str | None:
        return self.paths.get(self.normalise(key))


class StandIn:
    """The server and its state; start() listens on a random (or given) loopback port."""

    def __init__(self, secret_key: str = DEFAULT_KEY, api_version: str = API_VERSION, port: int = 0):
        self.secret_key = secret_key
        self.api_version = api_version
        self.parameters = Parameters()
        self.template = json.loads((FIXTURES / "checkout.session.json").read_text())
        self.lock = threading.Lock()
        self.requests: list[dict] = []
        self.faults: list[dict] = []
        self.sessions: dict[str, dict] = {}
        self.replays: dict[str, tuple[str, int, bytes]] = {}
        self.counter = 0
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                standin.handle(self)

            def do_POST(self):
                standin.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> "StandIn":
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # --- test controls -------------------------------------------------------------------------

    def fail_next(self, count: int, kind: str = "status", status: int = 500, seconds: float = 0,
                  should_retry: bool | None = None):
        with self.lock:
            self.faults += [dict(kind=kind, status=status, seconds=seconds, should_retry=should_retry)] * count

    def mark(self, session_id: str, state: str) -> bool:
        with self.lock:
            session = self.sessions.get(session_id)
            if session is None:
                return False
            if state == "paid":
                session.update(status="complete", payment_status="paid", url=None,
                               payment_intent="pi_standin_" + session_id[-12:])
            elif state == "unpaid":
                session.update(status="complete", payment_status="unpaid", url=None)
            elif state == "expired":
                session.update(status="expired", url=None)
            else:
                return False
            return True

    # --- HTTP ----------------------------------------------------------------------------------

    def handle(self, h: BaseHTTPRequestHandler):
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        path, _, query = h.path.partition("?")
        headers = {k.lower(): v for k, v in h.headers.items()}
        if path.startswith("/_standin/"):
            return self.control(h, h.command, path, body)
        with self.lock:
            self.counter += 1
            self.requests.append(dict(method=h.command, path=path, query=query, headers=headers,
                                      body=body.decode("utf-8", "replace")))
            fault = self.faults.pop(0) if self.faults else None
        if fault:
            if fault["kind"] == "close":
                h.close_connection = True
                h.connection.shutdown(2)
                return
            if fault["kind"] == "status":
                extra = {}
                if fault["should_retry"] is not None:
                    extra["Stripe-Should-Retry"] = "true" if fault["should_retry"] else "false"
                return self.send(h, *self.error(fault["status"], "api_error",
                                                "An unknown error occurred (stand-in fault)."), extra)
            time.sleep(fault["seconds"])
        if headers.get("authorization") != f"Bearer {self.secret_key}":
            return self.send(h, *self.error(401, "invalid_request_error", "Invalid API Key provided."))
        if headers.get("stripe-version") != self.api_version:
            return self.send(h, *self.error(400, "invalid_request_error",
                                            f"Stripe-Version must be {self.api_version}."))
        segments = [s for s in path.split("/") if s]
        if h.command == "POST" and segments == ["v1", "checkout", "sessions"]:
            return self.send(h, *self.idempotent(headers, h.command, path, body, lambda: self.create(headers, body)))
        if h.command == "GET" and len(segments) == 4 and segments[:3] == ["v1", "checkout", "sessions"]:
            bad = [k for k, _ in urllib.parse.parse_qsl(query, keep_blank_values=True) if not k.startswith("expand[")]
            if bad:
                return self.send(h, *self.unknown(bad[0]))
            return self.send(h, *self.session_reply(segments[3]))
        if (h.command == "POST" and len(segments) == 5 and segments[:3] == ["v1", "checkout", "sessions"]
                and segments[4] == "expire"):
            return self.send(h, *self.idempotent(headers, h.command, path, body, lambda: self.expire(segments[3], body)))
        return self.send(h, *self.error(404, "invalid_request_error",
                                        f"Unrecognized request URL ({h.command}: {path})."))

    def control(self, h, method, path, body):
        segments = [s for s in path.split("/") if s]
        form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
        if method == "POST" and segments == ["_standin", "faults"]:
            should = form.get("should_retry")
            self.fail_next(int(form.get("count", 1)), form.get("kind", "status"), int(form.get("status", 500)),
                           float(form.get("seconds", 0)), None if should is None else should == "true")
            return self.send(h, 200, b"{}")
        if method == "POST" and len(segments) == 4 and segments[1] == "sessions":
            ok = self.mark(segments[2], segments[3])
            return self.send(h, 200 if ok else 404, b"{}")
        if method == "GET" and segments == ["_standin", "requests"]:
            with self.lock:
                return self.send(h, 200, json.dumps(self.requests).encode())
        if method == "GET" and len(segments) == 3 and segments[1] == "sessions":
            return self.send(h, *self.session_reply(segments[2]))
        return self.send(h, 404, b"{}")

    def idempotent(self, headers, method, path, body, execute):
        key = headers.get("idempotency-key")
        if key is None:
            return execute()
        fingerprint = f"{method} {path}\n".encode() + body
        with self.lock:
            earlier = self.replays.get(key)
        if earlier:
            if earlier[0] != fingerprint:
                return self.error(400, "idempotency_error", "Keys for idempotent requests can only be used with the "
                                  "same parameters they were first used with.")
            return earlier[1], earlier[2], {"Idempotent-Replayed": "true"}
        status, payload = execute()[:2]
        with self.lock:
            self.replays[key] = (fingerprint, status, payload)
        return status, payload

    def create(self, headers, body):
        if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return self.error(400, "invalid_request_error", "Content-Type must be application/x-www-form-urlencoded.")
        try:
            pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(body))
        except (UnicodeDecodeError, ValueError):
            return self.error(400, "invalid_request_error", "Invalid form encoding.")
        for key, value in pairs:
            kind = self.parameters.type_of(key)
            if kind is None:
                return self.unknown(key)
            problem = self.check(key, value, kind)
            if problem:
                return problem
        form: dict[str, str] = {}
        for key, value in pairs:
            form.setdefault(key, value)
        now = int(time.time())
        with self.lock:
            session_id = f"cs_test_standin_{self.counter}_" + random_secrets.token_hex(8)
        total, index = 0, 0
        while f"line_items[{index}][price_data][unit_amount]" in form:
            total += int(form[f"line_items[{index}][price_data][unit_amount]"]) * int(
                form.get(f"line_items[{index}][quantity]", "1"))
            index += 1
        metadata = {k[len("metadata["):-1]: v for k, v in pairs if k.startswith("metadata[") and k.endswith("]") and v}
        session = dict(self.template)
        session.update(
            id=session_id, status="open", payment_status="unpaid", mode=form.get("mode", "payment"), created=now,
            expires_at=int(form.get("expires_at", now + 86400)), amount_subtotal=total if index else None,
            amount_total=total if index else None, currency=form.get("line_items[0][price_data][currency]"),
            client_reference_id=form.get("client_reference_id"), customer_email=form.get("customer_email"),
            customer_details={"email": form["customer_email"]} if "customer_email" in form else None,
            metadata=metadata, locale=form.get("locale"), success_url=form.get("success_url"),
            cancel_url=form.get("cancel_url"), payment_intent=None,
            url=f"https://checkout.stripe.com/c/pay/{session_id}")
        with self.lock:
            self.sessions[session_id] = session
        return 200, json.dumps(session).encode()

    def check(self, key, value, kind):
        if kind == "object" or kind.startswith("array") or (kind.startswith("map") and value):
            return self.error(400, "invalid_request_error", "Invalid object", param=key)
        if kind == "integer" and not re.fullmatch(r"-?\d+", value):
            return self.error(400, "invalid_request_error", f"Invalid integer: {value}",
                              code="parameter_invalid_integer", param=key)
        if kind == "boolean" and value not in ("true", "false"):
            return self.error(400, "invalid_request_error", f"Invalid boolean: {value}", param=key)
        if kind.startswith("enum(") and kind.endswith(")"):
            allowed = kind[5:-1].split("|")
            if value not in allowed:
                return self.error(400, "invalid_request_error",
                                  f"Invalid {key}: must be one of {', '.join(allowed)}", param=key)
        return None

    def expire(self, session_id, body):
        for key, _ in urllib.parse.parse_qsl(body.decode(), keep_blank_values=True):
            if not key.startswith("expand["):
                return self.unknown(key)
        with self.lock:
            session = self.sessions.get(session_id)
        if session is None:
            return self.missing(session_id)
        if session["status"] != "open":
            return self.error(400, "invalid_request_error",
                              'Only Checkout Sessions with a status in ["open"] can be expired.')
        self.mark(session_id, "expired")
        return self.session_reply(session_id)

    def session_reply(self, session_id):
        with self.lock:
            session = self.sessions.get(session_id)
        if session is None:
            return self.missing(session_id)
        return 200, json.dumps(session).encode()

    def unknown(self, key):
        return self.error(400, "invalid_request_error", f"Received unknown parameter: {key}",
                          code="parameter_unknown", param=key)

    def missing(self, session_id):
        return self.error(404, "invalid_request_error", f"No such checkout.session: '{session_id}'",
                          code="resource_missing", param="session")

    @staticmethod
    def error(status, kind, message, code=None, param=None):
        details = {"type": kind, "message": message}
        if code:
            details["code"] = code
            details["doc_url"] = "https://docs.stripe.com/error-codes/" + code.replace("_", "-")
        if param:
            details["param"] = param
        return status, json.dumps({"error": details}).encode()

    def send(self, h, status, payload, extra=None):
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(payload)))
        h.send_header("Request-Id", f"req_standin_{self.counter}")
        h.send_header("Stripe-Version", self.api_version)
        h.send_header("Connection", "close")
        for name, value in (extra or {}).items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(payload)
        h.close_connection = True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--key", default=DEFAULT_KEY)
    parser.add_argument("--api-version", default=API_VERSION)
    args = parser.parse_args(argv)
    # The handlers before the line that says it is ready: a caller may stop it as soon as it has read that line.
    stopped = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopped.set())
    standin = StandIn(args.key, args.api_version, args.port).start()
    print(f"STRIPE_API_BASE={standin.base_url}", flush=True)
    stopped.wait()
    standin.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
