"""Who a questionnaire goes to: a small registry of audiences.

An audience has a key, a label and a function `recipients(params) -> list[Recipient]`. `params` is the
questionnaire's `audience_params` (a dict: chosen region ids, an uploaded e-mail list, a training id...).
Other apps register theirs in AppConfig.ready(), e.g. learning's "a training's participants":

    audience_register(Audience(key="learning.training_participants", label=_("A training's participants"),
                               recipients="drakentemmers.learning.surveys.training_participants",
                               param="training_id", param_label=_("Training"),
                               param_choices="drakentemmers.learning.surveys.training_choices"))

The builder then shows a choice list for it and stores {"training_id": "<value>"} in audience_params;
`recipients(params)` reads it back.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import RespondentGroup

MAX_EMAIL_LIST = 2000


@dataclass(frozen=True)
class Recipient:
    email: str
    user: object | None = None  # accounts.User when the person has an account
    region_id: int | None = None
    group: str = RespondentGroup.OTHER


@dataclass(frozen=True)
class Audience:
    key: str
    label: str | Promise
    recipients: str | Callable[[dict], list[Recipient]]  # dotted path or function
    # The name of the one parameter the builder asks for: "regions", "emails", or an app's own (a training id).
    param: str = ""
    order: int = 100
    # For an app's own parameter: the builder shows a choice list of (value, label) from this function.
    param_choices: str | Callable[[], list[tuple[str, str]]] | None = None
    param_label: str | Promise = ""

    def recipients_for(self, params: dict) -> list[Recipient]:
        function = import_string(self.recipients) if isinstance(self.recipients, str) else self.recipients
        return function(params or {})

    def choices(self) -> list[tuple[str, str]]:
        function = import_string(self.param_choices) if isinstance(self.param_choices, str) else self.param_choices
        return [(str(value), label) for value, label in function()] if function else []


_AUDIENCES: dict[str, Audience] = {}


def audience_register(audience: Audience) -> None:
    _AUDIENCES[audience.key] = audience


def audiences() -> list[Audience]:
    return sorted(_AUDIENCES.values(), key=lambda a: (a.order, a.key))


def audience_get(key: str) -> Audience | None:
    return _AUDIENCES.get(key)


def parse_email_list(text: str) -> list[str]:
    """Addresses separated by newlines, commas, semicolons or spaces; ValidationError names the bad ones."""
    raw = [part.strip().strip("<>").lower() for part in text.replace(";", "\n").replace(",", "\n").split()]
    addresses, bad = [], []
    for address in raw:
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            bad.append(address)
        else:
            if address not in addresses:
                addresses.append(address)
    if bad:
        raise ValidationError(
            gettext("These are not valid e-mail addresses: %(bad)s"), params={"bad": ", ".join(bad[:10])}
        )
    if len(addresses) > MAX_EMAIL_LIST:
        raise ValidationError(gettext("At most %(max)d addresses at once."), params={"max": MAX_EMAIL_LIST})
    return addresses


# --- built-in audiences ---------------------------------------------------------------------------


def _therapist_recipients(*, region_ids: list[int] | None = None, trainees_only: bool = False) -> list[Recipient]:
    """Verified therapists, each with the first reporting region of their work areas. Three queries."""
    from drakentemmers.directory.models import RegistrationKind, TherapistProfile, VerificationStatus, WorkLocation
    from drakentemmers.regions.models import Region
    from drakentemmers.regions.selectors import reporting_region_kind

    profiles = TherapistProfile.objects.filter(status=VerificationStatus.VERIFIED, user__is_active=True)
    if trainees_only:
        profiles = profiles.filter(registration_kind=RegistrationKind.TRAINEE)
    rows = list(profiles.select_related("user").only("id", "registration_kind", "user__id", "user__email"))
    municipality_region: dict[int, int] = {}
    for municipality_id, region_id in Region.municipalities.through.objects.filter(
        region__kind=reporting_region_kind()
    ).values_list("municipality_id", "region_id"):
        municipality_region.setdefault(municipality_id, region_id)
    therapist_regions: dict[int, list[int]] = {}
    for therapist_id, municipality_id in WorkLocation.objects.filter(therapist__in=[p.pk for p in rows]).values_list(
        "therapist_id", "municipality_id"
    ):
        if municipality_id in municipality_region:
            therapist_regions.setdefault(therapist_id, []).append(municipality_region[municipality_id])
    wanted = set(region_ids or [])
    result = []
    for profile in rows:
        regions = therapist_regions.get(profile.pk, [])
        if wanted and not wanted.intersection(regions):
            continue
        region_id = next((r for r in regions if r in wanted), None) if wanted else (regions[0] if regions else None)
        group = (
            RespondentGroup.TRAINEE if profile.registration_kind == RegistrationKind.TRAINEE else RespondentGroup.MEMBER
        )
        result.append(Recipient(email=profile.user.email, user=profile.user, region_id=region_id, group=group))
    return result


def all_members(params: dict) -> list[Recipient]:
    return _therapist_recipients()


def region_members(params: dict) -> list[Recipient]:
    return _therapist_recipients(region_ids=[int(pk) for pk in params.get("regions", [])])


def trainees(params: dict) -> list[Recipient]:
    return _therapist_recipients(trainees_only=True)


def coordinators(params: dict) -> list[Recipient]:
    from drakentemmers.accounts.models import Role, RoleGrant

    grants = RoleGrant.objects.filter(role=Role.COORDINATOR, user__is_active=True).select_related("user")
    seen: dict[int, Recipient] = {}
    for grant in grants.order_by("pk"):
        seen.setdefault(
            grant.user_id,
            Recipient(
                email=grant.user.email, user=grant.user, region_id=grant.region_id, group=RespondentGroup.COORDINATOR
            ),
        )
    return list(seen.values())


def contact_officials(params: dict) -> list[Recipient]:
    """The e-mail list the team pasted (validated when saved); an address with an account is linked to it."""
    from drakentemmers.accounts.models import User

    emails = params.get("emails", [])
    users = {u.email.lower(): u for u in User.objects.filter(email__in=emails)}
    return [Recipient(email=e, user=users.get(e), group=RespondentGroup.CONTACT_OFFICIAL) for e in emails]


def register_builtin() -> None:
    for audience in (
        Audience("members", _("All members (verified therapists)"), all_members, order=10),
        Audience("region_members", _("Members of chosen regions"), region_members, param="regions", order=20),
        Audience("coordinators", _("Regional coordinators"), coordinators, order=30),
        Audience(
            "contact_officials", _("Contact officials (e-mail list)"), contact_officials, param="emails", order=40
        ),
        Audience("trainees", _("Trainees (therapists in training)"), trainees, order=50),
    ):
        audience_register(audience)
