"""GDPR export and erasure, extensible per app.

Each app that stores personal data registers in its AppConfig.ready():

* an exporter: returns a JSON-serialisable dict for the user;
* an eraser: deletes or anonymises that app's data for the user, one clearly named function per model.
  An eraser never deletes another party's records: a message the other side wrote stays, and foreign
  keys from such records to the erased person are SET_NULL;
* optionally ``identifiers``: text that identifies the user in that app (a BIG number), searched for in the
  shared records (outbox, access log, audit logs) by ``core.erasure``;
* optionally ``records``: the user's own model instances, whose audit-log history is redacted too, and
  ``identifying_fields``: their columns whose past values (in that history) identify the person.

``accounts.services.user_erase`` collects identifiers and records *before* any eraser runs (a therapist
profile is deleted by its eraser), then runs the erasers, then ``core.erasure.shared_records_erase``.
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from drakentemmers.core.erasure import ErasureSubject

Exporter = Callable[[object], dict]
Eraser = Callable[[object], None]
Identifiers = Callable[[object], list[str]]
Records = Callable[[object], list[models.Model]]

# Erasers run in this order (lower first, then by registration). An eraser that deletes a record other
# erasers find the person's data through (the therapist profile) registers late.
DEFAULT_ORDER = 100

_EXPORTERS: dict[str, Exporter] = {}
_ERASERS: dict[str, tuple[int, Eraser]] = {}
_IDENTIFIERS: dict[str, Identifiers] = {}
_RECORDS: dict[str, Records] = {}
_IDENTIFYING_FIELDS: set[str] = {"email", "first_name", "last_name"}


def register(
    section: str,
    *,
    exporter: Exporter | None = None,
    eraser: Eraser | None = None,
    identifiers: Identifiers | None = None,
    records: Records | None = None,
    identifying_fields: tuple[str, ...] = (),
    order: int = DEFAULT_ORDER,
) -> None:
    _IDENTIFYING_FIELDS.update(identifying_fields)
    if eraser:
        _ERASERS[section] = (order, eraser)
    for registry, value in ((_EXPORTERS, exporter), (_IDENTIFIERS, identifiers), (_RECORDS, records)):
        if value:
            registry[section] = value


def exporters() -> dict[str, Exporter]:
    return dict(_EXPORTERS)


def erasers() -> dict[str, Eraser]:
    """The registered erasers, in the order they must run."""
    ordered = sorted(_ERASERS.items(), key=lambda item: item[1][0])  # stable: registration order within an order
    return {section: eraser for section, (_order, eraser) in ordered}


def pseudonym_for(user) -> str:
    """The address an erased account and its kept records show instead of the person's."""
    return f"erased-{user.pk}@erased.invalid"


def words_of(user) -> list[str]:
    """The person's address and name, for an eraser that redacts text it keeps (call before erasure)."""
    return [user.email, user.get_full_name(), user.first_name, user.last_name]


def erasure_subject(user, *, pseudonym: str) -> ErasureSubject:
    """What identifies the user: addresses, full name, the apps' identifiers; name parts; own records."""
    from allauth.account.models import EmailAddress

    addresses = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    identifiers = {*addresses, user.get_full_name()}
    for provider in _IDENTIFIERS.values():
        identifiers.update(provider(user))
    records = [user]
    for provider in _RECORDS.values():
        records.extend(provider(user))
    return ErasureSubject(
        user_id=user.pk,
        pseudonym=pseudonym,
        addresses=tuple(sorted(a for a in addresses if a)),
        identifiers=tuple(sorted(i for i in identifiers if i)),
        name_parts=tuple(n for n in (user.first_name, user.last_name) if n),
        records=tuple(
            (ContentType.objects.get_for_model(record, for_concrete_model=True).pk, str(record.pk))
            for record in records
        ),
        identifying_fields=tuple(sorted(_IDENTIFYING_FIELDS)),
    )
