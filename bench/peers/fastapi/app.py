"""The bench's FastAPI + asyncpg peer (make bench only): the pool's two compared endpoints, the project's SQL.

    GET  /api/v1/billing/purchases  bearer token -> the company's purchases, newest first
    POST /api/v1/pricing/quote      {package, addons:[{id, quantity}], country, vat_id?} -> the priced quote

Run by uvicorn (one process per pool worker, each with its own asyncpg pool of 4 connections); the catalog is
read once per process at start-up, as the pool's workers keep it in memory. VAT: Germany 19 %, other EU members
need a VAT ID (reverse charge; format not verified), others outside the scope.
"""

import hashlib
import os
import re
import time

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

EU = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
      "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
NOTES = {
    "S": None,
    "AE": {"de": "Steuerschuldnerschaft des Leistungsempfängers",
           "en": "Reverse charge: VAT to be accounted for by the recipient"},
    "O": {"de": "Nicht im Inland steuerbare Leistung", "en": "Not taxable in Germany"},
}
TOKEN = re.compile(r"^cz_[A-Za-z0-9_-]{43}$")
PRINCIPAL = """
    SELECT t.id, t.user_id, t.company_id, u.email, m.role, t.second_factor,
           extract(epoch FROM t.last_used_at)::float8 AS last_used_at
    FROM api_tokens t
    JOIN users u ON u.id = t.user_id AND u.disabled_at IS NULL
    JOIN memberships m ON m.user_id = t.user_id AND m.company_id = t.company_id
    WHERE t.token_hash = $1 AND t.revoked_at IS NULL
"""
# The times are formatted by to_char in the database: time.strftime costs ~2.3 µs a value in CPython, more than
# to_char (the pool and the PHP peer read whole seconds and format them themselves).
PURCHASES = """
    SELECT id::text, provider, provider_ref, type, product_id, order_id::text,
        status, credits_amount, currency, net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge,
        vat_category, buyer_country, buyer_vat_id,
        to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at,
        to_char(paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS paid_at
    FROM purchases WHERE company_id = $1::uuid ORDER BY created_at DESC, id LIMIT 100
"""

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
state: dict = {}


def connect_arguments(conninfo: str) -> dict:
    """A libpq connection string (a URL, or `host=... port=... dbname=...`) as asyncpg's arguments."""
    if conninfo.startswith(("postgres://", "postgresql://")):
        return {"dsn": conninfo}
    names = {"dbname": "database", "host": "host", "port": "port", "user": "user", "password": "password"}
    pairs = (item.split("=", 1) for item in conninfo.split())
    return {names[key]: value for key, value in pairs if key in names}


@app.on_event("startup")
async def start() -> None:
    state["db"] = await asyncpg.create_pool(**connect_arguments(os.environ["BENCH_DATABASE_URL"]), min_size=4,
                                            max_size=4)
    catalog: dict = {"package": {}, "addon": {}}
    async with state["db"].acquire() as db:
        for table, kind in (("catalog_packages", "package"), ("catalog_addons", "addon")):
            maximum = "max_quantity" if kind == "addon" else "1 AS max_quantity"
            for row in await db.fetch(f"SELECT id, name_de, name_en, net_cents, interval, active, {maximum} FROM {table}"):
                catalog[kind][row["id"]] = dict(row)
    state["catalog"] = catalog


def problem(status: int, title: str, errors: list | None = None) -> JSONResponse:
    return JSONResponse({"type": "about:blank", "title": title, "status": status, "errors": errors or []},
                        status_code=status, media_type="application/problem+json",
                        headers={"Cache-Control": "no-store"})


def percent_text(bp: int) -> str:
    whole, fraction = divmod(bp, 100)
    if fraction == 0:
        return str(whole)
    if fraction % 10 == 0:
        return f"{whole}.{fraction // 10}"
    return f"{whole}.{'0' if fraction < 10 else ''}{fraction}"


