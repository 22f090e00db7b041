"""The Python Stripe stand-in speaks the wire format the Swift client and stand-in use (no stack needed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from stripe_standin import API_VERSION, FIXTURES, StandIn, sign_header

HERE = Path(__file__).resolve().parent


@pytest.fixture
def standin():
    instance = StandIn().start()
    yield instance
    instance.stop()


def headers(standin, key="order_0001-checkout-v1", version=API_VERSION):
    return {
        "Authorization": f"Bearer {standin.secret_key}",
        "Stripe-Version": version,
        "Idempotency-Key": key,
        "Content-Type": "application/x-www-form-urlencoded",
    }


def golden_body() -> str:
    text = (FIXTURES / "golden" / "checkout_session_create.payment.request.txt").read_text()
    return text.split("# raw body (application/x-www-form-urlencoded):\n", 1)[1].split("\n", 1)[0]


def test_signatures_match_every_known_answer_vector():
    vectors = json.loads((FIXTURES / "test_vectors.json").read_text())["vectors"]
    assert len(vectors) == 4
    for vector in vectors:
        if "body_file" in vector:
            body = (FIXTURES / vector["body_file"].removeprefix("fixtures/")).read_bytes()
        else:
            body = vector["body_utf8"].encode()
        assert sign_header(body, vector["secrets"], vector["timestamp"]) == vector["header"], vector["name"]


def test_the_golden_request_creates_a_session(standin):
    response = requests.post(f"{standin.base_url}/v1/checkout/sessions", data=golden_body(), headers=headers(standin))
    assert response.status_code == 200, response.text
    session = response.json()
    assert session["object"] == "checkout.session" and session["id"].startswith("cs_test_")
    assert (session["status"], session["payment_status"]) == ("open", "unpaid")
    assert (session["amount_total"], session["currency"]) == (4900, "eur")
    assert session["metadata"] == {"order_id": "order_0001", "tenant": "acme"}
    assert response.headers["Request-Id"].startswith("req_")

    replay = requests.post(f"{standin.base_url}/v1/checkout/sessions", data=golden_body(), headers=headers(standin))
    assert replay.json()["id"] == session["id"] and replay.headers["Idempotent-Replayed"] == "true"
    conflict = requests.post(f"{standin.base_url}/v1/checkout/sessions", data="mode=setup", headers=headers(standin))
    assert conflict.status_code == 400 and conflict.json()["error"]["type"] == "idempotency_error"

    assert requests.post(f"{standin.base_url}/_standin/sessions/{session['id']}/paid").status_code == 200
    paid = requests.get(f"{standin.base_url}/v1/checkout/sessions/{session['id']}", headers=headers(standin)).json()
    assert (paid["status"], paid["payment_status"]) == ("complete", "paid")


@pytest.mark.parametrize("body,param", [
    ("mode=payment&line_items[0][price_data][nme]=x", "line_items[0][price_data][nme]"),
    ("payment_method_types[0]=card", "payment_method_types[0]"),
    ("foo=1", "foo"),
])
def test_unknown_parameters_are_rejected_like_stripe(standin, body, param):
    response = requests.post(f"{standin.base_url}/v1/checkout/sessions", data=body, headers=headers(standin))
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["type"], error["code"], error["param"]) == ("invalid_request_error", "parameter_unknown", param)


def test_auth_version_and_faults(standin):
    url = f"{standin.base_url}/v1/checkout/sessions"
    wrong = dict(headers(standin), Authorization="Bearer sk_test_wrong")
    assert requests.post(url, data="mode=payment", headers=wrong).status_code == 401
    assert requests.post(url, data="mode=payment", headers=headers(standin, version="2026-08-26.dahlia")).status_code == 400
    requests.post(f"{standin.base_url}/_standin/faults", data={"kind": "status", "status": "503", "count": "1"})
    assert requests.post(url, data="mode=payment", headers=headers(standin, "k2")).status_code == 503
    assert requests.post(url, data="mode=payment", headers=headers(standin, "k2")).status_code == 200
    standin.fail_next(1, "close")
    with pytest.raises(requests.ConnectionError):
        requests.post(url, data="mode=payment", headers=headers(standin, "k3"))
    assert len(requests.get(f"{standin.base_url}/_standin/requests").json()) == 5


def test_it_runs_as_a_standalone_process():
    process = subprocess.Popen([sys.executable, str(HERE / "stripe_standin.py")], stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("STRIPE_API_BASE=http://127.0.0.1:")
        base = line.split("=", 1)[1]
        response = requests.get(f"{base}/v1/checkout/sessions/cs_test_nope",
                                headers={"Authorization": "Bearer sk_test_standin_0123456789",
                                         "Stripe-Version": API_VERSION})
        assert response.status_code == 404 and response.json()["error"]["code"] == "resource_missing"
    finally:
        process.terminate()
        assert process.wait(timeout=5) == 0
