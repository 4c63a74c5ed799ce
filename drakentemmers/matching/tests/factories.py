"""Builders for matching tests: organisations with staff, therapists, care requests in any status."""

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory.models import OrganisationMembership, Setting
from drakentemmers.directory.tests.factories import (
    OrganisationFactory,
    TherapistProfileFactory,
    method,
    target_group,
)
from drakentemmers.matching import services
from drakentemmers.matching.models import CareRequest, ClientRole, ClientType, RequestKind, RequestStatus, Urgency
from drakentemmers.regions.selectors import place_resolve


def org_staff(organisation=None, **fields):
    """Organisation staff with MFA on, member of a verified organisation (a new one by default)."""
    organisation = organisation or OrganisationFactory()
    user = make_user(Role.ORG_STAFF, mfa=True, **fields)
    OrganisationMembership.objects.create(organisation=organisation, user=user)
    return user


def therapist(**fields):
    """A verified therapist in Amsterdam (PC4 1011) treating adults outpatient, target group 'slachtoffers'."""
    fields.setdefault("target_groups", ["slachtoffers"])
    fields.setdefault("methods", ["emdr"])
    return TherapistProfileFactory(**fields)


def request_data(**overrides) -> dict:
    data = {
        "title": "Volwassen vrouw, EMDR, ambulant",
        "client_type": ClientType.ADULT,
        "age_band": "18+",
        "client_role": ClientRole.VICTIM,
        "target_groups": [target_group("slachtoffers")],
        "problems": [],
        "methods": [method("emdr")],
        "languages": [],
        "gender_preference": "none",
        "setting": Setting.OUTPATIENT,
        "place": place_resolve("1012"),
        "max_distance_km": None,
        "urgency": Urgency.NORMAL,
        "earliest_start": None,
        "funding_routes": [],
        "offers_room": False,
        "offers_mentor": True,
        "offers_interpreter": False,
        "offers_other": "",
        "context": "Cliënte zoekt traumabehandeling na huiselijk geweld.",
    }
    data.update(overrides)
    return data


def care_request(
    *, staff, status: str = RequestStatus.DRAFT, kind: str = RequestKind.CLIENT, **overrides
) -> CareRequest:
    organisation = staff.organisation_memberships.first().organisation
    cr = services.care_request_create(
        organisation=organisation, created_by=staff, kind=kind, data=request_data(**overrides)
    )
    if status == RequestStatus.DRAFT:
        return cr
    services.care_request_publish(care_request=cr, by=staff)
    if status == RequestStatus.WITHDRAWN:
        services.care_request_withdraw(care_request=cr, by=staff)
    elif status == RequestStatus.EXPIRED:
        services.care_request_expire(care_request=cr)
    elif status in (RequestStatus.MATCHED, RequestStatus.TREATMENT_STARTED, RequestStatus.CLOSED):
        candidacy = services.candidacies_create(care_request=cr, therapist_ids=[therapist().pk], by=staff)[0]
        services.candidacy_accept(candidacy=candidacy)
        services.match_confirm(candidacy=candidacy, by=staff)
        if status in (RequestStatus.TREATMENT_STARTED, RequestStatus.CLOSED):
            services.care_request_start_treatment(care_request=cr, by=staff)
        if status == RequestStatus.CLOSED:
            services.care_request_close(care_request=cr, by=staff)
    cr.refresh_from_db()
    return cr
