"""The member's checklist /keurmerk/, the declaration and review requests: own data only, forms in Dutch."""

import pytest
from django.core import mail
from django.urls import reverse

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import VerificationStatus
from drakentemmers.quality.models import CriterionKind, CriterionReview, DeclarationSignature, QualityMark, ReviewStatus

from .factories import builtin_criteria, criterion, member, sign

pytestmark = pytest.mark.django_db
CHECKLIST = reverse("quality:my_mark")
DECLARATION = reverse("quality:declaration")


@pytest.fixture
def criteria_set(db):
    return [*builtin_criteria(), criterion(CriterionKind.INTERVISION, threshold=4, period_months=24, order=4)]


def test_a_member_sees_what_they_miss(client_for, criteria_set):
    html = client_for(member()).get(CHECKLIST).content.decode()
    assert "Je mist nog 2 criteria." in html
    assert "Ontbreekt" in html and "Lees en onderteken de verklaring" in html
    assert "Beoordeling door het team nodig" in html and "Vraag het team om een beoordeling" in html
    assert "minstens 4 in de laatste 24 maanden" in html


def test_an_unverified_member_sees_the_registration_missing(client_for, criteria_set):
    user = member(status=VerificationStatus.SUBMITTED)
    html = client_for(user).get(CHECKLIST).content.decode()
    assert "Maak je profiel af en laat je registratie door het team controleren." in html


@pytest.mark.parametrize("roles", [(), (Role.ORG_STAFF,), (Role.VERIFIER,)])
def test_only_therapists_have_a_checklist(client_for, criteria_set, roles):
    user = make_user(*roles, mfa=bool(roles))
    assert client_for(user).get(CHECKLIST).status_code == 404
    assert client_for(user).post(DECLARATION, {"agree": "on"}).status_code == 404
    assert not DeclarationSignature.objects.exists()


def test_anonymous_is_sent_to_login(client):
    assert reverse("account_login") in client.get(CHECKLIST)["Location"]


def test_the_checklist_shows_only_the_members_own_data(client_for, criteria_set):
    other = member()
    sign(other)
    QualityMark.objects.create(user=other, valid_from="2026-01-01", valid_until="2030-01-01")
    html = client_for(member()).get(CHECKLIST).content.decode()
    assert "Je hebt het keurmerk nog niet." in html and other.get_full_name() not in html


def test_an_empty_declaration_post_gives_a_dutch_error(client_for, criteria_set):
    response = client_for(member()).post(DECLARATION, {})
    assert response.status_code == 400
    assert "Vink het vakje aan om de verklaring te ondertekenen." in response.content.decode()


def test_signing_the_last_missing_criterion_awards_the_mark(client_for, django_capture_on_commit_callbacks):
    builtin_criteria()
    user = member()
    client = client_for(user)
    assert "Als lid van het Drakentemmers-netwerk verklaar ik dat" in client.get(DECLARATION).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DECLARATION, {"agree": "on"}, follow=True)
    html = response.content.decode()
    assert "Dank je: je hebt de verklaring ondertekend." in html
    assert "Keurmerk, geldig tot en met" in html and "Openbare controlepagina van je keurmerk" in html
    assert QualityMark.objects.filter(user=user, status="valid").exists()
    assert len(mail.outbox) == 1


def test_a_member_asks_for_a_review_once(client_for, criteria_set):
    user = member()
    intervision = criteria_set[-1]
    url = reverse("quality:review_request", args=[intervision.pk])
    client = client_for(user)
    empty = client.post(url, {})
    assert (
        empty.status_code == 400 and "Vertel het team kort hoe je aan dit criterium voldoet." in empty.content.decode()
    )
    response = client.post(url, {f"c{intervision.pk}-note": "Intervisiegroep Noord, vier keer in 2026."}, follow=True)
    assert "Je vraag ligt bij het platformteam." in response.content.decode()
    assert "Wacht op beoordeling door het team" in response.content.decode()
    review = CriterionReview.objects.get(user=user)
    assert review.status == ReviewStatus.PENDING and review.member_note.startswith("Intervisiegroep")
    again = client.post(url, {f"c{intervision.pk}-note": "Nog een keer"})
    assert again.status_code == 400 and "Je hebt al om een beoordeling" in again.content.decode()
    assert CriterionReview.objects.count() == 1


def test_an_automatic_criterion_cannot_be_reviewed(client_for, criteria_set):
    declaration = criteria_set[2]
    url = reverse("quality:review_request", args=[declaration.pk])
    response = client_for(member()).post(url, {f"c{declaration.pk}-note": "Getekend op papier"})
    assert response.status_code == 400 and "wordt automatisch gecontroleerd" in response.content.decode()
    assert not CriterionReview.objects.exists()


def test_a_review_request_refuses_a_citizen_service_number(client_for, criteria_set):
    intervision = criteria_set[-1]
    url = reverse("quality:review_request", args=[intervision.pk])
    response = client_for(member()).post(url, {f"c{intervision.pk}-note": "Client met BSN 111222333 besproken"})
    assert response.status_code == 400 and not CriterionReview.objects.exists()


def test_review_request_rejects_get(client_for, criteria_set):
    assert client_for(member()).get(reverse("quality:review_request", args=[criteria_set[-1].pk])).status_code == 405


def test_checklist_query_count_is_bounded(client_for, criteria_set, django_assert_max_num_queries):
    user = member()
    client = client_for(user)
    client.get(CHECKLIST)
    with django_assert_max_num_queries(14):
        assert client.get(CHECKLIST).status_code == 200


def test_the_declaration_page_says_when_it_was_signed(client_for, criteria_set):
    user = member()
    sign(user)
    assert "Je hebt deze verklaring ondertekend op" in client_for(user).get(DECLARATION).content.decode()
