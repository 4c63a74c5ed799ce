"""Personal API tokens: stored hashed, shown once, scoped, revocable with immediate effect."""

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.api import services
from drakentemmers.api.models import ApiToken, TokenScope
from drakentemmers.core.models import AccessLogEntry

from .factories import TokenClient, bearer, staff_of, token_for

pytestmark = pytest.mark.django_db
TOKENS_URL = "/mijn-account/api-tokens/"
PROBE = "/api/v1/me/care-requests"


def test_only_the_hash_is_stored():
    made = token_for(make_user())
    row = ApiToken.objects.get(pk=made.token.pk)
    assert row.token_hash == hashlib.sha256(made.secret.encode()).hexdigest()
    assert made.secret not in {row.token_hash, row.prefix, row.name}
    assert made.secret.startswith(row.prefix) and row.prefix.startswith("dt_") and len(row.prefix) == 11


def test_revocation_takes_effect_on_the_very_next_request():
    staff = staff_of()
    made = token_for(staff)
    api = TokenClient(made.secret)
    assert api.get(PROBE).status_code == 200
    services.api_token_revoke(token=made.token)
    assert api.get(PROBE).status_code == 401


def test_revoking_on_the_page_takes_effect_at_once(client_for):
    staff = staff_of()
    made = token_for(staff)
    api = TokenClient(made.secret)
    assert api.get(PROBE).status_code == 200
    response = client_for(staff).post(reverse("api:token_revoke", args=[made.token.pk]))
    assert response.status_code == 302
    assert api.get(PROBE).status_code == 401


