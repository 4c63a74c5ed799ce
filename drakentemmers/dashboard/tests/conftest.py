from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone, translation

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import OrganisationKind
from drakentemmers.matching.models import Candidacy, CandidacyStatus, CareRequest, DeclineReason, RequestStatus
from drakentemmers.matching.tests.ranking_support import make_organisation
from drakentemmers.regions.models import Region, RegionKind


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def vt01(db) -> Region:
    return Region.objects.get(kind=RegionKind.VEILIG_THUIS, code="VT01")


@pytest.fixture
def vt02(db) -> Region:
    return Region.objects.filter(kind=RegionKind.VEILIG_THUIS).exclude(code="VT01").order_by("code").first()


@pytest.fixture
def client_for(client_for):
    """The pages in English by default (the labels asserted here); the platform is Dutch by default."""

    def make(user, language="en", **kwargs):
        client = client_for(user, **kwargs)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return make


@pytest.fixture
def team(db):
    return make_user(Role.VERIFIER, mfa=True)


@pytest.fixture
def coordinator(vt01):
    return make_user(Role.COORDINATOR, mfa=True, region=vt01)


def first_municipality(region: Region):
    return region.municipalities.order_by("name").first()


def make_request(organisation, *, published, matched_after_days=None, **fields) -> CareRequest:
    values = {
        "organisation": organisation,
        "title": "Volwassene, EMDR",
        "setting": "outpatient",
        "status": RequestStatus.OPEN,
        "published_at": published,
        "municipality": organisation.municipality,
    }
    if matched_after_days is not None:
        values |= {"status": RequestStatus.MATCHED, "matched_at": published + timedelta(days=matched_after_days)}
    return CareRequest.objects.create(**(values | fields))


@pytest.fixture
def requests_world(vt01, vt02):
    """Six client requests in VT01 published this month (5 matched in 1..5 days) and one in VT02."""
    now = timezone.now()
    start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    shelter = make_organisation(municipality=first_municipality(vt01), kind=OrganisationKind.WOMENS_SHELTER)
    other = make_organisation(municipality=first_municipality(vt02))
    made = []
    for i in range(6):
        published = start + timedelta(hours=1 + i)
        made.append(make_request(shelter, published=published, matched_after_days=(i + 1) if i < 5 else None))
    lone = make_request(other, published=start + timedelta(hours=2))
    from drakentemmers.directory.tests.factories import TherapistProfileFactory

    therapist = TherapistProfileFactory()
    Candidacy.objects.create(
        care_request=made[5],
        therapist=therapist,
        status=CandidacyStatus.DECLINED,
        decline_reason=DeclineReason.NO_PLACE,
        responded_at=made[5].published_at + timedelta(hours=5),
    )
    return {"requests": made, "lone": lone, "shelter": shelter, "start": start}
