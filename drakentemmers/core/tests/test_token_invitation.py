"""The shared tokened invitation: status, lookup that reveals nothing, claim at most once, migrations keep rows."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from drakentemmers.accounts.models import Invitation, Role
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.core.models import InvitationStatus
from drakentemmers.core.permissions import InvitationUnavailable, invitation_lookup
from drakentemmers.core.services import invitation_claim
from drakentemmers.directory.models import OrganisationInvitation, OrganisationMembership
from drakentemmers.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _role_invitation(**fields) -> Invitation:
    return Invitation.objects.create(email="Nieuw@Example.nl", role=Role.EDITOR, **fields)


def test_expiry_comes_from_each_kinds_valid_days(settings):
    settings.INVITATION_VALID_DAYS = 3
    before = timezone.now()
    role = _role_invitation()
    organisation = OrganisationInvitation.objects.create(organisation=OrganisationFactory(), email="a@b.nl")
    assert before + timedelta(days=3) <= role.expires_at <= timezone.now() + timedelta(days=3)
    assert organisation.expires_at >= before + timedelta(days=OrganisationInvitation.VALID_DAYS)
    assert len(role.token) >= 43 and role.token != organisation.token


def test_status_follows_the_dates():
    invitation = _role_invitation()
    assert invitation.status == InvitationStatus.PENDING and invitation.is_usable
    invitation.expires_at = timezone.now() - timedelta(seconds=1)
    assert invitation.status == InvitationStatus.EXPIRED and not invitation.is_usable
    invitation.declined_at = timezone.now()
    assert invitation.status == InvitationStatus.DECLINED and not invitation.is_usable
    invitation.accepted_at = timezone.now()
    assert invitation.status == InvitationStatus.ACCEPTED and not invitation.is_usable


@pytest.mark.parametrize("case", ["unknown", "empty", "expired", "used", "declined"])
def test_lookup_raises_the_same_404_whatever_the_reason(case):
    invitation = _role_invitation()
    token = invitation.token
    if case == "unknown":
        token = token[:-1] + ("A" if token[-1] != "A" else "B")
    elif case == "empty":
        token = ""
    else:
        field = {"expired": "expires_at", "used": "accepted_at", "declined": "declined_at"}[case]
        moment = timezone.now() - timedelta(seconds=1)
        Invitation.objects.filter(pk=invitation.pk).update(**{field: moment})
    with pytest.raises(InvitationUnavailable) as raised:
        invitation_lookup(Invitation, token, user=make_user())
    assert raised.value.args == ()


def test_lookup_returns_a_used_invitation_only_to_whoever_accepted_it():
    invitee = make_user(email="nieuw@example.nl")
    invitation = _role_invitation()
    assert invitation_lookup(Invitation.objects.all(), invitation.token) == invitation
    invitation_claim(invitation=invitation, user=invitee)
    assert invitation_lookup(Invitation, invitation.token, user=invitee) == invitation
    with pytest.raises(InvitationUnavailable):
        invitation_lookup(Invitation, invitation.token, user=make_user())
    with pytest.raises(InvitationUnavailable):
        invitation_lookup(Invitation, invitation.token)


def test_claim_matches_a_verified_address_case_insensitively_and_grants_once():
    invitee = make_user(email="other@example.nl")
    EmailAddress.objects.create(user=invitee, email="NIEUW@example.NL", verified=True, primary=False)
    invitation = _role_invitation()
    grant = invitation_claim(invitation=invitation, user=invitee)
    assert grant.role == Role.EDITOR and grant.user == invitee
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee and invitation.accepted_at is not None
    # The stale object of a second browser tab still says "usable"; the claim rereads under a lock.
    stale = Invitation.objects.get(pk=invitation.pk)
    stale.accepted_at = None
    with pytest.raises(ValidationError) as raised:
        invitation_claim(invitation=stale, user=invitee)
    assert raised.value.code == "unusable"
    assert invitee.role_grants.filter(role=Role.EDITOR).count() == 1


def test_claim_refuses_an_unverified_or_other_address():
    invitee = make_user(email="other@example.nl")
    EmailAddress.objects.create(user=invitee, email="nieuw@example.nl", verified=False, primary=False)
    invitation = _role_invitation()
    with pytest.raises(ValidationError) as raised:
        invitation_claim(invitation=invitation, user=invitee)
    assert raised.value.code == "wrong_user"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and not invitee.role_grants.exists()


def test_claim_refuses_an_expired_invitation():
    invitee = make_user(email="nieuw@example.nl")
    invitation = _role_invitation(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError):
        invitation_claim(invitation=invitation, user=invitee)
    assert not invitee.role_grants.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter")
def test_claim_locks_the_row():
    invitee = make_user(email="nieuw@example.nl")
    invitation = _role_invitation()
    with CaptureQueriesContext(connection) as queries:
        invitation_claim(invitation=invitation, user=invitee)
    assert any("FOR UPDATE" in q["sql"] and "accounts_invitation" in q["sql"] for q in queries.captured_queries)


def test_organisation_kind_grants_membership_and_role():
    invitee = make_user(email="collega@opvang.nl")
    invitation = OrganisationInvitation.objects.create(organisation=OrganisationFactory(), email="collega@opvang.nl")
    membership = invitation_claim(invitation=invitation, user=invitee)
    assert isinstance(membership, OrganisationMembership) and membership.user == invitee
    invitee.__dict__.pop("roles", None)
    assert invitee.has_role(Role.ORG_STAFF)


# Migrating a populated table inside the test's transaction needs transactional DDL: PostgreSQL (as CI).
@pytest.mark.skipif(connection.vendor != "postgresql", reason="DDL inside the test transaction needs PostgreSQL")
def test_migrations_to_the_shared_base_keep_every_row():
    before = [("accounts", "0001_initial"), ("directory", "0003_vocabularies")]
    after = [("accounts", "0002_token_invitation"), ("directory", "0004_token_invitation")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    inviter = old.get_model("accounts", "User").objects.create(email="inviter@example.nl", password="!")
    moment = timezone.now().replace(microsecond=0)
    role_row = old.get_model("accounts", "Invitation").objects.create(
        email="r@example.nl",
        role="editor",
        token="role-token-kept",
        invited_by=inviter,
        expires_at=moment + timedelta(days=3),
        accepted_at=moment,
        accepted_by=inviter,
    )
    created_at = role_row.created_at
    organisation = OrganisationFactory()
    old.get_model("directory", "OrganisationInvitation").objects.create(
        organisation_id=organisation.pk, email="o@example.nl", token="org-token-kept", expires_at=moment
    )
    # Fire the deferred foreign-key checks now: PostgreSQL refuses ALTER TABLE with pending trigger events.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor.loader.build_graph()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    kept = Invitation.objects.get(token="role-token-kept")
    assert (kept.email, kept.role, kept.invited_by_id, kept.accepted_by_id) == (
        "r@example.nl",
        "editor",
        inviter.pk,
        inviter.pk,
    )
    assert (kept.created_at, kept.expires_at, kept.accepted_at) == (created_at, moment + timedelta(days=3), moment)
    assert kept.declined_at is None and kept.status == InvitationStatus.ACCEPTED
    org_kept = OrganisationInvitation.objects.get(token="org-token-kept")
    assert (org_kept.organisation_id, org_kept.expires_at, org_kept.accepted_at) == (organisation.pk, moment, None)
    assert org_kept.status == InvitationStatus.EXPIRED
