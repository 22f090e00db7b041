"""Headless Debian chromium (playwright) against a running stack, for Tests/e2e/test_browser.py.

  python scripts/browser-e2e.py configurator BASE_URL SCREENSHOT
      drives BASE_URL/de/konfigurator: picks a package, changes an add-on quantity, then the country; after each
      step records the quote request the page sent, the API's answer and the price summary as shown; then
      rejects consent in the banner and keeps a full-page screenshot at SCREENSHOT.
  python scripts/browser-e2e.py axe URL...
      axe-core (WCAG 2.0/2.1/2.2 A and AA) on each URL at a phone and a desktop width, and whether the page
      is wider than the viewport (horizontal scrolling).

  python scripts/browser-e2e.py backoffice BASE_URL EMAIL PASSWORD INCIDENT_ID ARTIFACT_DIR PACKAGE PRICE
      a staff session in the back office (issue 13): signs in with the password (keyboard only), enrols TOTP
      from the QR page's key, confirms with the first code, signs out and in again with the next code, retries
      incident INCIDENT_ID on the incidents page, then sets PACKAGE's price to PRICE (euros) on the catalog page
      and opens the public price list; keeps screenshots of each step in ARTIFACT_DIR.

Prints one JSON document on stdout; the test decides what passes. The stack's certificate is self-signed,
hence ignore_https_errors (the transport itself is tested elsewhere).
"""
import json
import sys

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def configurator(browser, base, screenshot):
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(base + "/de/konfigurator")
    result = {"aria_live": page.get_attribute("[data-quote-result]", "aria-live"), "steps": [], "errors": errors}

    def step(name, action):
        with page.expect_response(lambda r: r.url.endswith("/api/v1/pricing/quote"), timeout=10000) as answer:
            action()
        response = answer.value
        # The summary is written after the answer arrives: wait until it shows the answer's gross amount.
        body = response.json()
        page.wait_for_timeout(400)
        result["steps"].append({
            "name": name,
            "request": json.loads(response.request.post_data or "null"),
            "status": response.status,
            "answer": body,
            "summary": page.inner_text("[data-quote-result]"),
            "gross": page.eval_on_selector_all("[data-quote-result] [data-quote-gross]",
                                               "cells => cells.map(c => c.textContent.trim())"),
        })

    step("package", lambda: page.check("#cfg-package-assistant_business"))
    step("addon", lambda: page.fill("#cfg-qty-extra-users", "4"))
    step("country", lambda: page.select_option("#cfg-country", "US"))
    # Decide about consent as a visitor would (consent.js posts the form and removes the banner in place), so
    # the fixed banner does not cover the form in the full-page screenshot.
    page.click("[data-consent-banner] button[value=reject_all]")
    page.wait_for_selector("[data-consent-banner]", state="detached", timeout=10000)
    result["banner_gone"] = page.locator("[data-consent-banner]").count() == 0
    result["consent_cookie"] = any(cookie["name"] == "cz_consent" for cookie in context.cookies())
    result["summary_after_consent"] = page.inner_text("[data-quote-result]")
    page.screenshot(path=screenshot, full_page=True)
    context.close()
    return result


def axe(browser, urls):
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()
    violations = []
    overflowing = []
    for width, height in ((390, 844), (1280, 900)):
        context = browser.new_context(ignore_https_errors=True, viewport={"width": width, "height": height})
        page = context.new_page()
        for url in urls:
            page.goto(url)
            # Nothing may widen the page beyond the viewport (WCAG 1.4.10 reflow; axe does not check it).
            width_used = page.evaluate("document.documentElement.scrollWidth")
            if width_used > width:
                overflowing.append(f"{width}px {url}: the page is {width_used}px wide")
            report = checker.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
            for violation in report.response["violations"]:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
                violations.append(f"{width}px {url}: {violation['id']} ({violation['impact']}): "
                                  f"{violation['help']} at {targets}")
        context.close()
    return {"pages": len(urls), "violations": violations, "overflowing": overflowing}


