"""Runs axe-core (from axe-playwright-python) in Debian's chromium over the URLs given; exit 1 on any violation.

Checks the WCAG 2.0/2.1/2.2 A and AA rules, at a phone width and at a desktop width.
"""
import sys

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def main(urls):
    axe = Axe()
    failures = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for width, height in ((390, 844), (1280, 900)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for url in urls:
                page.goto(url)
                result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
                for violation in result.response["violations"]:
                    failures += 1
                    targets = ", ".join(str(node["target"]) for node in violation["nodes"][:3])
                    print(f"{width}px {url}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
            page.close()
        browser.close()
    print(f"axe: {len(urls)} pages, {failures} violations")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
