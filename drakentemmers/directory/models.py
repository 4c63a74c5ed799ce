"""Therapist and organisation profiles, their vocabularies, locations and availability.

Locations are never more precise than a postcode-4 area or a municipality: a therapist's home address
and a shelter's street address are not stored anywhere.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.models import TokenInvitation, invitation_token

# Availability confirmed longer ago than this (exactly 28 × 24 hours) counts as stale: shown as such,
# reminded by e-mail, ranked lower. Search, ranking, the profile and the reminder all use the two helpers below.
AVAILABILITY_STALE_AFTER_DAYS = 28
# The farthest anyone is searched for or travels: the largest travel radius a therapist can set and the cap
# on a requested maximum distance. Search and ranking share it, so neither finds a therapist the other cannot.
MAX_TRAVEL_RADIUS_KM = 250


def availability_fresh_since(now: datetime) -> datetime:
    """Availability confirmed at or after this moment is fresh; before it (or never) is stale."""
    return now - timedelta(days=AVAILABILITY_STALE_AFTER_DAYS)


def availability_stale_q(now: datetime, *, prefix: str = "") -> models.Q:
    """The stale rows, as a filter: never confirmed, or confirmed before availability_fresh_since(now)."""
    field = f"{prefix}availability_confirmed_at"
    return models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__lt": availability_fresh_since(now)})


def travel_reach_km(max_distance_km: int | None) -> float:
    """The bounding-box radius for a search or ranking: the requested maximum, never above the platform cap."""
    if max_distance_km is None:
        return float(MAX_TRAVEL_RADIUS_KM)
    return float(min(max_distance_km, MAX_TRAVEL_RADIUS_KM))


# The public BIG register's direct link for one BIG number (zoeken.bigregister.nl, the register's own search site).
BIG_REGISTER_URL = "https://zoeken.bigregister.nl/bignummer/{number}"


class VocabularyTerm(models.Model):
    """A controlled-vocabulary term the platform team edits in the admin (Dutch and English label)."""

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        abstract = True
        ordering = ["order", "name_nl"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_of(self.name_nl, self.name_en)

    @staticmethod
    def label_of(name_nl: str, name_en: str) -> str:
        """The name in the active language, also for rows read as plain values."""
        return name_en if translation.get_language() == "en" else name_nl


class Profession(VocabularyTerm):
    is_trainee = models.BooleanField(_("trainee profession"), default=False)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("profession")
        verbose_name_plural = _("professions")


class Expertise(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise areas")


class Method(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("treatment method")
        verbose_name_plural = _("treatment methods")


class Language(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class FundingRoute(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("funding route")
        verbose_name_plural = _("funding routes")


class TargetGroup(VocabularyTerm):
    """Victims, perpetrators, children as witnesses, parent-child / family system..."""

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class AgeBand(models.TextChoices):
    # Matching compares ages with these bands, so they are fixed in code rather than a vocabulary.
    AGE_0_4 = "0-4", _("0–4 years")
    AGE_4_12 = "4-12", _("4–12 years")
    AGE_12_18 = "12-18", _("12–18 years")
    AGE_18_PLUS = "18+", _("18 years and older")


class Setting(models.TextChoices):
    IN_SHELTER = "in_shelter", _("In the shelter")
    OUTPATIENT = "outpatient", _("Outpatient")
    ONLINE = "online", _("Online")


# The TherapistProfile columns that say whether a therapist treats an age band / works in a setting.
AGE_BAND_FIELDS = {
    AgeBand.AGE_0_4: "treats_age_0_4",
    AgeBand.AGE_4_12: "treats_age_4_12",
    AgeBand.AGE_12_18: "treats_age_12_18",
    AgeBand.AGE_18_PLUS: "treats_age_18_plus",
}
SETTING_FIELDS = {
    Setting.IN_SHELTER: "offers_in_shelter",
    Setting.OUTPATIENT: "offers_outpatient",
    Setting.ONLINE: "offers_online",
}


class VerificationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class Accepting(models.TextChoices):
    YES = "yes", _("Accepting new clients")
    LIMITED = "limited", _("Limited places")
    NO = "no", _("Not accepting new clients")


class RegistrationKind(models.TextChoices):
    BIG = "big", _("BIG register")
    NIP = "nip", _("NIP registration")
    NVO = "nvo", _("NVO registration")
    TRAINEE = "trainee", _("Trainee under supervision")


class TherapistProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="therapist_profile"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=VerificationStatus.choices, default=VerificationStatus.DRAFT, db_index=True
    )
    # Verified facts: changing them sends the profile back to review.
    profession = models.ForeignKey(
        Profession, verbose_name=_("profession"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registration_kind = models.CharField(_("registration"), max_length=16, choices=RegistrationKind.choices, blank=True)
    big_number = models.CharField(_("BIG number"), max_length=11, blank=True)
    registration_number = models.CharField(_("NIP/NVO registration number"), max_length=32, blank=True)
    supervisor_name = models.CharField(_("supervisor (for trainees)"), max_length=150, blank=True)
    verification_method = models.CharField(_("how it was verified"), max_length=255, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    practice_name = models.CharField(_("practice or employer"), max_length=200, blank=True)
    bio = models.TextField(_("short bio"), max_length=2000, blank=True)
    photo = models.ImageField(_("photo"), upload_to="therapists/", null=True, blank=True)
    travel_radius_km = models.PositiveSmallIntegerField(_("travel radius (km)"), default=25)
    offers_in_shelter = models.BooleanField(_("treats in the shelter"), default=False)
    offers_outpatient = models.BooleanField(_("treats outpatient"), default=False)
    offers_online = models.BooleanField(_("treats online"), default=False)
    # Age bands as columns: the search filters on them in the database.
    treats_age_0_4 = models.BooleanField(_("0–4 years"), default=False)
    treats_age_4_12 = models.BooleanField(_("4–12 years"), default=False)
    treats_age_12_18 = models.BooleanField(_("12–18 years"), default=False)
    treats_age_18_plus = models.BooleanField(_("18 years and older"), default=False)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True)
    expertise = models.ManyToManyField(Expertise, verbose_name=_("expertise"), blank=True)
    methods = models.ManyToManyField(Method, verbose_name=_("methods"), blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True)
    funding_routes = models.ManyToManyField(FundingRoute, verbose_name=_("funding routes"), blank=True)
    contact_preferences = models.CharField(_("contact preferences"), max_length=255, blank=True)
    public_profile = models.BooleanField(
        _("show a public mini-profile"),
        default=False,
        help_text=_("Name, profession, region and methods, visible to everyone. Never your availability."),
    )

    accepting = models.CharField(
        _("accepting new clients"), max_length=8, choices=Accepting.choices, default=Accepting.NO
    )
    free_places_adults = models.PositiveSmallIntegerField(_("free places for adults"), default=0)
    free_places_children = models.PositiveSmallIntegerField(_("free places for children and young people"), default=0)
    waiting_weeks = models.PositiveSmallIntegerField(_("typical waiting time (weeks)"), default=0)
    earliest_start = models.DateField(_("earliest start"), null=True, blank=True)
    availability_confirmed_at = models.DateTimeField(_("availability last confirmed"), null=True, blank=True)
    availability_reminded_at = models.DateTimeField(_("availability reminder sent"), null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("therapist profile")
        verbose_name_plural = _("therapist profiles")
        indexes = [models.Index(fields=["status", "accepting"]), models.Index(fields=["availability_confirmed_at"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def big_register_url(self) -> str:
        """The BIG register's page for this BIG number, for the verifier; empty without a number."""
        number = "".join(ch for ch in self.big_number if ch.isdigit())
        return BIG_REGISTER_URL.format(number=number) if number else ""

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or _("Therapist %(id)s") % {"id": self.pk}

    @property
    def is_verified(self) -> bool:
        return self.status == VerificationStatus.VERIFIED

    @property
    def setting_labels(self) -> list[str]:
        offers = {Setting.IN_SHELTER: self.offers_in_shelter, Setting.OUTPATIENT: self.offers_outpatient}
        offers[Setting.ONLINE] = self.offers_online
        return [str(setting.label) for setting, offered in offers.items() if offered]

    @property
    def age_labels(self) -> list[str]:
        ages = {AgeBand.AGE_0_4: self.treats_age_0_4, AgeBand.AGE_4_12: self.treats_age_4_12}
        ages.update({AgeBand.AGE_12_18: self.treats_age_12_18, AgeBand.AGE_18_PLUS: self.treats_age_18_plus})
        return [str(band.label) for band, treated in ages.items() if treated]

    @property
    def availability_is_stale(self) -> bool:
        if self.availability_confirmed_at is None:
            return True
        return self.availability_confirmed_at < availability_fresh_since(timezone.now())


