"""Erasing a person's traces from the platform's shared records (GDPR art. 17): outbox, access log, audit logs.

The domain apps erase their own models (each with a registered eraser, see accounts.personal_data). What
is left are the records every app writes into: the e-mail outbox, our access log, django-auditlog's change
log and the Django admin's log. They hold the person's address, name and registration number as text, so
they are searched by text as well as by link. One function per model, so a new model gets its own.

What is searched where:

* ``identifiers`` (e-mail addresses, full name, BIG/registration numbers) are unique enough to be searched
  in every row of these tables;
* ``name_parts`` (first name, last name alone) are common words, so they are replaced only in rows already
  linked to the person (addressed to them, written by them, about one of their records, or naming one of
  the identifiers), never in another person's unrelated row.

Every match is replaced by ``ERASED`` as a whole word, so "Jan" in "januari" survives.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from .models import AccessLogEntry, DigestItem, NoticePreference, OutgoingEmail

ERASED = "[verwijderd]"
# Identifiers shorter than this are never searched for: they would match unrelated text.
MIN_IDENTIFIER_LENGTH = 3


@dataclass(frozen=True)
class ErasureSubject:
    """Everything that identifies the person being erased, collected before any record is changed."""

    user_id: int
    pseudonym: str
    addresses: tuple[str, ...]
    identifiers: tuple[str, ...]
    name_parts: tuple[str, ...] = ()
    # (content type id, primary key as text) of the person's own records, e.g. their therapist profile.
    records: tuple[tuple[int, str], ...] = field(default=())
    # Columns of those records whose every past value identifies the person (a BIG number changed twice):
    # in the audit history of the records, their old values are erased as well.
    identifying_fields: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return self.identifiers + self.name_parts


def _usable(words) -> list[str]:
    # Longest first, so "Fenna Drakenstein" is replaced before "Fenna".
    unique = {w.strip() for w in words if w and len(w.strip()) >= MIN_IDENTIFIER_LENGTH}
    return sorted(unique, key=len, reverse=True)


def redact(text: str, words) -> str:
    """``text`` with every whole-word occurrence of any of ``words`` (case-insensitive) replaced by ERASED."""
    if not text:
        return text
    for word in _usable(words):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", ERASED, text, flags=re.IGNORECASE)
    return text


def redact_json(value: Any, words) -> Any:
    """The same for JSON data: every string inside, keys included, is redacted."""
    if isinstance(value, str):
        return redact(value, words)
    if isinstance(value, list):
        return [redact_json(item, words) for item in value]
    if isinstance(value, dict):
        return {redact(str(key), words): redact_json(item, words) for key, item in value.items()}
    return value


def text_match(fields: list[str], words) -> Q:
    """Rows where any of the (text or JSON) ``fields`` contains any of ``words``; an empty Q matches nothing."""
    query = Q(pk__in=[])
    for word in _usable(words):
        for name in fields:
            query |= Q(**{f"{name}__icontains": word})
    return query


@transaction.atomic
def outgoing_email_erase(subject: ErasureSubject) -> int:
    """Mails to the person: address replaced by the pseudonym, bodies purged, not sent any more.

    Mails to others that name the person (e.g. "X offers to take your request") keep their metadata and
    text with the person's identifiers redacted. Returns the number of rows changed.
    """
    to_person = OutgoingEmail.objects.filter(text_match(["to"], subject.addresses))
    naming = OutgoingEmail.objects.filter(
        text_match(["subject", "body_text", "body_html", "last_error"], subject.identifiers)
    )
    changed = 0
    addresses = {a.lower() for a in subject.addresses}
    for mail in (to_person | naming).distinct():
        addressed = any(str(a).lower() in addresses for a in mail.to)
        mail.to = [subject.pseudonym if str(a).lower() in addresses else a for a in mail.to]
        mail.subject = redact(mail.subject, subject.words)
        mail.last_error = redact(mail.last_error, subject.words)
        if addressed:
            mail.body_text, mail.body_html = "", ""
            if mail.status in (OutgoingEmail.Status.QUEUED, OutgoingEmail.Status.RETRYING):
                mail.status = OutgoingEmail.Status.FAILED
                mail.last_error = "recipient erased"
        else:
            mail.body_text = redact(mail.body_text, subject.words)
            mail.body_html = redact(mail.body_html, subject.words)
        mail.save(update_fields=["to", "subject", "body_text", "body_html", "status", "last_error"])
        changed += 1
    return changed


@transaction.atomic
def access_log_pseudonymise(subject: ErasureSubject) -> int:
    """Keep the person's access-log rows, with a pseudonym instead of the e-mail address as label.

    Legal basis for keeping the rows: NEN 7513 requires a log of who accessed which record, and a client
    or organisation may later ask who read their request; deleting the erased person's reads would make
    that answer wrong (GDPR art. 17(3)(b) and (e)). The pseudonym and the kept user id (an anonymised
    account row) still let the platform team tell this person's reads apart without naming them. The IP
    address is kept for the same reason: it is part of what the log must show (from where a record was read).
    """
    rows = AccessLogEntry.objects.filter(
        Q(user_id=subject.user_id) | text_match(["user_label"], subject.addresses)
    ).update(user_label=subject.pseudonym)
    for entry in AccessLogEntry.objects.filter(text_match(["path"], subject.identifiers)):
        entry.path = redact(entry.path, subject.words)
        entry.save(update_fields=["path"])
        rows += 1
    return rows


@transaction.atomic
def audit_log_erase(subject: ErasureSubject) -> int:
    """django-auditlog rows: the person's values redacted in every text and JSON column.

    Rows are kept (the history of a verification or a membership belongs to the organisation and the
    platform too); rows written by the person lose the actor's e-mail, IP address and port.
    """
    from auditlog.models import LogEntry

    text_fields = ["object_repr", "changes_text", "changes", "serialized_data", "additional_data", "actor_email"]
    own_records = Q(pk__in=[])
    for content_type_id, pk in subject.records:
        own_records |= Q(content_type_id=content_type_id, object_pk=pk)
    words = list(subject.words) + _past_values(LogEntry.objects.filter(own_records), subject.identifying_fields)
    linked = own_records | Q(actor_id=subject.user_id) | text_match(text_fields, [*subject.identifiers, *words])
    changed = 0
    for entry in LogEntry.objects.filter(linked):
        entry.object_repr = redact(entry.object_repr, words)
        entry.changes_text = redact(entry.changes_text, words)
        entry.changes = redact_json(entry.changes, words)
        entry.serialized_data = redact_json(entry.serialized_data, words)
        entry.additional_data = redact_json(entry.additional_data, words)
        entry.actor_email = redact(entry.actor_email or "", words)
        if entry.actor_id == subject.user_id:
            entry.remote_addr, entry.remote_port, entry.actor_email = None, None, ""
        # LogEntry.save() is not overridden for changes; update_fields keeps the timestamp as it was.
        entry.save(
            update_fields=[
                "object_repr",
                "changes_text",
                "changes",
                "serialized_data",
                "additional_data",
                "actor_email",
                "remote_addr",
                "remote_port",
            ]
        )
        changed += 1
    return changed


def _past_values(entries, fields: tuple[str, ...]) -> list[str]:
    """Every old and new value auditlog recorded for the identifying fields of the person's own records."""
    values: set[str] = set()
    for changes in entries.exclude(changes__isnull=True).values_list("changes", flat=True):
        for name in fields:
            for value in (changes or {}).get(name) or []:
                if value and str(value) != "None":
                    values.add(str(value))
    return sorted(values)


