"""The candidates ranking, cached per request criteria until the data it reads change.

`rank_candidates` builds and runs one large query (most of the candidates page's CPU is Django compiling it). Its
result depends only on the criteria (a frozen value: the request's fields and the therapists already invited), the
therapists' profiles, lists and work locations, the open candidacies (the load term) and the clock. So the view
asks `cached_rank_candidates`, keyed by the criteria, the language (the reasons are translated) and two versions:

- the public data version (core.public_cache): any save or delete of a TherapistProfile, its M2M lists, a
  WorkLocation or a Method bumps it, so a therapist's changed availability ranks at once;
- this module's version: any save or delete of a Candidacy (the load term, the exclusions) or of an Expertise (its
  labels in the reasons), and `bump()` for the queryset updates that send no signal (an invitation expiring).

The clock: availability turning out of date and candidacies leaving the load window move the score without any
write; every entry therefore lives at most RANKING_CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import signals
from django.utils.translation import get_language

from drakentemmers.core import public_cache
from drakentemmers.core.cache_versions import version_bump, version_read

from .ranking import Candidate, Criteria, rank_candidates

VERSION_KEY = "matching:ranking:version"
RANKING_CACHE_SECONDS = 60


def bump(**_kwargs) -> None:
    """Drop every cached ranking: now, and once the transaction commits (as public_cache.bump_version)."""
    version_bump(VERSION_KEY)


def watch(*models: type) -> None:
    for model in models:
        uid = f"ranking_cache:{model._meta.label}"
        signals.post_save.connect(bump, sender=model, dispatch_uid=uid + ":save", weak=False)
        signals.post_delete.connect(bump, sender=model, dispatch_uid=uid + ":delete", weak=False)


def cache_key(criteria: Criteria, *, limit: int, therapist_id: int | None) -> str:
    raw = repr((criteria, limit, therapist_id))
    digest = hashlib.sha256(raw.encode()).hexdigest()[:24]
    return f"ranking:{public_cache.data_version()}:{version_read(VERSION_KEY)}:{get_language()}:{digest}"


def cached_rank_candidates(criteria: Criteria, *, limit: int = 20, therapist_id: int | None = None) -> list[Candidate]:
    """rank_candidates(...), from the cache while nothing it reads changed (see the module docstring)."""
    key = cache_key(criteria, limit=limit, therapist_id=therapist_id)
    ranked = cache.get(key)
    if ranked is None:
        ranked = rank_candidates(criteria, limit=limit, therapist_id=therapist_id)
        cache.set(key, ranked, RANKING_CACHE_SECONDS)
    return ranked
