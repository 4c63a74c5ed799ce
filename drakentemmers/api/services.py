"""Writes of the API app: making, using and revoking personal API tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, TokenScope

TOKEN_PREFIX = "dt_"  # noqa: S105 - a marker, not a secret
# 32 random bytes: guessing is hopeless, so a lookup by hash needs no constant-time comparison.
TOKEN_BYTES = 32
PREFIX_SHOWN = 8  # characters after "dt_" kept in clear to recognise a token
# `last_used_at` is written at most this often per token, so a busy integration does not write every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def api_token_create(
    *, user, name: str, scope: str = TokenScope.READ, expires_at: datetime | None = None, with_mfa: bool
) -> NewToken:
    """Make a token for `user`; the returned secret is the only copy (only its hash is stored)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(
        user=user,
        name=name,
        scope=scope,
        prefix=secret[: len(TOKEN_PREFIX) + PREFIX_SHOWN],
        token_hash=token_hash(secret),
        expires_at=expires_at,
        created_with_mfa=with_mfa,
    )
    token.full_clean()
    token.save()
    return NewToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    """Revoke at once: the next request with it is refused (tokens are looked up on every request)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_touch(*, token: ApiToken, now: datetime | None = None) -> None:
    """Record use, at most once per LAST_USED_RESOLUTION (one conditional UPDATE, no read)."""
    now = now or timezone.now()
    if token.last_used_at is not None and token.last_used_at > now - LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def personal_data_export(user) -> dict:
    """The person's tokens as they see them on the account page (never a hash: it is not theirs to use)."""
    fields = ("name", "scope", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    return {"api_tokens": list(ApiToken.objects.filter(user=user).order_by("created_at").values(*fields))}


def personal_data_erase(user) -> None:
    """An erased person's tokens go: none of them may work for the pseudonymised account."""
    ApiToken.objects.filter(user=user).delete()


def personal_data_records(user) -> list:
    return list(ApiToken.objects.filter(user=user))
