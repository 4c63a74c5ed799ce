"""The small world the access matrix runs in: one user per persona and the objects they are strangers to.

Organisation A (verified) has an open request with a candidacy of THERAPIST and a thread message, a
draft request, a conversation its staff started with THERAPIST, and a pending colleague invitation.
Organisation B is verified and owns nothing the matrix asks for; organisation C waits for verification.
A's objects lie in region Y (Veilig Thuis Amsterdam-Amstelland); the coordinator coordinates region X
(Veilig Thuis Utrecht). THERAPIST_UNVERIFIED's profile waits in the verification queue.

`World.values` maps the names that access rules `fill()` URL kwargs with to real ids and tokens.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from drakentemmers.accounts.models import Invitation, Role, User
from drakentemmers.accounts.tests.factories import make_user
from drakentemmers.api.tests.access_world import api_world
from drakentemmers.colleagues.tests.access_world import colleagues_world
from drakentemmers.core import access_matrix as am
from drakentemmers.core.models import AccessLogEntry, ScheduledJobRun
from drakentemmers.directory import services as directory_services
from drakentemmers.directory.models import OrganisationMembership, VerificationStatus
from drakentemmers.directory.tests.factories import OrganisationFactory, TherapistProfileFactory
from drakentemmers.directory.tests.profile_helpers import image_upload
from drakentemmers.insights.tests import access_world as insights_world
from drakentemmers.knowledge.tests.access_world import knowledge_world_build
from drakentemmers.learning.tests.access_world import learning_world
from drakentemmers.matching import services as matching_services
from drakentemmers.matching.models import RequestStatus
from drakentemmers.matching.tests.factories import care_request
from drakentemmers.quality.tests.access_world import quality_world
from drakentemmers.recruitment import services as recruitment_services
from drakentemmers.recruitment.models import ColleagueInvitation, InvitationOptOut, RecruitmentTarget
from drakentemmers.regions import services as region_services
from drakentemmers.regions.models import Region, RegionKind
from drakentemmers.surveys.tests.access_world import surveys_world_build

REGION_Y = "VT01"  # Amsterdam-Amstelland: where organisation A and its requests are
REGION_X = "VT20"  # Utrecht: the coordinator's region


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    values: dict[str, object] = field(default_factory=dict)

    def value(self, name: str, url: am.UrlEntry) -> object:
        if name in DYNAMIC_VALUES:
            return DYNAMIC_VALUES[name](url)
        if name not in self.values:
            raise LookupError(f"The access world has no object {name!r}; add it in drakentemmers/tests/access_world.py")
        return self.values[name]

    sessions: dict[str, str] = field(default_factory=dict)

    def client_for(self, persona: am.Persona) -> Client:
        """A test client with the persona's session (made once per world: cases roll back their changes)."""
        client = Client()
        if self.users[persona.name] is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[persona.name]
        return client


def _session_create(user: User, persona: am.Persona) -> str:
    """Log in as a real login would: allauth's session records say how, with MFA when it was passed.

    The login is dated an hour back, so pages that want the password again (GDPR export and erasure, MFA
    changes) ask for it in every case, whenever the case runs.
    """
    client = Client()
    client.force_login(user)
    session = client.session
    logged_in_at = time.time() - 3600
    records = [{"method": "password", "at": logged_in_at, "email": user.email}]
    if persona.mfa_passed:
        authenticator = Authenticator.objects.filter(user=user).first()
        records.append({"method": "mfa", "at": logged_in_at, "id": authenticator.pk, "type": authenticator.type})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return session.session_key


def _staff(organisation, *, mfa: bool, admin: bool = False) -> User:
    user = make_user(Role.ORG_STAFF, mfa=mfa)
    OrganisationMembership.objects.create(organisation=organisation, user=user, is_admin=admin)
    return user


def _platform_user(persona: am.Persona, region_x: Region) -> User:
    (role,) = persona.roles
    region = region_x if role == Role.COORDINATOR else None
    extra = {"is_staff": True, "is_superuser": True} if role == Role.ADMINISTRATOR else {}
    return make_user(role, mfa=persona.has_mfa_set_up, region=region, **extra)


