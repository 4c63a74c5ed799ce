"""Invite a therapist found in the search for one of the organisation's open requests."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.directory.models import Setting
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db
INVITE = reverse("matching:invite_from_search")


def test_a_result_offers_the_open_requests_and_leads_to_the_profile_in_context():
    staff = org_staff()
    open_request = care_request(staff=staff, status=RequestStatus.OPEN, title="Moeder, EMDR")
    care_request(staff=staff)  # a draft is not offered
    kim = therapist(user__first_name="Kim", user__last_name="Vos")
    client = logged_in_client(staff)
    html = client.get(reverse("directory:search"), {"place": "1012"}).content.decode()
    assert "Nodig Kim Vos uit voor “Moeder, EMDR”" in html
    response = client.get(INVITE, {"therapist": kim.pk, "care_request": open_request.pk, "zoekopdracht": "place=1012"})
    assert response["Location"] == reverse("matching:candidate_profile", args=[open_request.pk, kim.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Nodig Kim Vos uit" in page


def test_a_therapist_who_does_not_fit_the_request_is_explained_back_on_the_search():
    staff = org_staff()
    online_only = care_request(staff=staff, status=RequestStatus.OPEN, setting=Setting.IN_SHELTER, title="Opvang")
    outpatient_only = therapist()
    client = logged_in_client(staff)
    back = urlencode({"place": "1012"})
    response = client.get(
        INVITE, {"therapist": outpatient_only.pk, "care_request": online_only.pk, "zoekopdracht": back}
    )
    assert response["Location"] == reverse("directory:search") + "?place=1012"
    assert "voldoet niet aan wat hulpvraag “Opvang” vraagt" in client.get(response["Location"]).content.decode()


def test_another_organisations_request_cannot_be_chosen():
    mine, theirs = org_staff(), org_staff()
    their_request = care_request(staff=theirs, status=RequestStatus.OPEN)
    care_request(staff=mine, status=RequestStatus.OPEN)
    client = logged_in_client(mine)
    response = client.get(INVITE, {"therapist": therapist().pk, "care_request": their_request.pk})
    assert response["Location"] == reverse("directory:search")
    assert "Kies een van je open hulpvragen" in client.get(response["Location"]).content.decode()


def test_only_organisation_staff_have_it():
    assert logged_in_client(therapist().user).get(INVITE).status_code == 404
    html = logged_in_client(therapist().user).get(reverse("directory:search")).content.decode()
    assert "dt-therapist-card__invite" not in html


def test_with_several_open_requests_every_card_offers_each_of_them_escaped():
    """The options are rendered once per page (issue 17) and repeated on every card."""
    staff = org_staff()
    first = care_request(staff=staff, status=RequestStatus.OPEN, title="Moeder <EMDR>")
    second = care_request(staff=staff, status=RequestStatus.OPEN, title="Vader & kind")
    kim, lot = therapist(), therapist()
    html = logged_in_client(staff).get(reverse("directory:search"), {"place": "1012"}).content.decode()
    for found in (kim, lot):
        select = html[html.index(f'<select id="invite-{found.pk}"') :]
        select = select[: select.index("</select>")]
        assert f'<option value="{first.pk}">Moeder &lt;EMDR&gt;</option>' in select
        assert f'<option value="{second.pk}">Vader &amp; kind</option>' in select
    assert html.count(f'action="{INVITE}"') == 2


def test_shared_result_cards_offer_each_viewer_only_their_own_requests():
    """The cards are rendered once for everyone with the same query (directory.search_cards); the invite form
    with the viewer's open requests is put in per viewer."""
    first, second = org_staff(), org_staff()
    care_request(staff=first, status=RequestStatus.OPEN, title="Eerste organisatie")
    care_request(staff=second, status=RequestStatus.OPEN, title="Tweede organisatie")
    therapist(user__first_name="Kim", user__last_name="Vos")
    search = reverse("directory:search")
    html_first = logged_in_client(first).get(search, {"place": "1012"}).content.decode()
    html_second = logged_in_client(second).get(search, {"place": "1012"}).content.decode()
    assert "Nodig Kim Vos uit voor “Eerste organisatie”" in html_first and "Tweede organisatie" not in html_first
    assert "Nodig Kim Vos uit voor “Tweede organisatie”" in html_second and "Eerste organisatie" not in html_second
    assert html_first.count("dt-therapist-card__invite") == html_second.count("dt-therapist-card__invite") == 1
