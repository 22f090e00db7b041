"""The back office in a real browser on the real stack (issue 13): headless chromium signs a new admin in with the
password, enrols TOTP from the second-factor page (QR code drawn by the server, key shown as text), confirms with
the first code (recovery codes shown once), signs out and in again with the next code, and retries a dead job's
incident from the incidents page, then changes a package's price on the catalog page: the cached public price list
shows the new price at once (the page cache was purged). Screenshots of every step stay in var/artifacts/; the
staff pages are styled by the fingerprinted staff stylesheet (computed styles prove it applied) and the CSP refused
nothing on them."""

from __future__ import annotations

import re
import subprocess

import requests

from helpers import wait_for
from money_support import PASSWORD, psql, unique_email
from stack import ROOT, codezero_binary
from test_browser import browser

ARTIFACTS = ROOT / "var/artifacts"


def test_a_staff_member_enrols_signs_in_with_a_code_and_retries_an_incident(stack):
    email = unique_email("admin")
    created = subprocess.run([codezero_binary(), "user", "create", "--role", "admin", "--email", email], cwd=ROOT,
                             env=dict(stack.env, CODEZERO_USER_PASSWORD=PASSWORD), capture_output=True, text=True,
                             timeout=60, check=False)
    assert created.returncode == 0, created.stderr
    job = psql(stack, "INSERT INTO jobs (kind, max_attempts) VALUES ('e2e.browser_no_handler', 1) RETURNING id")
    job = int(job.split()[0])
    wait_for(lambda: psql(stack, f"SELECT count(*) FROM incidents WHERE job_id = {job}") == "1", timeout=60,
             message="the dead job became an incident")
    incident = int(psql(stack, f"SELECT id FROM incidents WHERE job_id = {job}"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("backoffice-*.png"):
        old.unlink()

    original = int(psql(stack, "SELECT net_cents FROM catalog_packages WHERE id = 'assistant_business'"))
    pricing = f"{stack.https}/de/preise"

    def from_the_cache():
        answer = requests.get(pricing, verify=stack.cert, timeout=30)
        return answer if answer.headers.get("X-Cache-Status") == "HIT" else None

    # Asked until nginx's page cache answers: the first request fills it (MISS), and a copy an earlier test left
    # there and that has gone stale is served once more while it is refreshed in the background (UPDATING).
    cached = wait_for(from_the_cache, timeout=30, message="the price list served from nginx's page cache")
    assert "4.321,00" not in cached.text
    try:
        run = browser("backoffice", f"https://localhost:{stack.https_port}", email, PASSWORD, str(incident),
                      str(ARTIFACTS), "assistant_business", "4321")
        # An anonymous visitor (served from the page cache) sees the new price once the purge job ran.
        wait_for(lambda: "4.321,00" in requests.get(pricing, verify=stack.cert, timeout=30).text, timeout=60,
                 message="the cached price list was purged")
    finally:
        psql(stack, f"UPDATE catalog_packages SET net_cents = {original} WHERE id = 'assistant_business'")
    steps = run["steps"]
    assert run["errors"] == [], run["errors"]
    assert steps["after_sign_in"].endswith("/admin/de/second-factor?next=%2Fadmin%2Fde%2F"), steps
    assert steps["qr_svg"] == 1, "the QR code is drawn on the page"
    assert steps["recovery_codes"] == 10
    assert steps["after_enrol"].endswith("/admin/de/"), steps
    assert "/admin/de/sign-in" in steps["after_sign_out"], steps
    assert steps["after_code"].endswith("/admin/de/"), steps
    assert steps["after_retry"].endswith("/admin/de/incidents?done=retried"), steps
    assert "erneut eingereiht" in steps["flash"]
    assert steps["after_catalog"].endswith("/admin/de/catalog?done=catalog#item-assistant_business"), steps
    assert "4.321,00" in steps["pricing"], "the public price list shows the new price: its cached copy was purged"
    # The pages are styled by the fingerprinted staff stylesheet (the CSP refuses inline styles; none are left).
    staff_css = re.search(r'href="(/assets/staff\.[0-9a-f]{8}\.css)"',
                          requests.get(f"{stack.https}/admin/de/sign-in", verify=stack.cert, timeout=30).text)
    assert staff_css, "the staff layout links the fingerprinted staff stylesheet"
    for name, styles in run["styles"].items():
        if name == "focus_outline":
            continue
        assert styles["header_background"] == "rgb(29, 39, 51)", (name, styles)
        assert styles["main_max_width"] == "1536px", (name, styles)
        assert staff_css.group(1) in styles["sheets"], (name, styles)
        assert styles["inline_styles"] == 0, (name, styles)
    assert run["styles"]["focus_outline"].startswith("solid "), run["styles"]
    served = requests.get(f"{stack.https}{staff_css.group(1)}", verify=stack.cert, timeout=30)
    assert served.status_code == 200 and served.headers["Content-Type"].startswith("text/css"), served.headers
    assert "immutable" in served.headers.get("Cache-Control", ""), served.headers
    assert {"second_factor", "dashboard", "catalog", "plans"} <= set(run["styles"]), run["styles"]
    for name in ("enrol", "recovery-codes", "dashboard", "incidents", "catalog", "plans", "pricing"):
        assert (ARTIFACTS / f"backoffice-{name}.png").stat().st_size > 1000, name

    assert psql(stack, f"SELECT status FROM incidents WHERE id = {incident}") == "retried"
    audit = psql(stack, "SELECT details->>'request_id' FROM audit_log WHERE action = 'admin.incident.retry' "
                        f"AND target = '{incident}'")
    assert re.fullmatch(r"[0-9a-f]{32}", audit), audit
    # The retried job ran again (and, having no handler, died again: a new incident).
    wait_for(lambda: psql(stack, f"SELECT count(*) FROM incidents WHERE job_id = {job}") == "2", timeout=60,
             message="the retried job ran again")