def world_build() -> World:
    """Build the world (inside a transaction the caller rolls back, with a temporary MEDIA_ROOT)."""
    region_x = Region.objects.get(kind=RegionKind.VEILIG_THUIS, code=REGION_X)
    organisation_a = OrganisationFactory(name="Organisatie A")
    organisation_b = OrganisationFactory(name="Organisatie B")
    organisation_c = OrganisationFactory(name="Organisatie C", status=VerificationStatus.SUBMITTED, verified_at=None)
    staff_a = _staff(organisation_a, mfa=True, admin=True)
    therapist = TherapistProfileFactory(methods=["emdr"], target_groups=["slachtoffers"], public_profile=True)
    directory_services.therapist_photo_set(
        profile=therapist, content=directory_services.photo_process(upload=image_upload(size=(200, 200)))
    )
    unverified = TherapistProfileFactory(status=VerificationStatus.SUBMITTED, verified_at=None)
    users: dict[str, User | None] = {
        am.ANONYMOUS: None,
        am.NO_ROLE: make_user(),
        am.THERAPIST_UNVERIFIED: unverified.user,
        am.THERAPIST: therapist.user,
        am.THERAPIST_OTHER: TherapistProfileFactory().user,
        am.STAFF_UNVERIFIED: _staff(organisation_c, mfa=True, admin=True),
        am.STAFF_A: staff_a,
        am.STAFF_A_NO_MFA: _staff(organisation_a, mfa=False),
        am.STAFF_A_MFA_NOT_PASSED: _staff(organisation_a, mfa=True),
        am.STAFF_B: _staff(organisation_b, mfa=True, admin=True),
    }
    for persona in am.PERSONAS:
        if persona.name not in users:
            users[persona.name] = _platform_user(persona, region_x)
    missing = {p.name for p in am.PERSONAS} - set(users)
    assert not missing, f"personas without a user in the world: {missing}"

    open_request = care_request(staff=staff_a, status=RequestStatus.OPEN)
    draft_request = care_request(staff=staff_a)
    candidacy = matching_services.candidacies_create(
        care_request=open_request, therapist_ids=[therapist.pk], by=staff_a
    )[0]
    matching_services.message_send(candidacy=candidacy, author=staff_a, body="Wanneer kun je starten?")
    # A request of A matched with THERAPIST: its handover is for A's staff and THERAPIST only.
    matched_request = care_request(staff=staff_a, status=RequestStatus.OPEN)
    matched_candidacy = matching_services.candidacies_create(
        care_request=matched_request, therapist_ids=[therapist.pk], by=staff_a
    )[0]
    matching_services.candidacy_accept(candidacy=matched_candidacy)
    matching_services.match_confirm(candidacy=matched_candidacy, by=staff_a)
    conversation = directory_services.conversation_start(
        therapist=therapist, sender=staff_a, subject="Vraag", body="Hallo", organisation=organisation_a
    )
    organisation_invitation = directory_services.organisation_invitation_create(
        organisation=organisation_a, email="collega@example.nl", invited_by=staff_a
    )
    account_invitation = Invitation.objects.create(
        email="nieuw@example.nl", role=Role.THERAPIST, invited_by=users[am.VERIFIER]
    )
    colleague_invitation = ColleagueInvitation.objects.create(email="kandidaat@example.nl", invited_by=therapist.user)
    InvitationOptOut.objects.create(email_hash="0" * 64)
    RecruitmentTarget.objects.create(region=region_x, target=20)
    # Rows the admin's object pages need that the flows above do not leave behind.
    Group.objects.create(name="Toegangsmatrix")
    AccessLogEntry.objects.create(
        user=staff_a, user_label=staff_a.email, object_type="matching.carerequest", object_id=str(open_request.pk)
    )
    _task_result_create()
    ScheduledJobRun.objects.create(name="toegangsmatrix")
    region_import = region_services.region_import_create(
        data=b"kind,code,name,members,year,central\nvo,VO01,Regio,GM0363,2025,GM0363\n",
        file_name="indeling.csv",
        user=users[am.VERIFIER],
    )
    _user_session_create(staff_a)

    values: dict[str, object] = {
        **_allauth_values(users[am.STAFF_A]),
        "therapist": therapist.pk,
        "therapist_unverified": unverified.pk,
        "organisation_a": organisation_a.pk,
        "organisation_unverified": organisation_c.pk,
        "care_request_a": open_request.pk,
        "draft_request_a": draft_request.pk,
        "matched_request_a": matched_request.pk,
        "candidacy_a": candidacy.pk,
        "conversation_a": conversation.pk,
        "organisation_invitation_token": organisation_invitation.token,
        "account_invitation_token": account_invitation.token,
        "wizard_step": "profession",
        "status_action": "withdraw",
        "admin_app_label": "directory",
        "admin_unknown_page": "bestaat-niet/",
        "region_import": region_import.pk,
        "colleague_invitation_token": colleague_invitation.token,
        "unsubscribe_token": recruitment_services.unsubscribe_token_make(therapist.user),
        "region_kind": "vt",
        **insights_world.build(users),
        **quality_world(therapist_user=therapist.user),
        **knowledge_world_build(),
    }
    values.update(colleagues_world(users))
    values.update(surveys_world_build())
    values.update(api_world(users))
    values.update(learning_world(users))
    sessions = {p.name: _session_create(users[p.name], p) for p in am.PERSONAS if not p.is_anonymous}
    # No worker runs while the matrix walks the URLs: tasks the world queued (e-mail) would age past /health/'s
    # ten minutes on a slow run and turn it into a 503 for everyone. They wait until tomorrow instead (the rows
    # stay: the Django admin's task pages are in the matrix too).
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.ready().update(run_after=timezone.now() + timedelta(days=1))
    return World(users=users, values=values, sessions=sessions)


