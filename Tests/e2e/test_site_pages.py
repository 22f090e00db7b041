"""The DE/EN site through nginx: every public page's head (lang, title, description, canonical, hreflang, Open
Graph, JSON-LD), the B2B notice and legal footer, sitemap and robots, the page cache (MISS/HIT, bypasses, the
purge after a catalog change) and the static assets."""

from __future__ import annotations

import gzip
import json
import re
import uuid
import xml.etree.ElementTree as ElementTree
from urllib.parse import urlsplit

import pytest

from helpers import wait_for
from site_support import CACHEABLE, INDEXABLE, PUBLIC_PAGES, euro, page_urls, parse, psql

PAGES = [(name, language, path, status)
         for name, de, en, status in PUBLIC_PAGES for language, path in (("de", de), ("en", en))]
TWIN = {path: (de, en) for _, de, en, _ in PUBLIC_PAGES for path in (de, en)}
B2B = {"de": "ausschließlich an Unternehmer im Sinne des § 14 BGB", "en": "exclusively to businesses"}
FOOTER = {
    "de": ["/de/impressum", "/de/datenschutz", "/de/agb", "/de/consent"],
    "en": ["/en/imprint", "/en/privacy", "/en/terms", "/en/consent"],
}


def public(stack) -> str:
    return f"https://localhost:{stack.https_port}"


