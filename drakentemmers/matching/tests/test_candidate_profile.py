"""A candidate's profile in the context of the request: back to the candidates, invite from there."""

import pytest
from django.db import connection
from django.urls import reverse

from drakentemmers.matching.models import CandidacyStatus, RequestStatus

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    staff = org_staff()
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    return {"staff": staff, "cr": cr, "candidate": therapist()}


def _url(world, therapist_id=None):
    return reverse("matching:candidate_profile", args=[world["cr"].pk, therapist_id or world["candidate"].pk])


def test_the_candidates_list_links_each_name_to_the_profile_in_context(world, client_for):
    html = client_for(world["staff"]).get(reverse("matching:candidates", args=[world["cr"].pk])).content.decode()
    assert _url(world) in html


def test_the_profile_leads_back_and_invites(world, client_for, django_assert_max_num_queries):
    client = client_for(world["staff"])
    # PostgreSQL adds a savepoint, SET LOCAL jit = off and a release around the ranking query
    # + the method pages its methods link to, + its quality mark
    with django_assert_max_num_queries(38 if connection.vendor == "postgresql" else 35):
        response = client.get(_url(world))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("matching:candidates", args=[world["cr"].pk]) in html
    assert f'name="therapists" value="{world["candidate"].pk}"' in html
    response = client.post(
        reverse("matching:candidates", args=[world["cr"].pk]), {"therapists": [world["candidate"].pk]}
    )
    assert response.status_code == 302
    candidacy = world["cr"].candidacies.get(therapist=world["candidate"])
    assert candidacy.status == CandidacyStatus.INVITED
    # once invited, the profile shows the invitation instead of a second invite button
    html = client.get(_url(world)).content.decode()
    assert 'name="therapists"' not in html


def test_other_organisations_and_therapists_get_404(world, client_for):
    assert client_for(org_staff()).get(_url(world)).status_code == 404
    assert client_for(world["candidate"].user).get(_url(world)).status_code == 404


def test_a_therapist_who_does_not_fit_is_not_a_candidate(world, client_for):
    not_outpatient = therapist(offers_outpatient=False)
    assert client_for(world["staff"]).get(_url(world, not_outpatient.pk)).status_code == 404
