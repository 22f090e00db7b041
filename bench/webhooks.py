"""Prints N pre-signed Stripe-style webhook deliveries for bench/webhook.lua: "Stripe-Signature<TAB>body" lines,
each with its own event id, signed now with the given secret (Stripe's scheme: HMAC-SHA256 over "t.body")."""

import hashlib
import hmac
import json
import sys
import time

secret, count = sys.argv[1], int(sys.argv[2])
now = int(time.time())
out = sys.stdout
for index in range(count):
    event = {
        "id": f"evt_bench_{now}_{index}", "object": "event", "api_version": "2026-10-28.endive", "created": now,
        "type": "payment_intent.created", "livemode": False, "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "data": {"object": {"id": f"pi_bench_{index}", "object": "payment_intent", "amount": 832, "currency": "eur",
                            "status": "requires_payment_method", "metadata": {}}},
    }
    body = json.dumps(event, separators=(",", ":"))
    signature = hmac.new(secret.encode(), f"{now}.{body}".encode(), hashlib.sha256).hexdigest()
    out.write(f"t={now},v1={signature}\t{body}\n")