def _allauth_values(staff_a: User) -> dict[str, object]:
    """Real keys for allauth's e-mail confirmation and password reset links; an authenticator id.

    The links belong to a user who is none of the personas: an unverified address changes what allauth's
    MFA pages do for its owner, and a reset link is somebody else's for every persona.
    """
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    owner = make_user()
    address = EmailAddress.objects.create(user=owner, email="tweede-adres@example.nl", verified=False)
    return {
        "email_confirmation_key": EmailConfirmationHMAC(address).key,
        "password_reset_uid": user_pk_to_url_str(owner),
        "password_reset_key": default_token_generator.make_token(owner),
        # Not a security key (nobody in the world has one): the key pages must give 404 for it.
        "webauthn_authenticator": Authenticator.objects.get(user=staff_a, type=Authenticator.Type.TOTP).pk,
    }


def _task_result_create() -> None:
    model = apps.get_model("django_tasks_database", "DBTaskResult")
    model.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="drakentemmers.core.tasks.email_send",
        backend_name="default",
        # Not due for a day: a due task left waiting would turn /health/ to 503 ten minutes into the run.
        run_after=timezone.now() + timedelta(days=1),
        exception_class_path="",
        traceback="",
    )


def _user_session_create(user: User) -> None:
    from allauth.usersessions.models import UserSession

    UserSession.objects.create(user=user, session_key="access-matrix-session", ip="127.0.0.1", user_agent="matrix")


def admin_object_id(url: am.UrlEntry) -> object:
    """The pk of a real row for an admin URL (`beheer/django/<app>/<model>/<object_id>/...`)."""
    app_label, model_name, *_rest = ("/" + url.route).removeprefix(reverse("admin:index")).split("/")
    model = apps.get_model(app_label, model_name)
    pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    if pk is None:
        raise LookupError(f"No {app_label}.{model_name} row in the access world; add one in access_world.py")
    return pk


def admin_content_type(url: am.UrlEntry) -> object:
    """For the admin's "view on site" link: the content type of a model that has a public page."""
    from django.contrib.contenttypes.models import ContentType

    from drakentemmers.directory.models import TherapistProfile

    return ContentType.objects.get_for_model(TherapistProfile).pk


# Values computed from the URL itself rather than stored (admin URLs name their model in the path).
DYNAMIC_VALUES = {"admin_object": admin_object_id, "admin_content_type": admin_content_type}


@contextmanager
def world_for_module(django_db_blocker, tmp_path_factory, label: str):
    """The world, built once for a test module inside a transaction rolled back after it (fast hashing, own media)."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = str(tmp_path_factory.mktemp(f"{label}-media"))
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast, MEDIA_ROOT=media), transaction.atomic():
        yield world_build()
        transaction.set_rollback(True)


def cache_of_its_own(settings, location: str) -> None:
    """An empty local cache for one case: rate limits count in the cache, and no case may use up another's."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": location}}
    from django.core.cache import cache

    cache.clear()