@pytest.mark.parametrize("name,language,path,status", PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_every_public_page_has_its_head_notice_and_footer(client, stack, name, language, path, status):
    response = client.get(stack.https + path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Language"] == language
    page = parse(response.text)
    html = page.one("html")
    assert html.attrs["lang"] == language

    title = page.one("title").text.strip()
    assert title.endswith("Code Zero") and len(title) > len("Code Zero") + 3, title
    description = page.meta(name="description")
    # Search snippets: indexable pages carry a real summary; the others at least a sentence.
    assert (50 if name in INDEXABLE else 10) <= len(description) <= 200, description

    de, en = TWIN[path]
    base = public(stack)
    if name in INDEXABLE:
        assert page.one("link", rel="canonical").attrs["href"] == base + path
        alternates = {link.attrs["hreflang"]: link.attrs["href"] for link in page.all("link", rel="alternate")}
        assert alternates == {"de": base + de, "en": base + en, "x-default": base + en}
        assert page.meta(property="og:url") == base + path
    else:
        robots = page.all("meta", name="robots")
        assert robots and "noindex" in robots[0].attrs["content"], "non-indexable page without noindex"
        assert response.headers["X-Robots-Tag"] == "noindex"
    assert page.meta(property="og:title") == title
    assert page.meta(property="og:description") == description
    assert page.meta(property="og:locale") == ("de_DE" if language == "de" else "en_GB")
    assert page.meta(property="og:site_name") == "Code Zero"

    graphs = [node for document in page.json_ld() for node in document.get("@graph", [document])]
    types = [node["@type"] for node in graphs]
    assert "Organization" in types
    organization = next(node for node in graphs if node["@type"] == "Organization")
    assert organization["url"] == base + "/" and organization["vatID"].startswith("DE")
    if name in ("services", "pricing"):
        products = [node for node in graphs if node["@type"] == "Product"]
        assert len(products) >= 4
        for product in products:
            offer = product["offers"]
            assert offer["@type"] == "Offer" and offer["priceCurrency"] == "EUR"
            assert re.fullmatch(r"\d+\.\d\d", offer["price"])
            assert offer["priceSpecification"]["valueAddedTaxIncluded"] is False

    assert B2B[language] in page.text
    footer_links = [a.attrs["href"] for a in page.all("a") if a.attrs.get("href") in FOOTER[language]]
    for target in FOOTER[language]:
        assert target in footer_links, f"footer link {target} missing on {path}"


def test_services_and_pricing_offers_match_the_catalog(client, stack):
    catalog = client.get(f"{stack.https}/api/v1/catalog").json()
    expected = {item["id"]: item["net_cents"] for item in catalog["packages"]}
    for path in ("/de/preise", "/en/services"):
        page = parse(client.get(stack.https + path).text)
        offers = {node["sku"]: node["offers"]["price"] for document in page.json_ld()
                  for node in document["@graph"] if node["@type"] == "Product"}
        assert offers == {sku: f"{cents // 100}.{cents % 100:02d}" for sku, cents in expected.items()}


def test_the_sitemap_lists_every_indexable_page_in_both_languages(client, stack):
    response = client.get(f"{stack.https}/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    base = public(stack)
    locations = {}
    for url in root.findall("s:url", ns):
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        locations[url.find("s:loc", ns).text] = links
    expected = {}
    for name, de, en, _ in PUBLIC_PAGES:
        if name in INDEXABLE:
            for path in (de, en):
                expected[base + path] = {"de": base + de, "en": base + en, "x-default": base + en}
    assert locations == expected


def test_robots_names_the_public_sitemap_and_keeps_crawlers_out_of_the_portal(client, stack):
    response = client.get(f"{stack.https}/robots.txt")
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert f"Sitemap: {public(stack)}/sitemap.xml" in lines
    assert "Disallow: /de/konto" in lines and "Disallow: /api/" in lines
    assert not any(line.strip() in ("Disallow: /", "Disallow: /de/", "Disallow: /en/") for line in lines)


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_root_redirects_by_accept_language(client, stack, language):
    header = "de-DE,de;q=0.9,en;q=0.5" if language == "de" else "en-GB,en;q=0.9"
    response = client.get(f"{stack.https}/", headers={"Accept-Language": header}, allow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/{language}/")
    assert "Accept-Language" in response.headers["Vary"]


# --- the page cache -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,path", [(n, p) for n, de, en, s in PUBLIC_PAGES if n in CACHEABLE for p in (de, en)])
def test_cacheable_pages_miss_then_hit(client, stack, name, path):
    url = f"{stack.https}{path}?e2e={uuid.uuid4().hex}"
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == 200
    assert (first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]) == ("MISS", "HIT")
    assert first.headers["Cache-Control"] == "public, max-age=60"
    assert second.text == first.text


@pytest.mark.parametrize("path", ["/de/konfigurator", "/en/configurator", "/de/kontakt", "/en/contact",
                                  "/de/consent", "/de/konto", "/en/login"])
def test_visitor_pages_are_never_served_from_the_cache(client, stack, path):
    url = f"{stack.https}{path}?e2e={uuid.uuid4().hex}"
    statuses = [client.get(url, allow_redirects=False).headers.get("X-Cache-Status") for _ in range(3)]
    assert "HIT" not in statuses, statuses


@pytest.mark.parametrize("cookie", ["__Host-codezero_session", "cz_consent"])
def test_a_session_or_consent_cookie_bypasses_the_cache(client, stack, cookie):
    url = f"{stack.https}/de/?e2e={uuid.uuid4().hex}"
    assert client.get(url).headers["X-Cache-Status"] == "MISS"
    assert client.get(url).headers["X-Cache-Status"] == "HIT"
    value = "v1.reject" if cookie == "cz_consent" else "anything"
    response = client.get(url, cookies={cookie: value})
    assert response.headers["X-Cache-Status"] == "BYPASS"
    if cookie == "cz_consent":
        # The visitor decided: the banner (in the cached page) is not rendered for them.
        assert "data-consent-banner" in client.get(url).text
        assert "data-consent-banner" not in response.text
    # Nothing of the bypassed answer is stored for everyone else.
    assert client.get(url).headers["X-Cache-Status"] == "HIT"


def test_a_catalog_change_purges_the_cached_pages(client, stack):
    url = f"{stack.https}/de/preise"
    client.get(url)
    cached = client.get(url)
    assert cached.headers["X-Cache-Status"] == "HIT"
    old = int(psql(stack, "SELECT net_cents FROM catalog_packages WHERE id = 'ai_assessment'")[0][0])
    new = old + 12345
    assert euro(new) not in cached.text
    try:
        psql(stack, f"UPDATE catalog_packages SET net_cents = {new} WHERE id = 'ai_assessment'")

        def fresh():
            response = client.get(url)
            return response if response.headers["X-Cache-Status"] == "MISS" else None

        response = wait_for(fresh, timeout=10, message="a MISS after the catalog change")
        assert euro(new) in response.text
        assert client.get(url).headers["X-Cache-Status"] == "HIT"
        assert f'"price":"{new // 100}.{new % 100:02d}"' in client.get(f"{stack.https}/en/pricing").text
    finally:
        psql(stack, f"UPDATE catalog_packages SET net_cents = {old} WHERE id = 'ai_assessment'")
    jobs = psql(stack, "SELECT count(*) FROM jobs WHERE kind = 'cache.purge_pages' AND state = 'done'")
    assert int(jobs[0][0]) >= 1


# --- static assets --------------------------------------------------------------------------------------------


def test_fingerprinted_assets_are_immutable_and_served_gzipped(client, stack):
    html = client.get(f"{stack.https}/de/konfigurator").text
    assets = sorted(set(re.findall(r'(?:href|src)="(/assets/[^"]+)"', html)))
    assert any(a.endswith(".css") for a in assets) and any(a.endswith(".js") for a in assets), assets
    for asset in assets:
        assert re.search(r"\.[0-9a-f]{8}\.(css|js)$", asset), asset
        plain = client.get(stack.https + asset, headers={"Accept-Encoding": "identity"})
        assert plain.status_code == 200
        assert plain.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Content-Encoding" not in plain.headers
        zipped = client.get(stack.https + asset, headers={"Accept-Encoding": "gzip"}, stream=True)
        assert zipped.headers["Content-Encoding"] == "gzip"
        assert zipped.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Accept-Encoding" in zipped.headers["Vary"]
        assert gzip.decompress(zipped.raw.read()) == plain.content
        zipped.close()


def test_no_page_references_another_host(client, stack):
    own = {f"localhost:{stack.https_port}"}
    for url in page_urls(stack):
        page = parse(client.get(url).text)
        for element in page.elements:
            for attribute in ("src", "href", "action", "content", "srcset", "data", "formaction"):
                value = element.attrs.get(attribute, "")
                for found in re.findall(r"(?:https?:)?//[^\s\"',]+", value):
                    assert urlsplit(found).netloc in own, f"{url}: <{element.tag} {attribute}={value!r}>"
        for document in page.json_ld():
            for found in re.findall(r"https?://[^\s\"]+", json.dumps(document)):
                host = urlsplit(found).netloc
                assert host in own or host == "schema.org", f"{url}: JSON-LD names {found}"


def test_a_plain_page_view_sets_no_cookie(client, stack):
    # (Form pages — contact, the consent settings — set only the strictly necessary CSRF cookie.)
    for path in ("/de/", "/en/pricing", "/de/impressum", "/en/configurator"):
        response = client.get(f"{stack.https}{path}?e2e={uuid.uuid4().hex}")
        assert "Set-Cookie" not in response.headers, f"{path}: {response.headers.get('Set-Cookie')}"
    assert not client.cookies

