"""The pages themselves: the privacy guard in forms, the organisation's and therapist's flows, query counts."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.conversations.models import Message
from drakentemmers.directory.tests.factories import method, target_group
from drakentemmers.matching import services
from drakentemmers.matching.models import CandidacyStatus, CareRequest, RequestStatus

from .factories import care_request, org_staff, therapist

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return org_staff()


def _form_data(**overrides) -> dict:
    data = {
        "title": "Volwassen vrouw, EMDR",
        "client_type": "adult",
        "age_band": "18+",
        "client_role": "victim",
        "target_groups": [target_group("slachtoffers").pk],
        "methods": [method("emdr").pk],
        "gender_preference": "none",
        "setting": "outpatient",
        "place_text": "1012",
        "urgency": "normal",
        "context": "Cliënte zoekt traumabehandeling na huiselijk geweld.",
        "privacy_confirm": "False",
    }
    data.update(overrides)
    return data


def test_create_request_happy_path(staff, client_for):
    response = client_for(staff).post(reverse("matching:request_create"), _form_data())
    cr = CareRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("matching:request_detail", args=[cr.pk])
    assert cr.status == RequestStatus.DRAFT and cr.postcode_area.code == "1012" and not cr.privacy_confirmed


def test_privacy_guard_catches_a_name_and_highlights_it(staff, client_for):
    text = "Moeder Fatima de Vries zoekt hulp voor haar zoon."
    response = client_for(staff).post(reverse("matching:request_create"), _form_data(context=text))
    assert response.status_code == 200
    assert not CareRequest.objects.exists()
    html = response.content.decode()
    assert '<mark class="privacy-mark" data-kind="name"' in html and "Fatima de Vries</mark>" in html
    # the confirmation checkbox appears only now, and what was typed is kept
    assert 'type="checkbox" name="privacy_confirm"' in html
    assert text in html


def test_privacy_guard_confirm_override_saves(staff, client_for):
    text = "Moeder Fatima de Vries zoekt hulp voor haar zoon."
    response = client_for(staff).post(
        reverse("matching:request_create"), _form_data(context=text, privacy_confirm="on")
    )
    assert response.status_code == 302
    cr = CareRequest.objects.get()
    assert cr.context == text and cr.privacy_confirmed


def test_privacy_guard_fixed_text_saves_without_confirmation(staff, client_for):
    client = client_for(staff)
    client.post(reverse("matching:request_create"), _form_data(context="Moeder Fatima de Vries zoekt hulp."))
    response = client.post(reverse("matching:request_create"), _form_data(context="Moeder zoekt hulp."))
    assert response.status_code == 302 and not CareRequest.objects.get().privacy_confirmed


@pytest.mark.parametrize("field", ["context", "title", "offers_other"])
def test_bsn_is_rejected_even_with_confirmation(staff, client_for, field):
    response = client_for(staff).post(
        reverse("matching:request_create"), _form_data(**{field: "BSN 111222333", "privacy_confirm": "on"})
    )
    assert response.status_code == 200
    assert not CareRequest.objects.exists()
    # The typed text ("BSN 111222333") is echoed in the form, so only the refusal's own word proves the error.
    assert "burgerservicenummer" in response.content.decode()


def test_bad_postcode_is_a_field_error_not_a_500(staff, client_for):
    response = client_for(staff).post(reverse("matching:request_create"), _form_data(place_text="0000"))
    assert response.status_code == 200 and not CareRequest.objects.exists()
    assert 'id="id_place_text_error"' in response.content.decode()


def test_structural_request_form(staff, client_for):
    data = _form_data(hours="6", hours_unit="week", period_start="2026-01-01", period_end="2026-06-30")
    response = client_for(staff).post(reverse("matching:request_create_structural"), data)
    assert response.status_code == 302
    cr = CareRequest.objects.get()
    assert cr.kind == "structural_cooperation" and cr.hours == 6 and cr.client_type == ""


def test_edit_keeps_request_and_guards_text(staff, client_for):
    cr = care_request(staff=staff)
    url = reverse("matching:request_edit", args=[cr.pk])
    response = client_for(staff).post(url, _form_data(context="Bel haar op 06-12345678"))
    assert response.status_code == 200 and 'data-kind="phone"' in response.content.decode()
    response = client_for(staff).post(url, _form_data(title="Aangepaste titel"))
    cr.refresh_from_db()
    assert response.status_code == 302 and cr.title == "Aangepaste titel"


def test_publish_invite_accept_confirm_journey(staff, client_for, django_capture_on_commit_callbacks):
    cr = care_request(staff=staff)
    t1 = therapist(locations=["1013"])
    t2 = therapist(locations=["1017"])
    org = client_for(staff)
    assert org.post(reverse("matching:request_publish", args=[cr.pk])).status_code == 302
    page = org.get(reverse("matching:candidates", args=[cr.pk])).content.decode()
    assert escape(t1.display_name) in page and "EMDR ✓" in page
    with django_capture_on_commit_callbacks(execute=True):
        org.post(reverse("matching:candidates", args=[cr.pk]), {"therapists": [t1.pk, t2.pk]})
    assert cr.candidacies.count() == 2 and len(mail.outbox) == 2
    inv1, inv2 = cr.candidacies.order_by("pk")
    response = client_for(t2.user).post(
        reverse("matching:candidacy_decline", args=[inv2.pk]),
        {"decline_reason": "no_place", "privacy_confirm": "False"},
    )
    assert response.status_code == 302
    client_for(t1.user).post(reverse("matching:candidacy_accept", args=[inv1.pk]))
    detail = org.get(reverse("matching:request_detail", args=[cr.pk])).content.decode()
    assert "Geen plek" in detail or "No place" in detail
    org.post(reverse("matching:candidacy_confirm", args=[inv1.pk]))
    cr.refresh_from_db()
    assert cr.status == RequestStatus.MATCHED and cr.matched_therapist == t1
    assert org.post(reverse("matching:request_status", args=[cr.pk, "start-treatment"])).status_code == 302
    assert org.post(reverse("matching:request_status", args=[cr.pk, "close"])).status_code == 302
    cr.refresh_from_db()
    assert cr.status == RequestStatus.CLOSED


def test_unknown_status_action_is_404(staff, client_for):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    assert client_for(staff).post(reverse("matching:request_status", args=[cr.pk, "explode"])).status_code == 404


def test_invalid_transition_via_view_shows_message(staff, client_for):
    cr = care_request(staff=staff)
    response = client_for(staff).post(reverse("matching:request_status", args=[cr.pk, "close"]), follow=True)
    assert response.status_code == 200
    cr.refresh_from_db()
    assert cr.status == RequestStatus.DRAFT


def test_invite_without_choice_shows_error(staff, client_for):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    therapist()
    response = client_for(staff).post(reverse("matching:candidates", args=[cr.pk]), {})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()


def test_decline_form_guard_and_reason(staff, client_for):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    t = therapist()
    inv = services.candidacies_create(care_request=cr, therapist_ids=[t.pk], by=staff)[0]
    url = reverse("matching:candidacy_decline", args=[inv.pk])
    response = client_for(t.user).post(url, {"decline_reason": "", "privacy_confirm": "False"})
    assert response.status_code == 200
    response = client_for(t.user).post(
        url, {"decline_reason": "other", "decline_note": "BSN 111222333", "privacy_confirm": "on"}
    )
    assert response.status_code == 200
    inv.refresh_from_db()
    assert inv.status == CandidacyStatus.INVITED


def test_reverse_matching_lists_fitting_requests_and_offer(staff, client_for):
    fits = care_request(staff=staff, status=RequestStatus.OPEN, title="Past wel")
    care_request(staff=staff, status=RequestStatus.OPEN, title="Kind", age_band="4-12", client_type="child")
    care_request(
        staff=staff,
        status=RequestStatus.OPEN,
        title="Ver weg",
        place=__import__("drakentemmers.regions.selectors", fromlist=["place_resolve"]).place_resolve("9711"),
    )
    care_request(staff=staff, title="Concept")
    t = therapist()
    page = client_for(t.user).get(reverse("matching:fitting")).content.decode()
    assert "Past wel" not in page  # titles are not shown; the anonymous summary is
    response = client_for(t.user).get(reverse("matching:fitting"))
    assert [cr.pk for cr in response.context["care_requests"]] == [fits.pk]
    assert client_for(t.user).post(reverse("matching:offer", args=[fits.pk])).status_code == 302
    assert fits.candidacies.get().status == CandidacyStatus.OFFERED
    assert client_for(t.user).get(reverse("matching:request_detail", args=[fits.pk])).status_code == 200
    # no longer listed once offered
    assert list(client_for(t.user).get(reverse("matching:fitting")).context["care_requests"]) == []


def test_offer_on_a_request_that_does_not_fit_is_404(staff, client_for):
    cr = care_request(staff=staff, status=RequestStatus.OPEN, age_band="4-12", client_type="child")
    t = therapist()
    assert client_for(t.user).post(reverse("matching:offer", args=[cr.pk])).status_code == 404


def test_messages_thread_with_privacy_guard(staff, client_for, django_capture_on_commit_callbacks):
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    t = therapist()
    inv = services.candidacies_create(care_request=cr, therapist_ids=[t.pk], by=staff)[0]
    url = reverse("matching:thread", args=[inv.pk])
    response = client_for(staff).post(url, {"body": "Haar naam is Fatima de Vries.", "privacy_confirm": "False"})
    assert response.status_code == 200 and "privacy-mark" in response.content.decode()
    assert not Message.objects.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(url, {"body": "Kun je dinsdag starten?", "privacy_confirm": "False"})
    assert response.status_code == 302
    assert mail.outbox[0].to == [t.user.email] and "dinsdag" not in mail.outbox[0].body
    page = client_for(t.user).get(url).content.decode()
    assert "Kun je dinsdag starten?" in page


def test_platform_team_reads_thread_without_a_form(staff, client_for):
    administrator = make_user(Role.ADMINISTRATOR, mfa=True)
    cr = care_request(staff=staff, status=RequestStatus.OPEN)
    inv = services.candidacies_create(care_request=cr, therapist_ids=[therapist().pk], by=staff)[0]
    response = client_for(administrator).get(reverse("matching:thread", args=[inv.pk]))
    assert response.status_code == 200 and response.context["form"] is None
    assert client_for(administrator).post(reverse("matching:thread", args=[inv.pk]), {"body": "x"}).status_code == 200
    assert not Message.objects.exists()


@pytest.mark.parametrize("count", [3, 40])
def test_request_list_query_count_is_bounded(staff, client_for, django_assert_max_num_queries, count):
    for i in range(count):
        care_request(staff=staff, status=RequestStatus.OPEN if i % 2 else RequestStatus.DRAFT)
    client = client_for(staff)
    client.get(reverse("matching:request_list"))  # warm the session
    # Session, user, roles, MFA, memberships, nav, the page's count and rows, the access log's INSERT.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("matching:request_list"))
    assert len(response.context["care_requests"]) == min(count, 25)


def test_request_list_is_paged_and_logs_only_the_requests_shown(staff, client_for):
    from drakentemmers.core.models import AccessLogEntry

    made = [care_request(staff=staff, status=RequestStatus.OPEN) for _ in range(27)]
    client = client_for(staff)
    AccessLogEntry.objects.all().delete()
    first = client.get(reverse("matching:request_list"))
    assert len(first.context["care_requests"]) == 25
    assert 'rel="next"' in first.content.decode()
    assert AccessLogEntry.objects.filter(user=staff, action="list").count() == 25
    second = client.get(reverse("matching:request_list"), {"page": 2})
    shown = {cr.pk for cr in first.context["care_requests"]} | {cr.pk for cr in second.context["care_requests"]}
    assert shown == {cr.pk for cr in made}  # newest first, nothing lost between the pages
    assert client.get(reverse("matching:request_list"), {"page": "x"}).status_code == 200  # a bad page: the first


@pytest.mark.parametrize("count", [2, 10])
def test_inbox_query_count_is_bounded(staff, client_for, django_assert_max_num_queries, count):
    t = therapist()
    for _ in range(count):
        cr = care_request(staff=staff, status=RequestStatus.OPEN)
        services.candidacies_create(care_request=cr, therapist_ids=[t.pk], by=staff)
    client = client_for(t.user)
    client.get(reverse("matching:inbox"))
    # Measured: 11 for 2 and for 10 invitations (one is the unread count in the menu).
    with django_assert_max_num_queries(11):
        response = client.get(reverse("matching:inbox"))
    assert len(response.context["candidacies"]) == count


@pytest.mark.parametrize("form_class", ["CareRequestForm", "StructuralRequestForm"])
def test_every_form_field_is_in_a_fieldset(form_class):
    from drakentemmers.matching import forms

    form = getattr(forms, form_class)()
    grouped = {field.name for _legend, fields in form.grouped_fields() for field in fields}
    assert grouped == set(form.fields)


def test_fitting_list_query_count_does_not_grow_with_open_requests(staff, client_for):
    """The reverse list checks all candidate requests (at most REVERSE_MATCH_SCAN_LIMIT) in one ranking query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t = therapist()
    client = client_for(t.user)
    counts = []
    for _ in range(2):
        care_request(staff=staff, status=RequestStatus.OPEN)
        care_request(staff=staff, status=RequestStatus.OPEN)
        client.get(reverse("matching:fitting"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("matching:fitting"))
        counts.append(len(queries))
    assert len(response.context["care_requests"]) == 4
    # One EXISTS per request inside one query, and the travel-radius maximum once: 14 queries with 2 or 4 requests.
    assert counts[1] == counts[0], counts


def test_privacy_guard_refuses_an_address_in_a_care_request_even_when_confirmed(staff, client_for):
    text = "Moeder verblijft in de opvang aan de Kerkstraat 12."
    response = client_for(staff).post(
        reverse("matching:request_create"), _form_data(context=text, privacy_confirm="on")
    )
    assert response.status_code == 200 and not CareRequest.objects.exists()
    html = response.content.decode()
    assert "We slaan nooit adressen op" in html and "Kerkstraat 12</mark>" in html and text in html
