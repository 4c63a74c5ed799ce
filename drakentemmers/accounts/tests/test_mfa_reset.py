"""`manage.py mfa_reset`: a staff member lost their phone. Every second factor goes, every session ends, the
audit log says who and why, the person is told by e-mail; without a reason or a second administrator, nothing."""

import pytest
from allauth.mfa.models import Authenticator
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import AccessLogEntry, OutgoingEmail

pytestmark = pytest.mark.django_db
REASON = "Telefoon kwijt; identiteit telefonisch gecontroleerd via het bekende nummer (ticket 812)"


@pytest.fixture
def staff():
    return make_user(Role.ORG_STAFF, mfa=True)


@pytest.fixture
def admin():
    return make_user(Role.ADMINISTRATOR, mfa=True)


def test_the_reset_removes_the_factors_ends_the_sessions_logs_and_tells_the_person(client_for, staff, admin):
    Authenticator.objects.create(user=staff, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"})
    laptop = client_for(staff)
    assert laptop.get(reverse("core:my_home")).status_code == 200
    OutgoingEmail.objects.all().delete()

    call_command("mfa_reset", staff.email, "--reason", REASON, "--by", admin.email)

    assert not Authenticator.objects.filter(user=staff).exists()
    # The session that was logged in is gone: the next request is sent to the login page.
    response = laptop.get(reverse("core:my_home"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    entry = LogEntry.objects.get(object_pk=str(staff.pk), additional_data__event="mfa_reset")
    assert entry.actor == admin and entry.additional_data["reason"] == REASON
    assert AccessLogEntry.objects.filter(action="mfa_reset", user=staff, object_type="security.event").exists()
    [mail] = OutgoingEmail.objects.all()
    assert mail.to == [staff.email]
    assert "tweestaps" in mail.subject.lower() or "tweede stap" in mail.body_text.lower()
    assert REASON not in mail.body_text  # the internal note stays in the audit log


def test_a_session_allauth_does_not_track_ends_too_cached_copy_included(staff, admin, settings):
    from allauth.usersessions.models import UserSession
    from django.test import Client

    assert settings.SESSION_ENGINE.endswith("cached_db")  # the copy in the cache must go, not only the row
    laptop = Client()
    laptop.force_login(staff)
    UserSession.objects.filter(user=staff).delete()  # e.g. a session from before tracking was switched on
    assert laptop.get(reverse("core:my_home")).status_code == 200

    call_command("mfa_reset", staff.email, "--reason", REASON, "--by", admin.email)

    response = laptop.get(reverse("core:my_home"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_no_reset_without_a_reason(staff, admin):
    for reason in ("", "   ", "kwijt"):
        with pytest.raises(CommandError):
            call_command("mfa_reset", staff.email, "--reason", reason, "--by", admin.email)
    assert Authenticator.objects.filter(user=staff).exists()
    assert not LogEntry.objects.filter(additional_data__event="mfa_reset").exists()
    assert not OutgoingEmail.objects.filter(to=[staff.email]).exists()


def test_nobody_resets_their_own_factor_and_only_an_administrator_resets(staff, admin):
    with pytest.raises(CommandError):
        call_command("mfa_reset", admin.email, "--reason", REASON, "--by", admin.email)
    coordinator = make_user(Role.ORG_STAFF, mfa=True)
    with pytest.raises(CommandError):
        call_command("mfa_reset", staff.email, "--reason", REASON, "--by", coordinator.email)
    assert Authenticator.objects.filter(user=staff).exists()
    assert Authenticator.objects.filter(user=admin).exists()


def test_an_account_without_a_second_factor_or_an_unknown_one_is_refused(admin):
    plain = make_user(Role.THERAPIST)
    with pytest.raises(CommandError):
        call_command("mfa_reset", plain.email, "--reason", REASON, "--by", admin.email)
    with pytest.raises(CommandError):
        call_command("mfa_reset", "niemand@example.org", "--reason", REASON, "--by", admin.email)


def test_after_the_reset_the_next_login_asks_for_a_new_second_factor(client, staff, admin):
    from django.contrib.auth import get_user_model

    from drakentemmers.accounts.tests.factories import PASSWORD
    from drakentemmers.accounts.tests.test_mfa_required import _call

    call_command("mfa_reset", staff.email, "--reason", REASON, "--by", admin.email)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] != reverse("mfa_authenticate")
    _request, page = _call(get_user_model().objects.get(pk=staff.pk))
    assert page.status_code == 302 and page["Location"] == reverse("mfa_activate_totp")
