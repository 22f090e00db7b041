"""The soak under faults (issue #17), shared by `make soak` (10,000 deliveries for 2,000 payments) and the
1,000-delivery version in `make test` (test_soak.py).

Signed Stripe webhook deliveries for real checkouts — 30 % of them duplicates of another delivery, in shuffled
order, many copies at the same moment — go through nginx while a jobs process is SIGKILLed again and again,
PostgreSQL is restarted once, the pool and nginx are reloaded, and anonymous page traffic runs beside them.
Deliveries answered 5xx are retried like Stripe does. Afterwards: every payment credited exactly once, no event
lost, the ledger's purchase grants equal the payments, and no 5xx outside the database restart.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from money_support import Client, company, event, psql, webhook_secret
from stripe_standin import sign_header
from stack import Stack, codezero_binary

# Credits and gross amount of `credits_5` for a German company (test_payments.py).
PRODUCT, CREDITS, AMOUNT = "credits_5", 5, 832


@dataclass
class SoakReport:
    deliveries: int = 0
    distinct_events: int = 0
    payments: int = 0
    retried: int = 0
    server_errors_outside_restart: list[str] = field(default_factory=list)
    page_requests: int = 0
    jobs_kills: int = 0
    seconds: float = 0.0
    restart_window: tuple[float, float] = (0.0, 0.0)

    def summary(self) -> str:
        return (f"{self.deliveries} deliveries ({self.distinct_events} distinct events) for {self.payments} payments "
                f"in {self.seconds:.1f} s; {self.retried} retried after a 5xx during the database restart; "
                f"{self.jobs_kills} jobs SIGKILLs; {self.page_requests} page requests; "
                f"5xx outside the restart: {len(self.server_errors_outside_restart)}")


class JobsProcess:
    """An extra `codezero jobs` beside the stack's own, killed with SIGKILL and started again."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen([codezero_binary(), "jobs"], env=self.stack.env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def pid_of(stack: Stack, name: str) -> int:
    return int((stack.var / "run" / f"stack-{name}.pid").read_text().strip())


