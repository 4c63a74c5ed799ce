"""A therapist's own availability through the API: the web form's checks and the directory's service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from drakentemmers.api.models import TokenScope
from drakentemmers.directory.models import Accepting, TherapistProfile

from .factories import TokenClient, public_therapist, staff_of, token_for

pytestmark = pytest.mark.django_db
URL = "/api/v1/me/availability"


@pytest.fixture
def therapist():
    long_ago = timezone.now() - timedelta(days=60)
    return public_therapist(accepting=Accepting.NO, free_places_adults=0, availability_confirmed_at=long_ago)


def writer(therapist) -> TokenClient:
    return TokenClient(token_for(therapist.user, scope=TokenScope.READ_WRITE, with_mfa=False).secret)


def test_get_own_availability(therapist):
    body = TokenClient(token_for(therapist.user, with_mfa=False).secret).get(URL).json()
    assert body["accepting"] == "no" and body["is_stale"] is True


def test_put_saves_and_counts_as_confirmed(therapist):
    data = {"accepting": "yes", "free_places_adults": 3, "free_places_children": 1, "waiting_weeks": 4}
    response = writer(therapist).put(URL, {**data, "earliest_start": "2027-01-04"})
    assert response.status_code == 200, response.content
    therapist.refresh_from_db()
    assert (therapist.accepting, therapist.free_places_adults, therapist.waiting_weeks) == ("yes", 3, 4)
    assert str(therapist.earliest_start) == "2027-01-04"
    assert therapist.availability_confirmed_at > timezone.now() - timedelta(minutes=1)
    assert response.json()["is_stale"] is False


def test_patch_changes_only_what_is_sent(therapist):
    response = writer(therapist).patch(URL, {"free_places_children": 2})
    assert response.status_code == 200
    therapist.refresh_from_db()
    assert therapist.free_places_children == 2 and therapist.accepting == "no"
    assert not therapist.availability_is_stale


def test_waiting_time_of_more_than_104_weeks_is_refused(therapist):
    response = writer(therapist).patch(URL, {"waiting_weeks": 105})
    assert response.status_code == 422
    therapist.refresh_from_db()
    assert therapist.waiting_weeks != 105


def test_the_pages_form_rule_is_what_refuses(therapist):
    """Below the API schema's own bound, the page's form gives the error (its message, its limit)."""
    from drakentemmers.api.routers import availability

    with pytest.raises(Exception) as raised:
        availability._save(therapist, {"waiting_weeks": 200})
    assert "104" in str(raised.value.errors)


def test_saving_goes_through_the_directory_service(therapist, monkeypatch):
    """The same service as the page: confirmation date, full_clean and the audit trail stay identical."""
    from drakentemmers.directory import services as directory_services

    calls = []
    original = directory_services.availability_update
    monkeypatch.setattr(directory_services, "availability_update", lambda **kw: calls.append(kw) or original(**kw))
    writer(therapist).patch(URL, {"free_places_adults": 5})
    assert calls and calls[0]["fields"]["free_places_adults"] == 5


def test_confirm_renews_only_the_date(therapist):
    response = writer(therapist).post(f"{URL}/confirm")
    assert response.status_code == 200
    therapist.refresh_from_db()
    assert not therapist.availability_is_stale and therapist.accepting == "no"


def test_read_token_may_not_write(therapist):
    api = TokenClient(token_for(therapist.user, with_mfa=False).secret)
    assert api.patch(URL, {"free_places_adults": 9}).status_code == 403
    assert api.post(f"{URL}/confirm").status_code == 403
    therapist.refresh_from_db()
    assert therapist.free_places_adults == 0


def test_only_the_therapist_themself(therapist):
    api = TokenClient(token_for(staff_of(), scope=TokenScope.READ_WRITE).secret)
    assert api.get(URL).status_code == 404
    assert (
        api.put(
            URL, {"accepting": "yes", "free_places_adults": 1, "free_places_children": 0, "waiting_weeks": 1}
        ).status_code
        == 404
    )
    assert TherapistProfile.objects.get(pk=therapist.pk).accepting == "no"


def test_bad_body_is_422_not_500(therapist):
    api = writer(therapist)
    assert api.put(URL, {}).status_code == 422
    assert api.patch(URL, {"accepting": "maybe"}).status_code == 422
    assert api.client.patch(URL, "not json", content_type="application/json", **api.headers).status_code in (400, 422)


def test_without_token_401(client):
    assert client.get(URL).status_code == 401
