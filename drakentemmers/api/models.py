"""Personal API tokens: how an organisation's or a practice's own system talks to the API.

Only a SHA-256 hash of the secret is stored; the secret itself is shown once, when the token is made. The
first characters (`prefix`) are kept in clear so that a person can tell their tokens apart.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="platform_api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. the system that uses it."))
    scope = models.CharField(_("scope"), max_length=16, choices=TokenScope.choices, default=TokenScope.READ)
    prefix = models.CharField(_("prefix"), max_length=16)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    # A token made in a session that passed a second factor carries that factor for the roles that need one
    # (see api.auth); one made without it never opens confidential data, even after the user sets MFA up.
    created_with_mfa = models.BooleanField(_("made with two-factor authentication"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE
