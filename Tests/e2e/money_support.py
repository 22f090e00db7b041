"""Helpers of the accounts and payments end-to-end tests: API clients from their own loopback addresses,
companies, psql against the stack's cluster, signed webhook deliveries, and stacks with extra settings."""

from __future__ import annotations

import copy
from html import unescape
import itertools
import json
import re
import secrets
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

from stack import Stack
from stripe_standin import API_VERSION, FIXTURES, sign_header

PASSWORD = "Kaffee-Pferd-Batterie-42"
SESSION_COOKIE = "__Host-codezero_session"
FORM_COOKIE = "__Host-codezero_form"
# A valid Austrian VAT ID (checksum), as in the Swift tests.
AT_VAT_ID = "ATU13585627"

# Every client gets its own source address on the loopback network, so nginx's per-address limits
# (sign-in 30/min, form posts 20/min) and the application's per-address login throttle never mix
# between tests. 127.0.0.1–127.0.0.9 are left to the other test files.
_addresses = (f"127.0.{third}.{fourth}" for third in itertools.count(40) for fourth in range(1, 255))
_address_lock = threading.Lock()


# Every client made here, so a test can check that none of their secrets reached a log.
CLIENTS: list["Client"] = []


def client_secrets(stack: Stack) -> list[str]:
    """The password, session cookies, CSRF tokens and bearer tokens of every client of `stack` so far."""
    found = {PASSWORD}
    for client in CLIENTS:
        if client.stack is stack:
            for value in (client.session_cookie(), client.csrf, client.bearer, client.password, *client.seen):
                if value:
                    found.add(value)
    return sorted(found)


def next_address() -> str:
    with _address_lock:
        return next(_addresses)