class WorkLocation(models.Model):
    """Where a therapist works, as a postcode-4 area or a municipality; the coordinates are that area's centre."""

    therapist = models.ForeignKey(TherapistProfile, on_delete=models.CASCADE, related_name="locations")
    municipality = models.ForeignKey(
        "regions.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    postcode_area = models.ForeignKey(
        "regions.PostcodeArea",
        verbose_name=_("postcode area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.FloatField()
    longitude = models.FloatField()
    # A different reach from this area (farther in a rural area, less in a city); empty: the profile's radius.
    travel_radius_km = models.PositiveSmallIntegerField(
        _("travel radius from this area (km)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_TRAVEL_RADIUS_KM)],
        help_text=_("Empty: your general travel radius applies."),
    )

    class Meta:
        verbose_name = _("work location")
        verbose_name_plural = _("work locations")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return str(self.postcode_area or self.municipality)


class OrganisationKind(models.TextChoices):
    WOMENS_SHELTER = "womens_shelter", _("Women's shelter")
    HOMELESS_SHELTER = "homeless_shelter", _("Homeless shelter")
    MDA = "mda", _("MDA++ team")
    MUNICIPALITY = "municipality", _("Municipality")
    OUTPATIENT = "outpatient", _("Outpatient care")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    CERTIFIED_INSTITUTION = "gi", _("Certified institution (GI)")
    LOCAL_TEAM = "local_team", _("Local team")
    YOUTH_CARE = "youth_care", _("Youth care")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type of organisation"), max_length=32, choices=OrganisationKind.choices)
    kvk_number = models.CharField(_("Chamber of Commerce (KvK) number"), max_length=8, blank=True)
    email_domain = models.CharField(_("e-mail domain"), max_length=100, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    # Where the organisation is based, never more precise than PC4: a shelter's address stays secret.
    municipality = models.ForeignKey(
        "regions.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    postcode_area = models.ForeignKey(
        "regions.PostcodeArea",
        verbose_name=_("postcode area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    covered_municipalities = models.ManyToManyField(
        "regions.Municipality", verbose_name=_("municipalities covered"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.SUBMITTED,
        db_index=True,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == VerificationStatus.VERIFIED


class OrganisationMembership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    is_admin = models.BooleanField(_("organisation admin"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="unique_organisation_member")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


def _invitation_token() -> str:
    """Referenced by migration 0002; new rows get core.models.invitation_token."""
    return invitation_token()


def _invitation_expiry():
    """Referenced by migration 0002; new rows get their expiry from OrganisationInvitation.VALID_DAYS."""
    return timezone.now() + timedelta(days=ORGANISATION_INVITATION_VALID_DAYS)


# An organisation admin's invitation link for a colleague stays valid this long.
ORGANISATION_INVITATION_VALID_DAYS = 14


class OrganisationInvitation(TokenInvitation):
    """An organisation admin invites a colleague by e-mail; the link expires and works once."""

    VALID_DAYS = ORGANISATION_INVITATION_VALID_DAYS

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")

    class Meta(TokenInvitation.Meta):
        verbose_name = _("organisation invitation")
        verbose_name_plural = _("organisation invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation_invitation_accept", args=[self.token])

    def grant(self, user) -> OrganisationMembership:
        """Membership of the organisation plus the organisation-staff role."""
        from drakentemmers.accounts.models import Role
        from drakentemmers.accounts.services import role_grant

        membership, _created = OrganisationMembership.objects.get_or_create(organisation=self.organisation, user=user)
        role_grant(user=user, role=Role.ORG_STAFF, granted_by=self.invited_by)
        user.__dict__.pop("_verified_memberships", None)
        return membership
