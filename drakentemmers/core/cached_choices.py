"""Model choice fields whose rows come from the cache: vocabularies and region lists change rarely.

A `ModelChoiceField` reads its whole queryset on every render (on PostgreSQL through a server-side cursor: three
round trips) and queries again to validate the chosen value. The fields here read the rows once into Django's
cache (`django.core.cache.cache`), render and validate from that list, and see a change at once: any save or delete
of the model bumps a version that is part of the key (connected by the fields and by `watch()` in the apps'
`ready()`, so a process that never rendered the form still invalidates). Only for small lists (tens of rows)
with no per-user filter.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, signals
from django.forms.models import ModelChoiceIterator

from .cache_versions import version_bump, version_read

TIMEOUT = 60 * 60
_WATCHED: set[type] = set()


def _version_key(model) -> str:
    return f"cached-choices:version:{model._meta.label_lower}"


def _bump(sender, **_kwargs) -> None:
    version_bump(_version_key(sender))


def watch(*models) -> None:
    """Connect the invalidation in every process (AppConfig.ready()), not only where a form was rendered."""
    for model in models:
        _watch(model)


def watch_dependent(model, *, changed_by) -> None:
    """Rows of `model` whose selection depends on another model (a setting in a subquery): a change of that
    model invalidates `model`'s cached lists as well."""
    watch(model)

    def bump(sender, **_kwargs) -> None:
        _bump(model)

    for signal in (signals.post_save, signals.post_delete):
        signal.connect(
            bump,
            sender=changed_by,
            dispatch_uid=f"cached_choices:{model._meta.label}:by:{changed_by._meta.label}:{signal}",
            weak=False,
        )


def _watch(model) -> None:
    if model in _WATCHED:
        return
    _WATCHED.add(model)
    for signal in (signals.post_save, signals.post_delete):
        signal.connect(_bump, sender=model, dispatch_uid=f"cached_choices:{model._meta.label}:{signal}", weak=False)


def cached_rows(queryset: QuerySet) -> list:
    """The queryset's rows, from the cache while no row of its model changed (at most an hour old)."""
    model = queryset.model
    _watch(model)
    version = version_read(_version_key(model))
    sql_hash = hashlib.sha256(str(queryset.query).encode()).hexdigest()[:16]
    key = f"cached-choices:{model._meta.label_lower}:{version}:{sql_hash}"
    rows = cache.get(key)
    if rows is None:
        rows = list(queryset)
        cache.set(key, rows, TIMEOUT)
    return rows


class _CachedIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in cached_rows(self.queryset):
            yield self.choice(obj)

    def __len__(self):
        return len(cached_rows(self.queryset)) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(cached_rows(self.queryset))


class CachedModelChoiceField(forms.ModelChoiceField):
    iterator = _CachedIterator

    def __init__(self, queryset, *args, **kwargs):
        super().__init__(queryset, *args, **kwargs)
        _watch(queryset.model)

    def _by_key(self) -> dict[str, object]:
        key = self.to_field_name or "pk"
        return {str(getattr(obj, key)): obj for obj in cached_rows(self.queryset)}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        if isinstance(value, self.queryset.model):
            value = getattr(value, self.to_field_name or "pk")
        try:
            return self._by_key()[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


class CachedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Cleans to a list of model instances (not a queryset)."""

    iterator = _CachedIterator
    _by_key = CachedModelChoiceField._by_key

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, **kwargs)
        _watch(queryset.model)

    def clean(self, value):
        value = self.prepare_value(value)
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        objects = self._check_values(value)
        self.run_validators(value)
        return objects

    def _check_values(self, value) -> list:
        by_key = self._by_key()
        chosen = []
        for item in dict.fromkeys(str(v) for v in value):
            self.validate_no_null_characters(item)
            if item not in by_key:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
            chosen.append(by_key[item])
        return chosen