def run_soak(stack: Stack, deliveries: int, seed: int = 17) -> SoakReport:
    rng = random.Random(seed)
    payments = max(1, deliveries // 5)
    distinct = deliveries - deliveries * 3 // 10
    report = SoakReport(deliveries=deliveries, distinct_events=distinct, payments=payments)

    # Real checkouts: a company may open 20 checkout sessions per 10 minutes.
    purchases: list[dict] = []
    buyers = [company(stack) for _ in range((payments + 19) // 20)]
    for index in range(payments):
        started = buyers[index // 20].api("POST", "/api/v1/billing/checkout/session", {"product_id": PRODUCT})
        assert started.status_code == 201, started.text
        purchases.append(started.json())

    # Distinct events: every payment gets one, the rest are further events for random payments' sessions.
    bodies: list[bytes] = []
    for index in range(distinct):
        purchase = purchases[index] if index < payments else rng.choice(purchases)
        bodies.append(event("checkout.session.completed", purchase["session_id"], purchase["purchase_id"], AMOUNT,
                            event_id=f"evt_soak_{seed}_{index:06d}"))
    # 30 % duplicates: two thirds at random places, one third right beside their original (sent concurrently).
    duplicates = deliveries - distinct
    adjacent = duplicates // 3
    plan = bodies + [rng.choice(bodies) for _ in range(duplicates - adjacent)]
    rng.shuffle(plan)
    for _ in range(adjacent):
        index = rng.randrange(len(plan))
        plan.insert(index + 1, plan[index])
    assert len(plan) == deliveries and len(set(plan)) == distinct
    secret = webhook_secret(stack)
    local = threading.local()

    def post(body: bytes) -> int:
        if not hasattr(local, "client"):
            local.client = Client(stack)
        header = sign_header(body, [secret], int(time.time()))
        return local.client.post(local.client.url("/api/v1/billing/webhook"), data=body, timeout=30,
                                 headers={"Content-Type": "application/json", "Stripe-Signature": header}).status_code

    start = time.monotonic()
    done = threading.Event()
    restart_window = [float("inf"), float("inf")]
    progress = [0]
    lock = threading.Lock()

    def send(body: bytes) -> None:
        for attempt in range(60):
            sent = time.monotonic()
            try:
                status = post(body)
            except Exception as error:  # connection reset while nginx reloads: retried like Stripe
                status, detail = 599, repr(error)
            else:
                detail = ""
            if status == 200:
                break
            with lock:
                if not (restart_window[0] - 1 <= sent <= restart_window[1] + 5):
                    report.server_errors_outside_restart.append(f"{status} at {sent - start:.1f}s {detail}")
                report.retried += 1
            time.sleep(min(2.0, 0.1 * (attempt + 1)))
        else:
            raise AssertionError("a delivery was never accepted")
        with lock:
            progress[0] += 1

    def pages() -> None:
        client = Client(stack)
        paths = ["/en/", "/de/", "/en/pricing", "/de/konfigurator?package=assistant_starter&country=DE"]
        while not done.is_set():
            path = random.choice(paths)
            sent = time.monotonic()
            try:
                status = client.get(client.url(path), timeout=30).status_code
            except Exception as error:
                status = 599
                path += f" {error!r}"
            with lock:
                report.page_requests += 1
                if status >= 500 and not (restart_window[0] - 1 <= sent <= restart_window[1] + 5):
                    report.server_errors_outside_restart.append(f"page {path} {status} at {sent - start:.1f}s")
            time.sleep(0.02)

    def faults() -> None:
        jobs = JobsProcess(stack)
        jobs.start()
        steps = {0.15: "kill", 0.3: "kill", 0.4: "restart", 0.55: "kill", 0.65: "reload-pool", 0.75: "reload-nginx"}
        try:
            for fraction, action in sorted(steps.items()):
                while progress[0] < fraction * deliveries and not done.is_set():
                    time.sleep(0.05)
                if action == "kill":
                    jobs.kill()
                    report.jobs_kills += 1
                    jobs.start()
                elif action == "restart":
                    restart_window[0] = time.monotonic()
                    assert stack.codezero("db", "stop").returncode == 0
                    time.sleep(1)
                    assert stack.codezero("db", "start").returncode == 0
                    restart_window[1] = time.monotonic()
                elif action == "reload-pool":
                    os.kill(pid_of(stack, "serve"), signal.SIGHUP)
                elif action == "reload-nginx":
                    os.kill(pid_of(stack, "nginx"), signal.SIGHUP)
        finally:
            jobs.stop()

    page_thread = threading.Thread(target=pages, daemon=True)
    fault_thread = threading.Thread(target=faults, daemon=True)
    page_thread.start()
    fault_thread.start()
    try:
        with ThreadPoolExecutor(max_workers=12) as pool:
            list(pool.map(send, plan))
    finally:
        done.set()
        fault_thread.join(timeout=120)
        page_thread.join(timeout=60)
    report.restart_window = (restart_window[0] - start, restart_window[1] - start)
    stack.remember_processes()

    # Every stored event processed (the stack's own jobs process finishes what the killed one left).
    deadline = time.monotonic() + 300
    while psql(stack, "SELECT count(*) FROM stripe_events WHERE processed_at IS NULL AND id LIKE 'evt_soak_%'") != "0":
        assert time.monotonic() < deadline, "events still unprocessed after 300 s"
        time.sleep(1)
    report.seconds = time.monotonic() - start
    return report


def check_soak(stack: Stack, report: SoakReport, seed: int = 17) -> None:
    stored = int(psql(stack, f"SELECT count(*) FROM stripe_events WHERE id LIKE 'evt_soak_{seed}_%'"))
    assert stored == report.distinct_events, f"{stored} of {report.distinct_events} events stored"
    rows = psql(stack, """
        SELECT p.status || '|' || count(l.id) || '|' || coalesce(sum(l.delta), 0)
        FROM purchases p LEFT JOIN credit_ledger l ON l.purchase_id = p.id AND l.reason = 'purchase'
        GROUP BY p.id, p.status""").splitlines()
    assert len(rows) == report.payments, f"{len(rows)} purchases, {report.payments} expected (a fresh stack)"
    wrong = [row for row in rows if row != f"PAID|1|{CREDITS}"]
    assert not wrong, f"{len(wrong)} payments not credited exactly once: {wrong[:5]}"
    ledger = int(psql(stack, "SELECT coalesce(sum(delta), 0) FROM credit_ledger WHERE reason = 'purchase'"))
    payments = int(psql(stack, "SELECT coalesce(sum(credits_amount), 0) FROM purchases WHERE status = 'PAID'"))
    assert ledger == payments, f"ledger {ledger} != paid purchases {payments}"
    assert not report.server_errors_outside_restart, report.server_errors_outside_restart[:10]