def totp(secret, offset=0):
    """The RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) of a base32 `secret`, `offset` steps from now."""
    import base64
    import hashlib
    import hmac
    import time

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int(time.time() // 30) + offset
    mac = hmac.new(key, counter.to_bytes(8, "big"), hashlib.sha1).digest()
    start = mac[-1] & 0x0F
    return f"{(int.from_bytes(mac[start:start + 4], 'big') & 0x7FFFFFFF) % 1_000_000:06d}"


def backoffice(browser, base, email, password, incident, folder, package, price):
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1280, "height": 900}, locale="de-DE")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Chromium reports what the CSP refused on the console ("Refused to apply inline style ..."): none may occur.
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    result = {"errors": errors, "steps": {}, "styles": {}}

    def shot(name):
        page.screenshot(path=f"{folder}/backoffice-{name}.png", full_page=True)

    def styles(name):
        # Computed styles that only staff.css sets: proof that the fingerprinted stylesheet loaded and applied.
        result["styles"][name] = page.evaluate("""() => {
            const style = (selector, property) => {
                const element = document.querySelector(selector);
                return element ? getComputedStyle(element)[property] : null;
            };
            return {
                header_background: style("body.staff .site-header", "backgroundColor"),
                main_max_width: style("body.staff main", "maxWidth"),
                sheets: [...document.styleSheets].map((sheet) => sheet.href && new URL(sheet.href).pathname),
                inline_styles: document.querySelectorAll("style, [style]").length,
            };
        }""")

    def sign_in():
        page.goto(base + "/admin/")
        page.focus("#email")
        page.keyboard.type(email)
        page.keyboard.press("Tab")
        page.keyboard.type(password)
        with page.expect_navigation():
            page.keyboard.press("Enter")

    sign_in()
    result["steps"]["after_sign_in"] = page.url
    styles("second_factor")
    with page.expect_navigation():
        page.click("form input[value=enrol] ~ button")
    result["steps"]["qr_svg"] = page.locator("figure.qr svg").count()
    secret = page.inner_text("#totp-secret").strip()
    shot("enrol")
    page.fill("#code", totp(secret))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    result["steps"]["recovery_codes"] = page.locator("ul.recovery-codes li").count()
    shot("recovery-codes")
    with page.expect_navigation():
        page.click("text=Weiter zum Backoffice")
    result["steps"]["after_enrol"] = page.url
    with page.expect_navigation():
        page.click("header form button[type=submit]")
    result["steps"]["after_sign_out"] = page.url

    sign_in()
    page.fill("#code", totp(secret, 1))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    result["steps"]["after_code"] = page.url
    styles("dashboard")
    shot("dashboard")
    # The keyboard reaches the navigation from the skip link, and the focused link shows an outline.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    result["styles"]["focus_outline"] = page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle + ' ' + document.activeElement.tagName")
    page.goto(base + "/admin/de/incidents")
    with page.expect_navigation():
        page.click(f"#incident-{incident} form[action$='/retry'] button")
    result["steps"]["after_retry"] = page.url
    result["steps"]["flash"] = page.inner_text("p.notice") if page.locator("p.notice").count() else ""
    shot("incidents")
    page.goto(base + "/admin/de/catalog")
    page.fill(f"#{package}-price", price)
    with page.expect_navigation():
        page.click(f"#item-{package} button[type=submit]")
    result["steps"]["after_catalog"] = page.url
    styles("catalog")
    shot("catalog")
    page.goto(base + "/admin/de/plans")
    styles("plans")
    shot("plans")
    page.goto(base + "/de/preise")
    result["steps"]["pricing"] = page.inner_text("main")
    shot("pricing")
    context.close()
    return result


def main(arguments):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            if arguments[0] == "configurator":
                output = configurator(browser, arguments[1], arguments[2])
            elif arguments[0] == "backoffice":
                output = backoffice(browser, *arguments[1:8])
            elif arguments[0] == "axe":
                output = axe(browser, arguments[1:])
            else:
                raise SystemExit(f"unknown command {arguments[0]}")
        finally:
            browser.close()
    print(json.dumps(output))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
