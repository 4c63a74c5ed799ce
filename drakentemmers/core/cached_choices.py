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


# The unpickled rows of each list in this process, with the shared version they were read under: a page reads the
# same lists several times (render, validate) and every page reads them again. Read-only model instances.
_PROCESS_ROWS: dict[tuple[str, str], tuple[str, list]] = {}


def process_rows_clear() -> None:
    """Forget the rows kept in this process (with the shared cache cleared: tests)."""
    _PROCESS_ROWS.clear()


def _sql_hash(queryset: QuerySet) -> str:
    return hashlib.sha256(str(queryset.query).encode()).hexdigest()[:16]


def cached_rows(queryset: QuerySet, *, sql_hash: str | None = None) -> list:
    """The queryset's rows, from the cache while no row of its model changed (at most an hour old).

    `sql_hash` is the queryset's SQL fingerprint when the caller already knows it (compiling the SQL costs more
    than reading the rows from the cache)."""
    model = queryset.model
    _watch(model)
    version = version_read(_version_key(model))
    sql_hash = sql_hash or _sql_hash(queryset)
    label = model._meta.label_lower
    known = _PROCESS_ROWS.get((label, sql_hash))
    if known is not None and known[0] == version:
        return known[1]
    key = f"cached-choices:{label}:{version}:{sql_hash}"
    rows = cache.get(key)
    if rows is None:
        rows = list(queryset)
        cache.set(key, rows, TIMEOUT)
    _PROCESS_ROWS[(label, sql_hash)] = (version, rows)
    return rows


class _CachedQuerysetMixin:
    """Keeps the SQL fingerprint of the field's queryset, shared by the form class's field and the per-form copies
    that have the same queryset (a form's `__init__` that assigns another queryset gets its own)."""

    def _get_queryset(self):
        return self._queryset

    def _set_queryset(self, queryset):
        super()._set_queryset(queryset)
        self._sql_hash_box = [None]

    queryset = property(_get_queryset, _set_queryset)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result._sql_hash_box = self._sql_hash_box  # the copy's queryset is `.all()` of this one: the same SQL
        return result

    def cached_rows(self) -> list:
        box = self._sql_hash_box
        if box[0] is None:
            box[0] = _sql_hash(self.queryset)
        return cached_rows(self.queryset, sql_hash=box[0])


class _CachedIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.cached_rows():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.cached_rows()) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.cached_rows())


class CachedModelChoiceField(_CachedQuerysetMixin, forms.ModelChoiceField):
    iterator = _CachedIterator

    def __init__(self, queryset, *args, **kwargs):
        super().__init__(queryset, *args, **kwargs)
        _watch(queryset.model)

    def _by_key(self) -> dict[str, object]:
        key = self.to_field_name or "pk"
        return {str(getattr(obj, key)): obj for obj in self.cached_rows()}

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


class CachedModelMultipleChoiceField(_CachedQuerysetMixin, forms.ModelMultipleChoiceField):
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
