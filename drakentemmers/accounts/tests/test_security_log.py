"""The security log (ASVS 7.1/7.2): failed logins, logins, lock-outs, MFA failures and password changes are
written to the access log and the "drakentemmers.security" logger, with the client's address and never the
password; an administrator sees accounts that failed repeatedly on the access-log page."""

import json
import logging

import pytest
from django.core.cache import cache
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import PASSWORD, enable_totp, make_user
from drakentemmers.core.models import AccessLogEntry, OutgoingEmail
from drakentemmers.core.services import SECURITY_EVENT_TYPE, security_pseudonym

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")
WRONG = "fout-wachtwoord-9876"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _events(action: str | None = None):
    rows = AccessLogEntry.objects.filter(object_type=SECURITY_EVENT_TYPE).order_by("pk")
    return rows.filter(action=action) if action else rows


def _security_lines(caplog) -> list[dict]:
    return [
        json.loads(r.getMessage().removeprefix("security_event "))
        for r in caplog.records
        if r.name == "drakentemmers.security"
    ]


def test_a_failed_login_is_logged_with_account_and_address_but_never_the_password(client, therapist_user, caplog):
    caplog.set_level(logging.INFO, logger="drakentemmers.security")
    response = client.post(LOGIN, {"login": therapist_user.email, "password": WRONG}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    [entry] = _events()
    assert (entry.action, entry.user_id, entry.user_label) == ("login_failed", therapist_user.pk, therapist_user.email)
    assert entry.ip_address == "203.0.113.7"
    [line] = _security_lines(caplog)
    assert line["event"] == "login_failed" and line["user_id"] == therapist_user.pk and line["ip"] == "203.0.113.7"
    assert [r.levelno for r in caplog.records if r.name == "drakentemmers.security"] == [logging.WARNING]
    everything = caplog.text + " ".join(str(v) for v in AccessLogEntry.objects.values_list())
    assert WRONG not in everything


def test_behind_a_proxy_the_visitor_address_is_logged(client, therapist_user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.post(
        LOGIN,
        {"login": therapist_user.email, "password": WRONG},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert _events("login_failed").get().ip_address == "198.51.100.4"


def test_an_unknown_login_name_is_stored_only_as_a_stable_pseudonym(client):
    typed = "iemand.anders@example.org"
    for _attempt in range(2):
        client.post(LOGIN, {"login": typed, "password": WRONG})
    rows = list(_events("login_failed"))
    assert len(rows) == 2
    assert {r.user_label for r in rows} == {security_pseudonym(typed)}
    assert rows[0].user_id is None and rows[0].user_label.startswith("unknown:")
    assert not AccessLogEntry.objects.filter(user_label__icontains="iemand").exists()
    assert security_pseudonym(typed) != security_pseudonym("nog.iemand@example.org")


def test_a_successful_login_is_logged(client, therapist_user):
    response = client.post(LOGIN, {"login": therapist_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert list(_events().values_list("action", "user_id")) == [("login", therapist_user.pk)]


def test_the_lock_out_after_five_failures_is_logged(client, therapist_user):
    for _attempt in range(6):
        response = client.post(LOGIN, {"login": therapist_user.email, "password": WRONG})
    assert response.status_code == 429
    assert _events("login_failed").count() == 5
    assert _events("login_locked").get().user_id == therapist_user.pk


def test_a_wrong_mfa_code_is_logged(client):
    user = make_user(Role.ORG_STAFF)
    enable_totp(user)
    assert client.post(LOGIN, {"login": user.email, "password": PASSWORD}).status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    entry = _events("mfa_failed").get()
    assert entry.user_id == user.pk
    assert not _events("login").exists()  # the password alone is no login


def test_a_password_change_is_logged_and_the_owner_is_told(client_for, therapist_user, mailoutbox):
    client = client_for(therapist_user)
    new = "een-nieuw-lang-wachtwoord-42"
    response = client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new}
    )
    assert response.status_code == 302
    assert _events("password_changed").get().user_id == therapist_user.pk
    told = OutgoingEmail.objects.filter(to=[therapist_user.email])
    assert told.count() == 1 and "wachtwoord" in told.get().subject.lower()


def test_the_administrator_sees_accounts_that_failed_repeatedly(client, client_for, therapist_user, nobody):
    for _attempt in range(3):
        client.post(LOGIN, {"login": therapist_user.email, "password": WRONG}, REMOTE_ADDR="203.0.113.9")
    client.post(LOGIN, {"login": nobody.email, "password": WRONG})  # one slip is no pattern
    admin = make_user(Role.ADMINISTRATOR, mfa=True)
    html = client_for(admin).get(reverse("platform:access_log")).content.decode()
    section = html.split('id="failures-title"')[1].split("</section>")[0]
    assert therapist_user.email in section
    assert nobody.email not in section
    assert "<td>3</td>" in section
    filtered = client_for(admin).get(reverse("platform:access_log"), {"object_type": "security.event"})
    assert filtered.status_code == 200
    assert filtered.context["page_obj"].paginator.count == 4


def test_switching_off_a_second_factor_is_logged_and_the_owner_is_told(client_for):
    therapist = make_user(Role.THERAPIST)
    enable_totp(therapist)
    client = client_for(therapist)
    OutgoingEmail.objects.all().delete()
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert _events("mfa_removed").get().user_id == therapist.pk
    told = OutgoingEmail.objects.filter(to=[therapist.email])
    assert told.count() == 1
