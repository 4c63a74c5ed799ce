from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.models import TokenInvitation, invitation_token


class Role(models.TextChoices):
    THERAPIST = "therapist", _("Therapist (member)")
    ORG_STAFF = "org_staff", _("Organisation staff")
    COORDINATOR = "coordinator", _("Regional coordinator")
    EDITOR = "editor", _("Editor (platform team)")
    MODERATOR = "moderator", _("Moderator (platform team)")
    VERIFIER = "verifier", _("Verifier (platform team)")
    ADMINISTRATOR = "administrator", _("Administrator")


PLATFORM_TEAM_ROLES = frozenset({Role.EDITOR, Role.MODERATOR, Role.VERIFIER, Role.ADMINISTRATOR})
# Roles that see non-public data of others and therefore must have MFA switched on first.
MFA_REQUIRED_ROLES = PLATFORM_TEAM_ROLES | {Role.ORG_STAFF, Role.COORDINATOR}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with a login. E-mail is the login name; roles come from RoleGrant rows."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    erasure_requested_at = models.DateTimeField(_("erasure requested at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        """The user's roles, read once per request. Superusers count as administrators."""
        roles = set(self.role_grants.values_list("role", flat=True))
        if self.is_superuser:
            roles.add(Role.ADMINISTRATOR)
        return frozenset(roles)

    @property
    def role_labels(self) -> list[str]:
        """The names of the user's roles, for display (core's "My Drakentemmers" page)."""
        return [str(Role(role).label) for role in sorted(self.roles)]

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_platform_team(self) -> bool:
        return bool(self.roles & PLATFORM_TEAM_ROLES)

    @property
    def needs_mfa(self) -> bool:
        return bool(self.roles & MFA_REQUIRED_ROLES)


class RoleGrant(models.Model):
    """One role held by one user. A coordinator's grant names the region they coordinate."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only for regional coordinators: the region they coordinate."),
    )
    granted_by = models.ForeignKey(
        User, verbose_name=_("granted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region"], name="unique_role_grant_region"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=models.Q(region__isnull=True), name="unique_role_grant_no_region"
            ),
        ]

    def __str__(self) -> str:
        label = self.get_role_display()
        return f"{self.user} – {label}" + (f" ({self.region})" if self.region_id else "")


def _invitation_token() -> str:
    """Referenced by migration 0001; new rows get core.models.invitation_token."""
    return invitation_token()


def _invitation_expiry():
    """Referenced by migration 0001; new rows get their expiry from Invitation.valid_days()."""
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class Invitation(TokenInvitation):
    """An invitation by e-mail into a role (sent by the platform team); the link expires and works once."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(TokenInvitation.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.get_role_display()}"

    @classmethod
    def valid_days(cls) -> int:
        return settings.INVITATION_VALID_DAYS

    def get_absolute_url(self) -> str:
        return reverse("accounts:invitation_accept", args=[self.token])

    def grant(self, user: User) -> "RoleGrant":
        from .services import role_grant

        return role_grant(user=user, role=self.role, region=self.region, granted_by=self.invited_by)