def test_expired_token_is_refused():
    made = token_for(staff_of(), expires_at=timezone.now() + timedelta(days=1))
    api = TokenClient(made.secret)
    assert api.get(PROBE).status_code == 200
    ApiToken.objects.filter(pk=made.token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api.get(PROBE).status_code == 401


def test_deactivated_user_is_refused():
    staff = staff_of()
    api = TokenClient(token_for(staff).secret)
    staff.is_active = False
    staff.save()
    assert api.get(PROBE).status_code == 401


@pytest.mark.parametrize("header", ["Bearer dt_unknown", "Bearer nonsense", "Token abc", "Bearer "])
def test_unknown_or_malformed_token_is_401(client, header):
    response = client.get(PROBE, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_guessing_tokens_is_limited_per_address_and_then_blocks_every_token(client, settings, caplog):
    settings.PLATFORM_RATE_LIMITS = {**settings.PLATFORM_RATE_LIMITS, "api_bad_token": "3/m"}
    good = TokenClient(token_for(staff_of()).secret)
    assert good.get(PROBE).status_code == 200  # right tokens do not count
    with caplog.at_level("WARNING", logger="drakentemmers.security"):
        statuses = [client.get(PROBE, HTTP_AUTHORIZATION=f"Bearer dt_guess{n}").status_code for n in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert sum("api_token_refused" in r.getMessage() for r in caplog.records) == 3
    assert AccessLogEntry.objects.filter(action="api_token_refused", user=None).count() == 3  # for the team
    blocked = good.get(PROBE)  # same address (the test client's): the right token waits too
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    other = TokenClient(token_for(staff_of()).secret, REMOTE_ADDR="192.0.2.7")
    assert other.get(PROBE).status_code == 200  # another address is not affected


def test_the_session_is_no_credential_for_the_api(client_for):
    assert client_for(staff_of()).get(PROBE).status_code == 401


def test_last_used_is_recorded():
    made = token_for(staff_of())
    TokenClient(made.secret).get(PROBE)
    made.token.refresh_from_db()
    assert made.token.last_used_at is not None


def test_token_made_without_mfa_opens_no_confidential_data():
    """Staff need a second factor: a token made in a session without one sees no care requests."""
    staff = staff_of()
    made = token_for(staff, with_mfa=False)
    assert TokenClient(made.secret).get(PROBE).status_code == 404


def test_page_makes_a_token_and_shows_the_secret_once(client_for):
    staff = staff_of()
    client = client_for(staff)
    response = client.post(TOKENS_URL, {"name": "Zorgsysteem", "scope": TokenScope.READ_WRITE, "expires_in": "90"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=staff)
    secret = response.context["new_token"].secret
    assert secret.encode() in response.content
    assert token.token_hash == services.token_hash(secret)
    assert token.scope == TokenScope.READ_WRITE and token.created_with_mfa
    assert token.expires_at > timezone.now() + timedelta(days=89)
    assert "no-store" in response["Cache-Control"]
    again = client.get(TOKENS_URL)
    assert secret.encode() not in again.content and token.prefix.encode() in again.content
    assert TokenClient(secret).get(PROBE).status_code == 200


def test_page_keeps_what_was_typed_on_error(client_for):
    response = client_for(make_user(Role.THERAPIST)).post(TOKENS_URL, {"name": "Mijn systeem", "scope": "admin"})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert b"Mijn systeem" in response.content


def test_empty_post_is_a_form_error_not_a_500(client_for):
    response = client_for(make_user()).post(TOKENS_URL, {})
    assert response.status_code == 200 and response.context["form"].errors


def test_staff_without_mfa_are_sent_to_set_it_up(client_for):
    response = client_for(staff_of(mfa=False)).get(TOKENS_URL)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_nobody_revokes_another_persons_token(client_for):
    made = token_for(staff_of())
    response = client_for(staff_of()).post(reverse("api:token_revoke", args=[made.token.pk]))
    assert response.status_code == 404
    made.token.refresh_from_db()
    assert made.token.revoked_at is None


def test_revoke_is_post_only(client_for):
    staff = staff_of()
    made = token_for(staff)
    assert client_for(staff).get(reverse("api:token_revoke", args=[made.token.pk])).status_code == 405


def test_token_list_query_count_does_not_grow(client_for, django_assert_max_num_queries):
    staff = staff_of()
    for _ in range(5):
        token_for(staff)
    client = client_for(staff)
    client.get(TOKENS_URL)
    with django_assert_max_num_queries(14):
        response = client.get(TOKENS_URL)
    assert len(response.context["tokens"]) == 5


def test_bearer_helper_matches_header_format():
    assert bearer("dt_x") == {"HTTP_AUTHORIZATION": "Bearer dt_x"}


def test_erasure_removes_the_tokens_and_export_lists_them():
    from drakentemmers.accounts import services as account_services

    staff = staff_of()
    made = token_for(staff)
    exported = account_services.user_export(user=staff)["api"]["api_tokens"]
    assert [t["prefix"] for t in exported] == [made.token.prefix]
    assert "token_hash" not in exported[0]
    account_services.user_erase(user=staff)
    assert not ApiToken.objects.filter(pk=made.token.pk).exists()
    assert TokenClient(made.secret).get(PROBE).status_code == 401


def test_a_session_without_mfa_makes_a_token_without_it():
    """A therapist needs no MFA: their token carries none, so a later staff role opens nothing with it."""
    from drakentemmers.accounts.tests.factories import logged_in_client

    therapist = make_user(Role.THERAPIST, mfa=True)  # set up, but this session logged in without it
    logged_in_client(therapist, mfa_passed=False).post(TOKENS_URL, {"name": "Praktijk", "scope": TokenScope.READ})
    assert ApiToken.objects.get(user=therapist).created_with_mfa is False


def test_a_session_that_passed_mfa_hands_it_on(client_for):
    staff = staff_of()
    client_for(staff).post(TOKENS_URL, {"name": "Zorgsysteem", "scope": TokenScope.READ})
    assert ApiToken.objects.get(user=staff).created_with_mfa is True


def test_a_change_made_with_an_api_token_names_its_owner_in_the_audit_trail():
    from auditlog.models import LogEntry
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse
    from django.test import RequestFactory

    from drakentemmers.api.auth import token_authenticate
    from drakentemmers.core.middleware import AuditContextMiddleware
    from drakentemmers.regions.models import RegionKind, RegionSettings

    owner = staff_of()
    made = token_for(owner)
    request = RequestFactory().get(PROBE, REMOTE_ADDR="198.51.100.9")
    request.user = AnonymousUser()  # no session: the audit middleware found nobody

    def view(request):
        assert token_authenticate(request, made.secret) is not None
        RegionSettings.objects.update_or_create(
            pk=RegionSettings.SINGLETON_PK, defaults={"reporting_kind": RegionKind.GGD}
        )
        return HttpResponse("ok")

    AuditContextMiddleware(view)(request)
    assert LogEntry.objects.get_for_model(RegionSettings).latest("timestamp").actor == owner


def test_the_account_page_links_to_the_tokens_page(client_for):
    response = client_for(make_user(Role.THERAPIST)).get(reverse("accounts:overview"))
    html = response.content.decode()
    assert f'href="{TOKENS_URL}"' in html
    assert "API-sleutels" in html  # Dutch, from the api app's catalogue


def test_the_tokens_page_title_is_clean(client_for):
    html = client_for(make_user(Role.THERAPIST)).get(TOKENS_URL).content.decode()
    title = html[html.index("<title>") + len("<title>") : html.index("</title>")]
    assert title.split()[0] == "API-sleutels" and "<" not in title