@transaction.atomic
def admin_log_erase(subject: ErasureSubject) -> int:
    """The Django admin's own log: the object's name and change message as they were shown at the time."""
    from django.contrib.admin.models import LogEntry

    linked = text_match(["object_repr", "change_message"], subject.identifiers)
    for content_type_id, pk in subject.records:
        linked |= Q(content_type_id=content_type_id, object_id=pk)
    changed = 0
    for entry in LogEntry.objects.filter(linked):
        entry.object_repr = redact(entry.object_repr, subject.words)[:200]
        entry.change_message = redact(entry.change_message, subject.words)
        entry.save(update_fields=["object_repr", "change_message"])
        changed += 1
    return changed


def digest_items_erase(subject: ErasureSubject) -> int:
    """The person's own kept notices and preference go; other people's notices that name them are redacted."""
    DigestItem.objects.filter(user_id=subject.user_id).delete()
    NoticePreference.objects.filter(user_id=subject.user_id).delete()
    words = _usable(subject.identifiers)
    changed = 0
    for item in DigestItem.objects.filter(text_match(["subject", "body_text"], words)):
        item.subject, item.body_text = redact(item.subject, words), redact(item.body_text, words)
        item.save(update_fields=["subject", "body_text"])
        changed += 1
    return changed


def shared_records_erase(subject: ErasureSubject) -> None:
    """Run every eraser of this module; call it last, after the apps' erasers (they write audit rows too)."""
    outgoing_email_erase(subject)
    digest_items_erase(subject)
    access_log_pseudonymise(subject)
    audit_log_erase(subject)
    admin_log_erase(subject)
