"""Headless Debian chromium (playwright) against a running stack, for Tests/e2e/test_browser.py.

  python scripts/browser-e2e.py configurator BASE_URL SCREENSHOT
      drives BASE_URL/de/konfigurator: picks a package, changes an add-on quantity, then the country; after each
      step records the quote request the page sent, the API's answer and the price summary as shown; then
      rejects consent in the banner and keeps a full-page screenshot at SCREENSHOT.
  python scripts/browser-e2e.py axe URL...
      axe-core (WCAG 2.0/2.1/2.2 A and AA) on each URL at a phone and a desktop width, and whether the page
      is wider than the viewport (horizontal scrolling).

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


def main(arguments):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            if arguments[0] == "configurator":
                output = configurator(browser, arguments[1], arguments[2])
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
