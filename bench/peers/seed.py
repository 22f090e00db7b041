"""The bench's data for the purchases case: a company registered through the API, a bearer token made through
the API, and 20 paid credit-pack purchases inserted into its purchases table (fixed, domestic, 19 %).

usage: seed.py BASE_URL DATABASE_URL   prints the bearer token, then the session cookie of the registration
                                       ("name=value", for the portal page case) on a second line
"""

import http.cookiejar
import json
import ssl
import subprocess
import sys
import urllib.request
import uuid

base, database = sys.argv[1], sys.argv[2]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context),
                                     urllib.request.HTTPCookieProcessor(jar))


def call(path: str, body: dict, headers: dict | None = None) -> dict:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    with opener.open(request, timeout=30) as response:
        return json.load(response)


email = f"bench-{uuid.uuid4().hex[:12]}@example.com"
registered = call("/api/v1/auth/register", {
    "email": email, "password": "bench-password-1", "company_name": "Bench GmbH", "country": "DE",
    "billing_address": {"street": "Hauptstraße 1", "postal_code": "10115", "city": "Berlin"}})
created = call("/api/v1/auth/tokens", {"name": "bench"}, {"X-CSRF-Token": registered["csrf_token"]})
company = registered["company"]["id"]
product = subprocess.run(["psql", database, "-Atc", "SELECT id FROM billing_products ORDER BY id LIMIT 1"],
                         check=True, capture_output=True, text=True).stdout.strip()
subprocess.run(["psql", database, "-qc", f"""
    INSERT INTO purchases (company_id, provider, provider_ref, type, product_id, status, credits_amount, currency,
        net_cents, vat_rate_bp, vat_cents, amount_cents, reverse_charge, vat_category, buyer_country, paid_at,
        created_at)
    SELECT '{company}'::uuid, 'MOCK', 'cs_bench_' || n || '_{uuid.uuid4().hex[:8]}', 'CREDITS', '{product}', 'PAID',
        100, 'EUR', 4900, 1900, 931, 5831, false, 'S', 'DE', now() - n * interval '1 day', now() - n * interval '1 day'
    FROM generate_series(1, 20) AS n"""], check=True)
session = next(cookie for cookie in jar if cookie.name == "__Host-codezero_session")
print(created["token"])
print(f"{session.name}={session.value}")
