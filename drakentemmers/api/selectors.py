"""Reads of the API: tokens, and the public directory with the filters the API offers.

What is public is the directory's rule (`directory.selectors.public_profiles`, `network_figures`); this
module only filters and pages it.
"""

import math
import time
from datetime import UTC, datetime

from django.core.cache import cache
from django.db.models import Q, QuerySet

from drakentemmers.core import public_cache
from drakentemmers.directory.models import TherapistProfile
from drakentemmers.directory.selectors import network_figures, public_profiles
from drakentemmers.regions.models import Municipality, Region
from drakentemmers.regions.selectors import reporting_region_kind

from .models import ApiToken
from .services import token_hash

LAST_STAMP_KEY = "api:directory-modified:last"
STAMP_TIMEOUT_SECONDS = 30 * 86400
# Per-body stamps may go sooner: a lost one only makes the next answer full (never a wrong 304).
BODY_STAMP_TIMEOUT_SECONDS = 86400


def api_token_by_secret(secret: str) -> ApiToken | None:
    """The token whose hash matches, with its user (one query); None when unknown."""
    return ApiToken.objects.select_related("user").filter(token_hash=token_hash(secret)).first()


def api_token_list(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at", "-pk")


def region_filter_q(*, region: str | None, municipality: str | None, prefix: str = "") -> Q | None:
    """Therapists with a work location in the region (code, any division) and/or the municipality (CBS code).

    None when a code names nothing: the caller answers with an empty list, not with everybody.
    """
    q = Q()
    if region:
        found = Region.objects.filter(code__iexact=region).values_list("pk", flat=True)
        if not found:
            return None
        q &= Q(**{f"{prefix}locations__municipality__regions__in": list(found)})
    if municipality:
        found = Municipality.objects.filter(code__iexact=municipality).values_list("pk", flat=True)
        if not found:
            return None
        q &= Q(**{f"{prefix}locations__municipality__in": list(found)})
    return q


def public_profile_list(
    *, region: str | None = None, municipality: str | None = None, with_regions: bool = True
) -> QuerySet[TherapistProfile]:
    """Public mini-profiles, optionally in a region and/or a municipality; ordered by name.

    `with_regions=False` (the HSDS export) prefetches only methods and work locations with their municipality:
    not the regions of the reporting unit the mini-profile shows, so the unit is not read either.
    """
    qs = public_profiles(kind=reporting_region_kind() if with_regions else None)
    q = region_filter_q(region=region, municipality=municipality)
    if q is None:
        return qs.none()
    if q:
        qs = qs.filter(pk__in=TherapistProfile.objects.filter(q).values("pk"))
    return qs


def municipality_codes_within(*, region: str | None, municipality: str | None) -> set[str] | None:
    """CBS codes of the municipalities in the region and/or equal to the municipality; None without a filter."""
    if not region and not municipality:
        return None
    qs = Municipality.objects.all()
    if region:
        qs = qs.filter(regions__code__iexact=region)
    if municipality:
        qs = qs.filter(code__iexact=municipality)
    return set(qs.values_list("code", flat=True))


def region_counts(*, kind: str | None = None) -> tuple[str, list[Region]]:
    """Regions of one division with `therapist_count` (verified therapists working there): the public figures."""
    kind = kind or reporting_region_kind()
    _total, regions, _provinces, _methods, _target_groups = network_figures(kind=kind)
    return kind, regions


def offered_methods() -> list:
    """Active methods that at least one verified therapist offers, with `therapist_count`."""
    _total, _regions, _provinces, methods, _target_groups = network_figures(kind=reporting_region_kind())
    return methods


def directory_last_modified(*, body_etag: str = "") -> datetime:
    """When the public data last changed: the moment the public-page data version was first seen.

    The version (core.public_cache) changes with every save of what the public pages show (profiles, their
    users' names, work locations, vocabularies, regions, trainings and their sessions and enrolments), also
    when a profile leaves the directory, which a newest-`updated_at` would miss. Each new version gets a later
    second than the one before, so a client's If-Modified-Since never matches a newer list. A lost cache entry
    gives "now": a full answer, never a wrong 304.

    A list that also changes with time alone (trainings leave the agenda when their last session ends, with no
    save) passes its `body_etag`: the stamp is then the moment that exact body was first served within the
    data version, so the changed list gets a later date.
    """
    version = public_cache.data_version()
    key = f"api:directory-modified:{version}"
    timeout = STAMP_TIMEOUT_SECONDS
    if body_etag:
        key += f":{body_etag.strip(chr(34))}"
        timeout = BODY_STAMP_TIMEOUT_SECONDS
    stamp = cache.get(key)
    if stamp is None:
        stamp = max(math.ceil(time.time()), int(cache.get(LAST_STAMP_KEY, 0)) + 1)
        if cache.add(key, stamp, timeout):
            cache.set(LAST_STAMP_KEY, stamp, None)
        stamp = cache.get(key, stamp)
    return datetime.fromtimestamp(stamp, tz=UTC)


def body_last_modified(etag: str) -> datetime:
    """`directory_last_modified` for a list that changes with time alone (see there)."""
    return directory_last_modified(body_etag=etag)
