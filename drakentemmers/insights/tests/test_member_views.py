"""The member list and detail: who reads, 'Dit herken ik' (one per member, with region), comments."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.tests.factories import OrganisationMembershipFactory
from drakentemmers.insights import services
from drakentemmers.insights.models import Comment, Endorsement, ReportKind
from drakentemmers.insights.selectors import endorsement_summary

from .factories import region, report, therapist

pytestmark = pytest.mark.django_db
LIST = reverse("insights:list")


def _detail(r) -> str:
    return reverse("insights:detail", args=[r.pk])


def test_members_see_accepted_reports_only(client_for):
    accepted = report(accepted=True, description="Geaccepteerd knelpunt over wachttijden.")
    report(description="Nog niet gemodereerd knelpunt.")
    response = client_for(therapist()).get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geaccepteerd knelpunt" in html and "Nog niet gemodereerd" not in html
    assert _detail(accepted) in html


def test_a_pending_or_rejected_report_is_not_found_for_members(client_for):
    pending = report()
    rejected = report()
    services.report_reject(report=rejected, by=None, reason="Dubbel.")
    client = client_for(therapist())
    assert client.get(_detail(pending)).status_code == 404
    assert client.get(_detail(rejected)).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "no_role", "unverified_staff"])
def test_strangers_cannot_read_the_member_list(client, client_for, who):
    if who == "anonymous":
        response = client.get(LIST)
        assert response.status_code == 302 and "/account/login/" in response.url
        return
    user = make_user() if who == "no_role" else None
    if who == "unverified_staff":
        membership = OrganisationMembershipFactory(organisation__status="submitted", organisation__verified_at=None)
        user = membership.user
        from drakentemmers.accounts.tests.factories import enable_totp

        enable_totp(user)
    assert client_for(user).get(LIST).status_code == 404


def test_verified_staff_read_but_cannot_endorse_or_comment(client_for):
    r = report(accepted=True)
    staff = make_user(Role.ORG_STAFF, mfa=True)
    OrganisationMembershipFactory(user=staff)
    client = client_for(staff)
    response = client.get(_detail(r))
    assert response.status_code == 200
    assert reverse("insights:endorse", args=[r.pk]) not in response.content.decode()
    assert client.post(reverse("insights:endorse", args=[r.pk])).status_code == 403
    assert client.post(_detail(r), {"body": "Hoi"}).status_code == 403
    assert not Endorsement.objects.exists() and not Comment.objects.exists()


def test_endorsement_records_the_region_and_counts_in_dutch(client_for):
    r = report(accepted=True)
    amsterdam, utrecht, utrecht2 = therapist("1011"), therapist("3511"), therapist("3512")
    for user in (amsterdam, utrecht, utrecht2):
        response = client_for(user).post(reverse("insights:endorse", args=[r.pk]), {"endorse": "1"})
        assert response.status_code == 302
    assert Endorsement.objects.get(user=amsterdam).region == region("VT01")
    assert Endorsement.objects.get(user=utrecht).region == region("VT20")
    summary = endorsement_summary(r)
    assert (summary.count, summary.region_count) == (3, 2)
    html = client_for(amsterdam).get(_detail(r)).content.decode()
    assert "Herkend door 3 behandelaren in 2 regio’s" in html or "Herkend door 3 behandelaren in 2 regio's" in html


def test_one_endorsement_per_member_a_second_click_changes_nothing(client_for):
    r = report(accepted=True)
    user = therapist()
    client = client_for(user)
    url = reverse("insights:endorse", args=[r.pk])
    client.post(url, {"endorse": "1"})
    client.post(url, {"endorse": "1"})
    assert Endorsement.objects.filter(report=r, user=user).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Endorsement.objects.create(report=r, user=user)
    client.post(url, {"endorse": "0"})
    assert not Endorsement.objects.exists()


def test_singular_text_for_one_endorsement(client_for):
    r = report(accepted=True)
    user = therapist()
    services.endorsement_set(report=r, user=user, endorsed=True)
    html = client_for(user).get(_detail(r)).content.decode()
    assert "Herkend door 1 behandelaar in 1 regio" in html


def test_members_comment_with_the_privacy_guard(client_for):
    r = report(accepted=True)
    client = client_for(therapist())
    assert client.post(_detail(r), {"body": "Mijn cliënt Fatima el Amrani (BSN 111222333) ook."}).status_code == 400
    assert not Comment.objects.exists()
    response = client.post(_detail(r), {"body": "Herkenbaar in onze regio, vooral bij jonge kinderen."})
    assert response.status_code == 302
    assert "Herkenbaar in onze regio" in client.get(_detail(r)).content.decode()


def test_the_list_shows_matching_signals_of_the_chosen_region(client_for):
    html = client_for(therapist()).get(LIST, {"region": region("VT20").pk}).content.decode()
    table = html.split("Signalen uit matching per regio", 1)[-1]
    assert "Utrecht" in table and "Amsterdam-Amstelland" not in table.split("</table>")[0]


def test_filters_by_kind_theme_and_region(client_for):
    report(
        accepted=True,
        kind=ReportKind.GOOD_PRACTICE,
        description="Goed voorbeeld uit Utrecht.",
        regions=[region("VT20")],
    )
    report(accepted=True, description="Knelpunt uit Amsterdam.")
    client = client_for(therapist())
    html = client.get(LIST, {"kind": "good_practice"}).content.decode()
    assert "Goed voorbeeld" in html and "Knelpunt uit Amsterdam" not in html
    html = client.get(LIST, {"region": region("VT01").pk}).content.decode()
    assert "Goed voorbeeld" not in html and "Knelpunt uit Amsterdam" in html
    assert client.get(LIST, {"kind": "x", "theme": "y", "region": "z"}).status_code == 200


def test_the_public_list_shows_only_public_items_to_anyone(client):
    report(accepted=True, public=True, description="Openbaar goed voorbeeld.")
    report(accepted=True, description="Alleen voor leden.")
    html = client.get(reverse("insights:public_list")).content.decode()
    assert "Openbaar goed voorbeeld" in html and "Alleen voor leden" not in html


def test_list_and_detail_query_counts_do_not_grow_with_data(client_for, django_assert_max_num_queries):
    user = therapist()
    for _ in range(6):
        r = report(accepted=True)
        services.endorsement_set(report=r, user=user, endorsed=True)
        services.comment_add(report=r, author=user, body="Herkenbaar.")
    client = client_for(user)
    client.get(LIST)
    with django_assert_max_num_queries(17):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(_detail(r)).status_code == 200


def test_gdpr_export_and_erasure_of_a_member(client_for):
    from drakentemmers.insights import gdpr

    r = report(accepted=True)
    user = therapist()
    services.endorsement_set(report=r, user=user, endorsed=True)
    services.comment_add(report=r, author=user, body="Herkenbaar in onze praktijk.")
    exported = gdpr.export_user(user)
    assert exported["comments"][0]["body"] == "Herkenbaar in onze praktijk."
    assert exported["endorsements"][0]["region"] == "Amsterdam-Amstelland"
    gdpr.erase_user(user)
    assert not Comment.objects.exists()
    assert Endorsement.objects.filter(report=r).count() == 1  # the signal keeps its count


def test_moderation_queue_query_count_is_pinned(client_for, django_assert_max_num_queries):
    from .factories import moderator

    for _ in range(5):
        report()
        report(accepted=True)
    client = client_for(moderator())
    with django_assert_max_num_queries(14):
        assert client.get(reverse("insights_beheer:queue")).status_code == 200
