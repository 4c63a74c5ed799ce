from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from drakentemmers.accounts.models import Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.directory import services
from drakentemmers.directory.models import OrganisationMembership, VerificationStatus
from drakentemmers.directory.tests.factories import OrganisationFactory
from drakentemmers.regions.models import Municipality
from drakentemmers.regions.selectors import place_resolve

pytestmark = pytest.mark.django_db

FIELDS = {
    "name": "Vrouwenopvang De Haven",
    "kind": "womens_shelter",
    "kvk_number": "12345678",
    "contact_name": "Sanne de Vries",
    "contact_email": "sanne@dehaven.nl",
}


def test_create_makes_creator_admin_and_org_staff():
    creator = make_user()
    almere = Municipality.objects.get(name="Almere")
    organisation = services.organisation_create(
        creator=creator, fields=FIELDS, place=place_resolve("1315"), covered=[almere]
    )
    assert organisation.status == VerificationStatus.SUBMITTED
    assert organisation.postcode_area.code == "1315" and organisation.municipality == almere
    assert organisation.email_domain == "dehaven.nl"
    assert list(organisation.covered_municipalities.all()) == [almere]
    assert OrganisationMembership.objects.get(organisation=organisation, user=creator).is_admin
    creator.__dict__.pop("roles", None)
    assert creator.has_role(Role.ORG_STAFF)


def test_create_without_covered_covers_own_municipality():
    organisation = services.organisation_create(
        creator=make_user(), fields=FIELDS, place=place_resolve("Utrecht"), covered=[]
    )
    assert organisation.postcode_area is None
    assert [m.name for m in organisation.covered_municipalities.all()] == ["Utrecht"]


def test_kvk_format_is_checked():
    with pytest.raises(ValidationError):
        services.validate_kvk_number("1234567")
    with pytest.raises(ValidationError):
        services.validate_kvk_number("1234567a")
    services.validate_kvk_number("12345678")


def test_verify_and_reject_mail_the_admins_and_write_audit(verifier_user, django_capture_on_commit_callbacks):
    admin = make_user()
    organisation = services.organisation_create(creator=admin, fields=FIELDS, place=place_resolve("1315"), covered=[])
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_reject(organisation=organisation, verifier=verifier_user, reason="KvK klopt niet")
    assert mail.outbox[-1].to == [admin.email] and "KvK klopt niet" in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.organisation_verify(organisation=organisation, verifier=verifier_user)
    organisation.status = VerificationStatus.SUBMITTED
    organisation.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_verify(organisation=organisation, verifier=verifier_user)
    organisation.refresh_from_db()
    assert organisation.is_verified and organisation.verified_by == verifier_user
    assert "geverifieerd" in mail.outbox[-1].subject
    assert LogEntry.objects.get_for_object(organisation).count() >= 2


def test_invitation_only_from_verified_organisation():
    organisation = OrganisationFactory(status=VerificationStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="geverifieerd"):
        services.organisation_invitation_create(organisation=organisation, email="a@b.nl", invited_by=make_user())


def test_invitation_accept_adds_membership_and_role(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    inviter = make_user()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.organisation_invitation_create(
            organisation=organisation, email="Collega@Opvang.nl", invited_by=inviter
        )
    assert mail.outbox[0].to == ["collega@opvang.nl"]
    assert invitation.token in mail.outbox[0].body
    colleague = make_user(email="collega@opvang.nl")
    membership = services.organisation_invitation_accept(invitation=invitation, user=colleague)
    assert membership.organisation == organisation and not membership.is_admin
    colleague.__dict__.pop("roles", None)
    assert colleague.has_role(Role.ORG_STAFF)
    # A second claim (double click, second browser) is refused and grants nothing twice.
    with pytest.raises(ValidationError, match="werkt niet meer"):
        services.organisation_invitation_accept(invitation=invitation, user=colleague)
    assert OrganisationMembership.objects.filter(user=colleague).count() == 1


def test_invitation_refuses_wrong_user_expired_and_existing_member():
    organisation = OrganisationFactory()
    invitation = services.organisation_invitation_create(
        organisation=organisation, email="x@opvang.nl", invited_by=make_user()
    )
    with pytest.raises(ValidationError, match=r"x@opvang\.nl"):
        services.organisation_invitation_accept(invitation=invitation, user=make_user(email="y@opvang.nl"))
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    with pytest.raises(ValidationError, match="werkt niet meer"):
        services.organisation_invitation_accept(invitation=invitation, user=make_user(email="x@opvang.nl"))
    member = make_user(email="lid@opvang.nl")
    OrganisationMembership.objects.create(organisation=organisation, user=member)
    with pytest.raises(ValidationError, match="al lid"):
        services.organisation_invitation_create(organisation=organisation, email="LID@opvang.nl", invited_by=member)
