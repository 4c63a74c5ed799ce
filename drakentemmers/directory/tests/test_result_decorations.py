"""The result-decoration registry: other apps decorate the search cards and profiles, once per page."""

import pytest
from django.urls import reverse
from django.utils.html import format_html

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import result_decorations
from drakentemmers.directory.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(monkeypatch):
    calls = []

    def decorate(viewer, profiles, purpose):
        calls.append((viewer, sorted(p.pk for p in profiles), purpose))
        emdr = f.method("emdr")
        return {
            p.pk: result_decorations.Decoration(
                badges=[format_html('<span class="test-badge">{}</span>', p.pk)], method_urls={emdr.pk: "/emdr/"}
            )
            for p in profiles
        }

    monkeypatch.setattr(result_decorations, "_PROVIDERS", {"test": decorate})
    return calls


def _staff():
    user = make_user(Role.ORG_STAFF, mfa=True)
    f.OrganisationMembershipFactory(user=user)
    return user


def test_a_provider_decorates_every_card_of_a_search_page_in_one_call(client_for, provider):
    profiles = [f.TherapistProfileFactory(locations=["1011"]) for _ in range(3)]
    staff = _staff()

    html = client_for(staff).get(reverse("directory:search"), {"place": "1011"}).content.decode()

    assert provider == [(staff, sorted(p.pk for p in profiles), result_decorations.CARD)]
    for profile in profiles:
        assert f'<p><span class="test-badge">{profile.pk}</span></p>' in html


def test_a_profile_page_shows_the_badges_and_links_the_methods(client_for, provider):
    profile = f.TherapistProfileFactory(locations=["1011"], methods=["emdr"])

    html = client_for(_staff()).get(reverse("directory:therapist_detail", args=[profile.pk])).content.decode()

    assert f'<span class="test-badge">{profile.pk}</span>' in html
    assert f'<a href="/emdr/">{f.method("emdr")}</a>' in html
    assert len(provider) == 1  # the badge and the facts share one decoration of the profile
