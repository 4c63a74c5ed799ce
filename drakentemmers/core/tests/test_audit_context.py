"""The audit trail's address is the visitor's real one (the API's token owner as actor: api/tests/test_tokens.py)."""

import pytest
from auditlog.models import LogEntry
from django.http import HttpResponse
from django.test import RequestFactory

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.middleware import AuditContextMiddleware
from drakentemmers.regions.models import RegionKind, RegionSettings

pytestmark = pytest.mark.django_db


def _save_audited_row(request) -> HttpResponse:
    settings_row, _ = RegionSettings.objects.get_or_create(pk=RegionSettings.SINGLETON_PK)
    settings_row.reporting_kind = (
        RegionKind.GGD if settings_row.reporting_kind != RegionKind.GGD else RegionKind.VEILIG_THUIS
    )
    settings_row.save()
    return HttpResponse("ok")


def _entry() -> LogEntry:
    return LogEntry.objects.get_for_model(RegionSettings).latest("timestamp")


def test_a_forged_forwarded_for_does_not_reach_the_audit_trail(settings):
    settings.TRUSTED_PROXY_COUNT = 0  # no proxy in front: the header is the visitor's own writing
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.66")
    request.user = make_user(Role.ADMINISTRATOR)
    AuditContextMiddleware(_save_audited_row)(request)
    assert _entry().remote_addr == "198.51.100.4"


def test_behind_the_proxy_the_address_the_proxy_saw_is_kept(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.4"
    )  # the visitor wrote the first entry; our proxy appended the real one
    request.user = make_user(Role.ADMINISTRATOR)
    AuditContextMiddleware(_save_audited_row)(request)
    assert _entry().remote_addr == "198.51.100.4"


def test_without_a_credential_no_actor_is_named():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.9")
    request.user = AnonymousUser()
    AuditContextMiddleware(_save_audited_row)(request)
    assert _entry().actor is None