def vat_cents(net: int, bp: int) -> int:
    product = net * bp
    return (1 if product >= 0 else -1) * ((abs(product) * 2 + 10_000) // 20_000)


@app.get("/api/v1/billing/purchases")
async def purchases(request: Request):
    parts = request.headers.get("authorization", "").split()
    token = parts[1] if len(parts) == 2 and parts[0].lower() == "bearer" else ""
    if not TOKEN.match(token):
        return problem(401, "Not signed in")
    async with state["db"].acquire() as db:
        principal = await db.fetchrow(PRINCIPAL, hashlib.sha256(token.encode()).digest())
        if principal is None:
            return problem(401, "Not signed in")
        now = time.time()
        if principal["last_used_at"] is None or now - principal["last_used_at"] >= 60:
            await db.execute("UPDATE api_tokens SET last_used_at = to_timestamp($1) WHERE id = $2",
                             now, principal["id"])
        rows = await db.fetch(PURCHASES, str(principal["company_id"]))
    items = [{
        "id": row["id"], "provider": row["provider"], "provider_ref": row["provider_ref"], "type": row["type"],
        "product_id": row["product_id"], "order_id": row["order_id"], "status": row["status"],
        "credits_amount": row["credits_amount"], "currency": row["currency"], "net_cents": row["net_cents"],
        "vat_rate": percent_text(row["vat_rate_bp"]), "vat_rate_basis_points": row["vat_rate_bp"],
        "vat_cents": row["vat_cents"], "amount_cents": row["amount_cents"], "reverse_charge": row["reverse_charge"],
        "vat_category": row["vat_category"], "buyer_country": row["buyer_country"],
        "buyer_vat_id": row["buyer_vat_id"], "created_at": row["created_at"], "paid_at": row["paid_at"],
        "legal_note": NOTES.get(row["vat_category"]),
    } for row in rows]
    return JSONResponse({"purchases": items}, headers={"Cache-Control": "private, no-store"})


@app.post("/api/v1/pricing/quote")
async def quote(request: Request):
    try:
        data = await request.json()
    except ValueError:
        return problem(400, "Bad JSON")
    if not isinstance(data, dict):
        return problem(400, "Bad JSON")
    package, country, vat_id = data.get("package"), data.get("country"), data.get("vat_id")
    addons = data.get("addons") or []
    errors = []
    if not isinstance(package, str) or not package or len(package) > 64:
        errors.append({"field": "package"})
    if not isinstance(country, str) or not re.fullmatch(r"[A-Z]{2}", country):
        errors.append({"field": "country"})
    if vat_id is not None and (not isinstance(vat_id, str) or len(vat_id) > 20):
        errors.append({"field": "vat_id"})
    if not isinstance(addons, list):
        errors.append({"field": "addons"})
    if errors:
        return problem(422, "Invalid input", errors)
    catalog = state["catalog"]
    item = catalog["package"].get(package)
    if item is None or not item["active"]:
        return problem(422, "Unknown package", [{"field": "package"}])
    lines, seen = [(item, "package", 1)], set()
    for index, selection in enumerate(addons):
        ident = selection.get("id") if isinstance(selection, dict) else None
        quantity = selection.get("quantity", 1) if isinstance(selection, dict) else None
        addon = catalog["addon"].get(ident) if isinstance(ident, str) else None
        if (addon is None or not addon["active"] or ident in seen or type(quantity) is not int
                or not 1 <= quantity <= addon["max_quantity"]):
            return problem(422, "Invalid add-on", [{"field": "addons", "detail": f"item {index}"}])
        seen.add(ident)
        lines.append((addon, "addon", quantity))
    given = re.sub(r"[\s.-]", "", vat_id).upper() if vat_id else ""
    if country == "DE":
        category, bp = "S", 1900
    elif country in EU:
        if not given:
            return problem(422, "VAT ID required", [{"field": "vat_id"}])
        category, bp = "AE", 0
    else:
        category, bp, given = "O", 0, ""
    totals = {"one_time": 0, "monthly": 0}
    out = []
    for row, kind, quantity in lines:
        net = row["net_cents"] * quantity
        totals[row["interval"]] += net
        out.append({"id": row["id"], "kind": kind, "name": {"de": row["name_de"], "en": row["name_en"]},
                    "interval": row["interval"], "unit_net_cents": row["net_cents"], "quantity": quantity,
                    "line_net_cents": net})

    def summed(net: int) -> dict:
        vat = vat_cents(net, bp)
        return {"net_cents": net, "vat_cents": vat, "gross_cents": net + vat}

    everything = summed(totals["one_time"] + totals["monthly"])
    return JSONResponse({
        "currency": "EUR", "lines": out, "net_cents": everything["net_cents"], "vat_rate": percent_text(bp),
        "vat_rate_basis_points": bp, "vat_cents": everything["vat_cents"], "gross_cents": everything["gross_cents"],
        "reverse_charge": category == "AE", "vat_category": category, "country": country,
        "vat_id": given or None, "legal_note": NOTES[category],
        "one_time": summed(totals["one_time"]), "monthly": summed(totals["monthly"]),
    }, headers={"Cache-Control": "no-store"})
