"""Supervision: supervisors say so, trainees find them by method and region, a request opens a
conversation between the two, and only the supervisor answers it."""

from django.urls import reverse

from drakentemmers.accounts.tests.factories import logged_in_client
from drakentemmers.conversations.permissions import can_post, can_view_thread
from drakentemmers.directory.tests.factories import TherapistProfileFactory, method

from .. import selectors, services
from ..models import SupervisionRequest, SupervisionStatus


def test_a_trainee_finds_a_supervisor_and_the_request_opens_a_conversation(facilitator, outsider):
    trainee = TherapistProfileFactory(registration_kind="trainee", big_number="").user
    client = logged_in_client(facilitator)
    response = client.post(
        reverse("colleagues:supervision_offer"), {"is_active": "on", "description": "Supervisor VGCt, EMDR."}
    )
    assert response.status_code == 302
    listing = logged_in_client(trainee).get(reverse("colleagues:supervisor_list"), {"method": method("emdr").pk})
    assert "Supervisor VGCt, EMDR." in listing.content.decode()
    other_method = logged_in_client(trainee).get(reverse("colleagues:supervisor_list"), {"method": method("ifs").pk})
    assert "Supervisor VGCt, EMDR." not in other_method.content.decode()

    ask = reverse("colleagues:supervision_ask", args=[facilitator.pk])
    assert logged_in_client(trainee).post(ask, {"body": "Ik ben in opleiding tot GZ-psycholoog."}).status_code == 302
    supervision = SupervisionRequest.objects.get(trainee=trainee)
    assert supervision.thread.messages.get().body == "Ik ben in opleiding tot GZ-psycholoog."
    assert can_view_thread(trainee, supervision.thread) and can_view_thread(facilitator, supervision.thread)
    assert not can_view_thread(outsider, supervision.thread)

    decide = reverse("colleagues:supervision_decide", args=[supervision.pk])
    assert logged_in_client(trainee).post(decide, {"action": "accept"}).status_code == 404
    assert client.post(decide, {"action": "accept"}).status_code == 302
    supervision.refresh_from_db()
    assert supervision.status == SupervisionStatus.ACCEPTED
    assert "aankomend behandelaar" in client.get(reverse("colleagues:supervision_requests")).content.decode()


def test_a_declined_request_closes_its_conversation(facilitator, outsider):
    services.supervision_offer_save(user=facilitator, is_active=True, description="Supervisor.")
    supervision = services.supervision_request_create(trainee=outsider, supervisor=facilitator, body="Graag.")
    assert can_post(outsider, supervision.thread)
    services.supervision_request_decide(supervision=supervision, by=facilitator, accept=False)
    assert can_view_thread(outsider, supervision.thread) and not can_post(outsider, supervision.thread)


def test_a_switched_off_offer_is_not_listed_nor_askable(facilitator, outsider):
    services.supervision_offer_save(user=facilitator, is_active=False, description="Even niet.")
    assert selectors.supervisor_list(viewer=outsider) == []
    assert (
        logged_in_client(outsider).get(reverse("colleagues:supervision_ask", args=[facilitator.pk])).status_code == 404
    )


def test_the_region_filter_uses_work_locations(facilitator, outsider, region_vt):
    services.supervision_offer_save(user=facilitator, is_active=True, description="Supervisor.")
    assert len(selectors.supervisor_list(viewer=outsider, region=region_vt)) == 1  # PC4 1011 lies in Amsterdam
    from drakentemmers.regions.models import Region

    utrecht = Region.objects.get(kind="vt", code="VT20")
    assert selectors.supervisor_list(viewer=outsider, region=utrecht) == []


def test_a_supervisor_says_so_on_the_profile_other_members_see(facilitator, outsider):
    """The offer shows as a badge with an ask link on the profile page; not to non-members, not when switched off."""
    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import make_user

    profile_url = reverse("directory:therapist_detail", args=[facilitator.therapist_profile.pk])
    ask = reverse("colleagues:supervision_ask", args=[facilitator.pk])
    assert "Biedt supervisie aan" not in logged_in_client(outsider).get(profile_url).content.decode()
    services.supervision_offer_save(user=facilitator, is_active=True, description="Supervisor VGCt.")
    page = logged_in_client(outsider).get(profile_url).content.decode()
    assert "Biedt supervisie aan" in page and ask in page
    staff = logged_in_client(make_user(Role.EDITOR, mfa=True)).get(profile_url)
    assert staff.status_code == 200 and "Biedt supervisie aan" not in staff.content.decode()
    services.supervision_offer_save(user=facilitator, is_active=False, description="Even niet.")
    assert "Biedt supervisie aan" not in logged_in_client(outsider).get(profile_url).content.decode()


def test_the_supervision_badge_on_shared_search_cards_is_for_members_only(facilitator, outsider):
    """Search cards are shared per audience (directory.search_cards): members see the badge, organisation staff
    searching the same place never do, and a switched-off offer leaves the cards at once."""
    from drakentemmers.accounts.models import Role
    from drakentemmers.accounts.tests.factories import make_user
    from drakentemmers.directory.tests.factories import OrganisationMembershipFactory

    staff = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembershipFactory(user=staff)
    services.supervision_offer_save(user=facilitator, is_active=True, description="Supervisor VGCt.")
    search = reverse("directory:search")

    def badge_for(user) -> bool:
        return "Biedt supervisie aan" in logged_in_client(user).get(search, {"place": "1011"}).content.decode()

    assert not badge_for(staff)
    assert badge_for(outsider)
    assert not badge_for(staff)
    services.supervision_offer_save(user=facilitator, is_active=False, description="Even niet.")
    assert not badge_for(outsider)
