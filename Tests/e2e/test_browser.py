"""A real browser on the real stack: headless Debian chromium (playwright in var/validators, run as a
subprocess by scripts/browser-e2e.py) drives the configurator through the quote API and runs axe on every
public page; the Nu HTML checker validates the HTML the stack serves. A missing tool is a failure."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_support import euro, page_urls
from stack import ROOT

VENV_PYTHON = ROOT / "var/validators/bin/python"
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "var/artifacts/configurator-de.png"


def require(condition: bool, what: str) -> None:
    """A missing tool is a failure (scripts/deps.sh installs them), never a skip."""
    if not condition:
        pytest.fail(f"{what} is missing: run scripts/deps.sh")


def browser(*arguments: str, timeout: float = 180) -> dict:
    require(VENV_PYTHON.is_file(), str(VENV_PYTHON))
    require(CHROMIUM.is_file(), str(CHROMIUM))
    probe = subprocess.run([str(VENV_PYTHON), "-c", "import playwright, axe_playwright_python"],
                           capture_output=True, text=True, check=False)
    require(probe.returncode == 0, "playwright/axe in var/validators")
    result = subprocess.run([str(VENV_PYTHON), str(ROOT / "scripts/browser-e2e.py"), *arguments], cwd=ROOT,
                            capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_configurator_updates_its_price_live_through_the_quote_api(client, stack):
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    # The public URL (localhost), as a visitor would: forms check the Origin against it.
    run = browser("configurator", f"https://localhost:{stack.https_port}", str(SCREENSHOT))
    assert run["errors"] == [], run["errors"]
    assert run["aria_live"] == "polite"

    steps = {step["name"]: step for step in run["steps"]}
    assert steps["package"]["request"] == {"package": "assistant_business", "addons": [], "country": "DE"}
    assert steps["addon"]["request"] == {"package": "assistant_business",
                                         "addons": [{"id": "extra_users", "quantity": 4}], "country": "DE"}
    assert steps["country"]["request"]["country"] == "US"
    for name, step in steps.items():
        assert step["status"] == 200, step
        # The page shows exactly what the server computes for the same request.
        expected = client.post(f"{stack.https}/api/v1/pricing/quote", json=step["request"]).json()
        assert step["answer"]["gross_cents"] == expected["gross_cents"]
        assert step["gross"][:1] == [euro(expected["gross_cents"])], (name, step["gross"])
    assert steps["addon"]["answer"]["gross_cents"] > steps["package"]["answer"]["gross_cents"]
    assert "Zusätzliche Nutzer" in steps["addon"]["summary"] and "USt. 19" in steps["addon"]["summary"]
    assert steps["country"]["answer"]["vat_cents"] == 0 and "USt. 0" in steps["country"]["summary"]
    # The banner's "reject all" works in place, and the summary is still there afterwards.
    assert run["banner_gone"] and run["consent_cookie"]
    assert euro(steps["country"]["answer"]["gross_cents"]) in run["summary_after_consent"]
    assert SCREENSHOT.is_file() and SCREENSHOT.stat().st_size > 10_000
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def served_pages(client, stack) -> dict[str, str]:
    """The HTML the stack serves: every public page in both languages, plus pages with a priced and a refused
    configuration and a contact form with inline errors."""
    pages = {url: client.get(url).text for url in page_urls(stack)}
    for query in ("package=assistant_starter&qty_extra_users=2&country=AT&vat_id=ATU13585627",
                  "package=assistant_starter&country=FR"):
        for path in ("/de/konfigurator", "/en/configurator"):
            url = f"{stack.https}{path}?{query}"
            pages[url] = client.get(url).text
    form = client.get(f"{stack.https}/en/contact")
    token = client.cookies.get("__Host-codezero_form")
    invalid = client.post(f"{stack.https}/en/contact", data={"csrf_token": token, "email": "nope"})
    assert form.status_code == 200 and invalid.status_code == 422
    pages[f"{stack.https}/en/contact#invalid"] = invalid.text
    return pages


def test_axe_finds_no_violation_and_no_page_scrolls_sideways(client, stack):
    urls = page_urls(stack) + [f"{stack.https}/de/konfigurator?package=assistant_starter&country=FR",
                               f"{stack.https}/de/konfigurator?package=assistant_starter&qty_extra_users=2&country=DE",
                               f"{stack.https}/en/configurator?package=ai_assessment&country=US"]
    run = browser("axe", *urls, timeout=300)
    assert run["pages"] == len(urls)
    assert run["violations"] == [], "\n".join(run["violations"])
    assert run["overflowing"] == [], "\n".join(run["overflowing"])


def test_the_nu_checker_finds_no_error_in_the_served_html(client, stack):
    jars = sorted((ROOT / "var/validators").rglob("vnu.jar"))
    require(bool(jars), "vnu.jar under var/validators")
    require(shutil.which("java") is not None, "java")
    with tempfile.TemporaryDirectory(prefix="cz-vnu-") as folder:
        names = {}
        for index, (url, html) in enumerate(served_pages(client, stack).items()):
            name = f"{index:02d}-{urlsplit(url).path.strip('/').replace('/', '_') or 'root'}.html"
            Path(folder, name).write_text(html, encoding="utf-8")
            names[name] = url
        result = subprocess.run(["java", "-jar", str(jars[0]), "--errors-only", "--format", "json",
                                 *sorted(str(Path(folder, name)) for name in names)],
                                capture_output=True, text=True, timeout=180, check=False)
        report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors = [f"{names.get(Path(urlsplit(m.get('url', '')).path).name, m.get('url'))}:{m.get('lastLine')}: "
              f"{m.get('message')}" for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert len(names) >= 26
    assert errors == [], "\n".join(errors)
    assert result.returncode == 0, result.stderr[-2000:]
