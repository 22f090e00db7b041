"""Shared pieces of the site's end-to-end tests (test_site_pages, test_site_forms, test_browser): the public
pages in both languages, a small HTML reader (the stdlib parser, no extra packages), psql against the stack's
database and HTTP sessions bound to their own loopback source address (nginx's form rate limit is per address,
so the form tests do not eat the budget of other tests)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser

import requests
from requests.adapters import HTTPAdapter

# (page, German path, English path, expected status): every public page of Sources/Pages/Page.swift.
PUBLIC_PAGES = [
    ("home", "/de/", "/en/", 200),
    ("services", "/de/leistungen", "/en/services", 200),
    ("pricing", "/de/preise", "/en/pricing", 200),
    ("configurator", "/de/konfigurator", "/en/configurator", 200),
    ("contact", "/de/kontakt", "/en/contact", 200),
    ("imprint", "/de/impressum", "/en/imprint", 200),
    ("privacy", "/de/datenschutz", "/en/privacy", 200),
    ("terms", "/de/agb", "/en/terms", 200),
    ("checkout_cancel", "/de/checkout/cancel", "/en/checkout/cancel", 200),
    ("consent", "/de/consent", "/en/consent", 200),
    ("not_found", "/de/404", "/en/404", 404),
]
# Page.isIndexable: exactly these are in the sitemap.
INDEXABLE = {"home", "services", "pricing", "configurator", "contact", "imprint", "privacy", "terms"}
# Page.isCacheable among the public pages.
CACHEABLE = {"home", "services", "pricing", "imprint", "privacy", "terms", "checkout_cancel"}


def page_urls(stack) -> list[str]:
    """Every public page in both languages, as URLs of the stack."""
    return [f"{stack.https}{path}" for _, de, en, _ in PUBLIC_PAGES for path in (de, en)]


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Document:
    """What the tests need from a page: every element with its attributes, the text of scripts and the
    visible text."""

    elements: list[Element] = field(default_factory=list)
    text: str = ""

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            element for element in self.elements
            if element.tag == tag and all(element.attrs.get(key.replace("_", "-")) == value
                                          for key, value in attrs.items())
        ]

    def one(self, tag: str, **attrs: str) -> Element:
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"expected one <{tag} {attrs}>, found {len(found)}"
        return found[0]

    def meta(self, **attrs: str) -> str:
        return self.one("meta", **attrs).attrs["content"]

    def json_ld(self) -> list[dict]:
        return [json.loads(element.text) for element in self.all("script", type="application/ld+json")]


class _Reader(HTMLParser):
    VOID = {"meta", "link", "input", "img", "br", "hr", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = Document()
        self.open: list[Element] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.document.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data
        if not any(element.tag in ("script", "style") for element in self.open):
            self.words.append(data)


def parse(html: str) -> Document:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.document.text = " ".join(" ".join(reader.words).split())
    return reader.document


class _SourceAdapter(HTTPAdapter):
    def __init__(self, source: str) -> None:
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def session_from(stack, source: str) -> requests.Session:
    """A session like the `client` fixture whose connections come from `source` (e.g. 127.0.0.21)."""
    session = requests.Session()
    session.trust_env = False
    session.verify = stack.cert
    session.mount("https://", _SourceAdapter(source))
    return session


def psql(stack, sql: str) -> list[list[str]]:
    """Runs one statement against the stack's database; rows of unaligned, tab-separated fields."""
    url = stack.codezero("db", "url")
    assert url.returncode == 0, url.stderr
    result = subprocess.run(
        ["psql", url.stdout.strip(), "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True, text=True, timeout=30, check=False,
    )
    assert result.returncode == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def euro(cents: int) -> str:
    """Cents as the German page shows them: 1.234,56 €."""
    whole, rest = divmod(cents, 100)
    return f"{whole:,}".replace(",", ".") + f",{rest:02d}\u00a0€"
