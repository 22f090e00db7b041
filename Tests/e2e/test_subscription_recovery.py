"""A payment that arrives later → ACTIVE, through nginx, the pool, the jobs process and a real SMTP server (mock mode,
issue #11): a SEPA subscription whose first debit and every retry fail (the clock moved by the collection run's
`as_of`) is SUSPENDED; the portal shows what is owed with a button to pay now; a new payment method that is declined
leaves it SUSPENDED (a mail says so), one that works charges everything owed at once → PAID, ACTIVE (a mail says
so). A repeated setup completion charges nothing twice."""

from __future__ import annotations

from money_support import company, form_token, psql, quoted
from test_mail import mail_stack  # noqa: F401 — the stack with the SMTP server
from test_subscriptions import DAY, attempts, collect, complete, history, invoices, settle, start


def status(client, subscription: str) -> dict:
    response = client.api("GET", f"/api/v1/subscriptions/{subscription}")
    assert response.status_code == 200, response.text
    return response.json()


def new_method(client, subscription: str) -> str:
    response = client.api("POST", f"/api/v1/subscriptions/{subscription}/payment-method", {})
    assert response.status_code == 201, response.text
    return response.json()["session_id"]


def suspended_subscription(stack, client) -> tuple[str, str, int]:
    started = start(client)
    subscription = started["subscription_id"]
    assert complete(client, started["session_id"], "pm_sepa_debit").json()["status"] == "ACTIVE"
    [(invoice, _, _, intent)] = attempts(stack, subscription)
    amount = invoices(stack, subscription)[0][1]
    settle(stack, subscription, invoice, 1, intent, succeeded=False, amount=amount)
    first = int(psql(stack, "SELECT extract(epoch FROM dunning_first_failure_at)::bigint FROM subscriptions "
                            f"WHERE id = {quoted(subscription)}::uuid"))
    for attempt, due in ((2, 3), (3, 7), (4, 14)):
        collect(stack, first + due * DAY + 60)
        _, number, _, intent = attempts(stack, subscription)[-1]
        assert number == attempt
        settle(stack, subscription, invoice, attempt, intent, succeeded=False, amount=amount)
    assert status(client, subscription)["status"] == "SUSPENDED"
    return subscription, invoice, amount


def test_a_suspended_subscription_pays_with_a_new_method_and_is_active_again(mail_stack):  # noqa: F811
    stack = mail_stack
    client = company(stack)
    subscription, invoice, amount = suspended_subscription(stack, client)
    assert history(stack, subscription) == ["mail.payment_failed"] * 3 + ["mail.suspended"]

    # The portal tells what is owed and offers to pay now (de and en); the button starts a setup Checkout.
    for path, words in (("/de/konto/abonnements", ["Zahlung ist fehlgeschlagen", "jetzt bezahlen"]),
                        ("/en/account/subscriptions", ["The payment failed", "pay now"])):
        page = client.get(client.url(path), timeout=30)
        assert page.status_code == 200
        for word in words:
            assert word in page.text, word
        separator = "," if path.startswith("/de") else "."
        assert f"{amount // 100}{separator}{amount % 100:02d}" in page.text  # below 1,000 €: no grouping
    token = form_token(client.get(client.url("/de/konto/abonnements"), timeout=30).text)
    pressed = client.post(client.url("/de/konto/abonnements"), timeout=30, allow_redirects=False,
                          data={"csrf_token": token, "subscription_id": subscription})
    assert pressed.status_code == 303, pressed.text
    assert pressed.headers["Location"].startswith("https://")
    forged = client.post(client.url("/de/konto/abonnements"), timeout=30, allow_redirects=False,
                         data={"csrf_token": "x" * 32, "subscription_id": subscription})
    assert forged.status_code == 403

    # A declined card: charged at once, still SUSPENDED, told so.
    declined = new_method(client, subscription)
    assert complete(client, declined, "pm_card_chargeDeclined").status_code == 200
    assert [(a, s) for _, a, s, _ in attempts(stack, subscription)][-1] == (5, "FAILED")
    body = status(client, subscription)
    assert body["status"] == "SUSPENDED" and body["dunning"]["failed_attempts"] == 4
    assert history(stack, subscription)[-1] == "mail.recovery_failed"

    # A working card: charged at once → PAID, ACTIVE. Completing it again charges nothing twice.
    working = new_method(client, subscription)
    assert complete(client, working, "pm_card_visa").status_code == 200
    complete(client, working, "pm_card_visa")
    assert [(a, s) for _, a, s, _ in attempts(stack, subscription)][-2:] == [(5, "FAILED"), (6, "SUCCEEDED")]
    body = status(client, subscription)
    assert body["status"] == "ACTIVE" and body["dunning"] is None
    assert invoices(stack, subscription)[0][0] == "PAID"
    assert history(stack, subscription)[-2:] == ["mail.recovery_failed", "mail.reactivated"]

    # The mails reach the SMTP server, in German, saying what happened.
    _, _, failed = stack.smtp.wait_for_mail(client.email, "neuer Zahlungsart fehlgeschlagen")
    text = failed.get_body(("plain",)).get_content()
    assert "bleibt ausgesetzt" in text and "neu hinterlegten Zahlungsart" in text
    _, _, active = stack.smtp.wait_for_mail(client.email, "wieder aktiv")
    assert "ist wieder aktiv" in active.get_body(("plain",)).get_content()
    # The page no longer asks for money.
    page = client.get(client.url("/de/konto/abonnements"), timeout=30)
    assert "Zahlung ist fehlgeschlagen" not in page.text


def test_a_past_due_subscription_keeps_its_schedule_when_the_new_method_fails(mail_stack):  # noqa: F811
    stack = mail_stack
    client = company(stack)
    started = start(client)
    subscription = started["subscription_id"]
    complete(client, started["session_id"], "pm_sepa_debit")
    [(invoice, _, _, intent)] = attempts(stack, subscription)
    amount = invoices(stack, subscription)[0][1]
    settle(stack, subscription, invoice, 1, intent, succeeded=False, amount=amount)
    retry = status(client, subscription)["dunning"]["next_retry_at"]
    assert retry

    complete(client, new_method(client, subscription), "pm_card_chargeDeclined")
    body = status(client, subscription)
    assert body["status"] == "PAST_DUE" and body["dunning"]["failed_attempts"] == 1
    assert body["dunning"]["next_retry_at"] == retry and body["dunning"]["recovering"] is False
    assert history(stack, subscription) == ["mail.payment_failed", "mail.recovery_failed"]
    _, _, mail = stack.smtp.wait_for_mail(client.email, "neuer Zahlungsart fehlgeschlagen")
    assert "erneut" in mail.get_body(("plain",)).get_content()

    # An unknown or another company's subscription is 404 on the page as on the API; nothing is started.
    stranger = company(stack)
    before = psql(stack, "SELECT count(*) FROM subscription_setups")
    token = form_token(stranger.get(stranger.url("/de/konto/abonnements"), timeout=30).text)
    for target in (subscription, "5b0f2c1e-0000-4000-8000-00000000dead", "not-a-uuid"):
        response = stranger.post(stranger.url("/de/konto/abonnements"), timeout=30, allow_redirects=False,
                                 data={"csrf_token": token, "subscription_id": target})
        assert response.status_code == 404, target
    assert psql(stack, "SELECT count(*) FROM subscription_setups") == before