class SourceAddressAdapter(HTTPAdapter):
    def __init__(self, source: str, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def unique_email(tag: str = "user") -> str:
    return f"{tag}-{secrets.token_hex(6)}@example.com"


class Client(requests.Session):
    """A requests session for one stack from one source address; `csrf` is sent on API writes."""

    def __init__(self, stack: Stack, source: str | None = None):
        super().__init__()
        self.trust_env = False
        self.verify = stack.cert
        self.stack = stack
        self.source = source or next_address()
        self.mount("https://", SourceAddressAdapter(self.source))
        self.csrf: str | None = None
        self.email: str | None = None
        self.password: str | None = None
        self.company: dict | None = None
        self.bearer: str | None = None
        # Session values this client held before they were replaced (sign-in again, sign-out).
        self.seen: list[str] = []
        CLIENTS.append(self)

    def url(self, path: str) -> str:
        return f"{self.stack.https}{path}"

    def api(self, method: str, path: str, body=None, csrf: bool = True, **kwargs) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if csrf and self.csrf and method.upper() not in ("GET", "HEAD"):
            headers.setdefault("X-CSRF-Token", self.csrf)
        if self.bearer:
            headers.setdefault("Authorization", f"Bearer {self.bearer}")
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
            kwargs["data"] = json.dumps(body)
        return self.request(method, self.url(path), headers=headers, timeout=kwargs.pop("timeout", 30), **kwargs)

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        cookie = self.cookies.get(SESSION_COOKIE)
        if cookie and cookie not in self.seen:
            self.seen.append(cookie)
        return response

    def session_cookie(self) -> str | None:
        return self.cookies.get(SESSION_COOKIE)

    def register(self, country: str = "DE", vat_id: str | None = None, email: str | None = None,
                 name: str | None = None) -> requests.Response:
        self.email = email or unique_email(country.lower())
        self.password = PASSWORD
        body = {"email": self.email, "password": self.password, "company_name": name or f"Firma {self.email}",
                "country": country, "billing_address": {"street": "Hauptstraße 1", "postal_code": "10115",
                                                        "city": "Berlin"}}
        if vat_id:
            body["vat_id"] = vat_id
        response = self.api("POST", "/api/v1/auth/register", body)
        if response.status_code == 201:
            self.csrf = response.json()["csrf_token"]
            self.company = response.json()["company"]
        return response

    def login(self, email: str | None = None, password: str | None = None) -> requests.Response:
        response = self.api("POST", "/api/v1/auth/login",
                            {"email": email or self.email, "password": password or self.password})
        if response.status_code == 200:
            self.csrf = response.json()["csrf_token"]
            self.company = response.json()["company"]
        return response


def company(stack: Stack, country: str = "DE", vat_id: str | None = None, verified: bool = True) -> Client:
    """A new company with a signed-in owner (session cookie + CSRF token) whose address is confirmed through
    the verification mail (buying needs it), unless `verified=False`."""
    client = Client(stack)
    response = client.register(country, vat_id)
    assert response.status_code == 201, response.text
    if verified:
        verify_email(stack, client)
    return client


def mailed(stack: Stack, template: str, recipient: str, timeout: float = 60):
    """The newest development-folder mail (`$CODEZERO_VAR/mail/<id>-<template>.eml`) to `recipient`,
    parsed with Python's `email` package; waits for the jobs process to write it."""
    import email
    import email.policy
    folder = stack.var / "mail"
    deadline = time.monotonic() + timeout
    while True:
        found = []
        for path in folder.glob(f"*-{template}.eml") if folder.exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"].addresses[0].addr_spec.lower() == recipient.lower():
                found.append((int(path.name.split("-", 1)[0]), message))
        if found:
            return max(found, key=lambda pair: pair[0])[1]
        assert time.monotonic() < deadline, f"no {template} mail to {recipient} in {folder}"
        time.sleep(0.2)


def mailed_token(message) -> str:
    """The `token` of the link in a mail's text part."""
    text = message.get_body(("plain",)).get_content()
    match = re.search(r"[?&]token=([A-Za-z0-9_-]+)", text)
    assert match, text
    return match.group(1)


def verify_email(stack: Stack, client: Client) -> None:
    """Opens the verification link mailed to `client.email` (through the API the link's page posts to).
    A stack without its own jobs process (`CODEZERO_JOBS=0`) delivers no mail: the address is confirmed in
    the database instead (test setup; the mailed flow itself is tested in test_mail.py)."""
    if getattr(stack, "extra_env", {}).get("CODEZERO_JOBS") == "0":
        psql(stack, f"UPDATE users SET email_verified_at = now() WHERE lower(email) = lower({quoted(client.email)})")
        return
    token = mailed_token(mailed(stack, "verify-email", client.email))
    response = client.api("POST", "/api/v1/auth/verify-email", {"token": token})
    assert response.status_code == 204, response.text


def database_url(stack: Stack) -> str:
    result = stack.codezero("db", "url")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def psql(stack: Stack, sql: str, timeout: float = 30) -> str:
    """Runs SQL with psql against the stack's database; returns the unaligned, tuples-only output."""
    result = subprocess.run(["psql", database_url(stack), "-v", "ON_ERROR_STOP=1", "-Atq", "-c", sql],
                            capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def quoted(value: str) -> str:
    """A SQL string literal (the values here are our own ids, checked to be plain)."""
    assert re.fullmatch(r"[A-Za-z0-9_.:@-]*", value), value
    return f"'{value}'"


class PsqlSession:
    """An interactive psql that keeps a transaction open (to hold a row lock while the test acts)."""

    def __init__(self, stack: Stack):
        self.process = subprocess.Popen(
            ["psql", database_url(stack), "-v", "ON_ERROR_STOP=1", "-Atq"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)

    def run(self, sql: str, marker: str = "__done__") -> str:
        """Sends SQL and waits until it has run (by echoing a marker after it)."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(sql.rstrip().rstrip(";") + ";\n\\echo " + marker + "\n")
        lines = []
        while True:
            line = self.process.stdout.readline()
            assert line, f"psql ended: {self.process.stderr.read() if self.process.stderr else ''}"
            if line.strip() == marker:
                return "\n".join(lines)
            lines.append(line.rstrip("\n"))

    def close(self):
        if self.process.poll() is None:
            try:
                self.process.stdin.write("ROLLBACK;\n\\q\n")
                self.process.stdin.flush()
            except (BrokenPipeError, OSError):
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def webhook_secret(stack: Stack) -> str:
    return (stack.var / "stripe-webhook-secret").read_text().strip()


def trigger(stack: Stack, event_type: str, session: str, purchase: str | None = None, amount: int | None = None,
            payment_status: str | None = None) -> subprocess.CompletedProcess:
    """`codezero trigger` with the stack's environment (its generated STRIPE_WEBHOOK_SECRET included)."""
    arguments = ["trigger", event_type, "--session", session]
    if purchase:
        arguments += ["--purchase", purchase]
    if amount is not None:
        arguments += ["--amount", str(amount)]
    if payment_status:
        arguments += ["--payment-status", payment_status]
    env = dict(stack.env, STRIPE_WEBHOOK_SECRET=webhook_secret(stack))
    return subprocess.run([stack.env["CODEZERO_BIN"], *arguments], env=env, capture_output=True, text=True,
                          timeout=30, check=False)


def event(event_type: str, session_id: str, purchase_id: str | None, amount: int | None, paid: bool = True,
          status: str = "complete", event_id: str | None = None) -> bytes:
    """A Stripe event from the recorded fixture, pointed at our session and purchase."""
    template = json.loads((FIXTURES / "events" / "checkout.session.completed.paid.json").read_text())
    payload = copy.deepcopy(template)
    payload.update(id=event_id or f"evt_test_money_{secrets.token_hex(8)}", type=event_type,
                   created=int(time.time()), api_version=API_VERSION)
    session = payload["data"]["object"]
    session.update(id=session_id, client_reference_id=purchase_id, amount_total=amount, amount_subtotal=amount,
                   currency="eur", status=status, payment_status="paid" if paid else "unpaid",
                   metadata={"purchase_id": purchase_id} if purchase_id else {})
    return json.dumps(payload).encode()


def deliver(stack: Stack, body: bytes, secret: str | None = None, source: str | None = None,
            age: int = 0) -> requests.Response:
    """Posts a signed event to the webhook through nginx, like Stripe (signed `age` seconds ago)."""
    header = sign_header(body, [secret or webhook_secret(stack)], int(time.time()) - age)
    with Client(stack, source) as client:
        return client.post(client.url("/api/v1/billing/webhook"), data=body, timeout=30,
                           headers={"Content-Type": "application/json", "Stripe-Signature": header})


def purchase_row(stack: Stack, purchase_id: str) -> tuple[str, int]:
    """(status, credits granted) of a purchase, straight from the database."""
    row = psql(stack, f"SELECT p.status, coalesce((SELECT sum(delta) FROM credit_ledger l WHERE l.purchase_id = p.id "
                      f"AND reason = 'purchase'), 0) FROM purchases p WHERE p.id = {quoted(purchase_id)}::uuid")
    status, credits = row.split("|")
    return status, int(credits)


def grants(stack: Stack, purchase_id: str) -> int:
    return int(psql(stack, "SELECT count(*) FROM credit_ledger WHERE reason = 'purchase' AND "
                           f"purchase_id = {quoted(purchase_id)}::uuid"))


def enqueue_job(stack: Stack, kind: str, payload: str = "{}") -> int:
    assert re.fullmatch(r"[a-z0-9_.:-]+", kind)
    return int(psql(stack, f"INSERT INTO jobs (kind, payload) VALUES ('{kind}', '{payload}'::jsonb) RETURNING id"))


def await_job(stack: Stack, job_id: int, timeout: float = 30) -> str:
    """Waits until the job is done (or dead); returns its final state."""
    def finished():
        state = psql(stack, f"SELECT state FROM jobs WHERE id = {int(job_id)}")
        return state if state in ("done", "dead") else None
    from helpers import wait_for
    return wait_for(finished, timeout=timeout, message=f"job {job_id} finished")


@dataclass
class ConfiguredStack(Stack):
    """A stack with extra environment (Stripe keys, a short job lease, no jobs process …)."""

    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        env = super().env
        env.update(self.extra_env)
        return env


def form_token(html: str) -> str:
    match = re.search(r'name="csrf_token"\s+value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"\s+name="csrf_token"', html)
    assert match, html[:2000]
    return match.group(1)


def secret_leaks(texts: dict[str, str], secrets_: list[str]) -> list[str]:
    """Which secrets appear in which text (a list of 'secret-prefix in name')."""
    found = []
    for name, text in texts.items():
        for value in secrets_:
            if value and value in text:
                found.append(f"{value[:6]}… in {name}")
    return found


def logs_of(stack: Stack) -> dict[str, str]:
    texts = {"stack log": stack.log()}
    for path in sorted(Path(stack.var / "log").glob("*")):
        if path.is_file():
            texts[path.name] = path.read_text(errors="replace")
    return texts


def login_form(html: str) -> tuple[str, dict[str, str]]:
    """The sign-in form's action and its hidden fields, as a browser would submit them."""
    form = re.search(r'<form method="post" action="([^"]*)"(.*?)</form>', html, re.S)
    assert form, html[:2000]
    hidden = {}
    for tag in re.findall(r"<input[^>]*>", form.group(2)):
        if 'type="hidden"' in tag:
            name = re.search(r'name="([^"]+)"', tag).group(1)
            value = re.search(r'value="([^"]*)"', tag)
            hidden[name] = unescape(value.group(1)) if value else ""
    return unescape(form.group(1)), hidden
