"""Drives configurator.js and consent.js in Debian's chromium against the rendered pages (var/rendered-pages).

A loopback stand-in answers the two endpoints the scripts call, in the shapes they rely on:
  POST /api/v1/pricing/quote  {package, addons:[{id, quantity}], country, vat_id?}
      -> 200 {lines:[{id, quantity, unit_net_cents, line_net_cents, interval}], net_cents, vat_rate, vat_cents,
              gross_cents, currency, reverse_charge, legal_note:{de, en}|null}
      -> 422 application/problem+json {detail} for an EU buyer without VAT ID
  GET  /{lang}/consent        -> the settings page with the visitor's csrf_token (and its cookie)
  POST /{lang}/consent        -> 303 back, Set-Cookie cz_consent=<version>:<purposes> (403 without the token)
Usage: python scripts/check-site-js.py PAGES_DIR PUBLIC_DIR   (exit 1 when a check fails)
"""
import json
import shutil
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from playwright.sync_api import sync_playwright


TOKEN = "standin-token-0123456789abcdef"


class StandIn(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.endswith("/consent"):
            page = (f'<!doctype html><form method="post"><input type="hidden" name="csrf_token" value="{TOKEN}">'
                    '</form>').encode()
            self.answer(200, page, [("Content-Type", "text/html"), ("Cache-Control", "private, no-store"),
                                    ("Set-Cookie", f"form={TOKEN}; Path=/; HttpOnly")])
            return
        super().do_GET()

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/api/v1/pricing/quote":
            request = json.loads(body)
            if request["country"] == "AT" and not request.get("vat_id"):
                problem = {"title": "VAT ID required", "status": 422, "detail": "USt-IdNr. erforderlich"}
                self.answer(422, json.dumps(problem).encode(), [("Content-Type", "application/problem+json")])
                return
            lines = [{"id": request["package"], "quantity": 1, "unit_net_cents": 49000, "line_net_cents": 49000,
                      "interval": "monthly"}]
            for addon in request["addons"]:
                lines.append({"id": addon["id"], "quantity": addon["quantity"], "unit_net_cents": 9000,
                              "line_net_cents": 9000 * addon["quantity"], "interval": "monthly"})
            net = sum(line["line_net_cents"] for line in lines)
            rate = 0 if request.get("vat_id") else 1900
            vat = (net * rate + 5000) // 10000
            note = {"de": "Steuerschuldnerschaft des Leistungsempfängers", "en": "Reverse charge"} if rate == 0 else None
            quote = {"lines": lines, "net_cents": net, "vat_rate": rate, "vat_cents": vat, "gross_cents": net + vat,
                     "currency": "EUR", "reverse_charge": rate == 0, "legal_note": note}
            self.answer(200, json.dumps(quote).encode(), [("Content-Type", "application/json")])
        elif self.path.endswith("/consent"):
            fields = dict(pair.split("=", 1) for pair in body.decode().split("&") if "=" in pair)
            if fields.get("csrf_token") != TOKEN or f"form={TOKEN}" not in self.headers.get("Cookie", ""):
                self.answer(403)
                return
            self.answer(303, headers=[("Location", "/home.de.html"), ("Set-Cookie", "cz_consent=v:none; Path=/")])
        else:
            self.answer(404)


def main(pages, public):
    site = tempfile.mkdtemp()
    shutil.copytree(public, site, dirs_exist_ok=True)
    shutil.copytree(pages, site, dirs_exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(StandIn, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    failures = []

    def check(condition, what):
        print(("ok   " if condition else "FAIL ") + what)
        if not condition:
            failures.append(what)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "/configurator.de.html")
        page.check("#cfg-package-assistant_starter")
        page.fill("#cfg-qty-extra-users", "3")
        page.wait_for_timeout(700)
        summary = page.inner_text("[data-quote-result]")
        check("904,40" in summary and "760,00" in summary, "live quote: net 760,00 €, gross 904,40 € (de)")
        check("Zusätzliche Nutzer" in summary, "line names come from the form's labels")
        fields = page.eval_on_selector_all("[data-order-fields] input", "els => els.map(e => e.name + '=' + e.value)")
        check("qty_extra_users=3" in fields and not page.eval_on_selector("[data-order-form]", "f => f.hidden"),
              "order form carries the live configuration")
        page.select_option("#cfg-country", "AT")
        page.wait_for_timeout(700)
        check("USt-IdNr. erforderlich" in page.inner_text("[data-quote-result]"), "a problem's detail is shown")
        check(page.eval_on_selector("[data-order-form]", "f => f.hidden"), "no order while the quote is refused")
        page.fill("#cfg-vat-id", "ATU13585627")
        page.wait_for_timeout(700)
        check("Steuerschuldnerschaft" in page.inner_text("[data-quote-result]"), "reverse-charge note shown")
        page.goto(base + "/home.de.html")
        check(page.locator("[data-consent-banner]").count() == 1, "banner shown before a decision")
        page.click("button[value=reject_all]")
        page.wait_for_timeout(700)
        check(page.locator("[data-consent-banner]").count() == 0, "reject all removes the banner in place")
        page.goto(base + "/pricing.en.html")
        check(page.locator("[data-consent-banner]").count() == 0, "a cached page hides the banner once decided")
        check(not errors, f"no script errors {errors}")
        browser.close()
    server.shutdown()
    shutil.rmtree(site)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
