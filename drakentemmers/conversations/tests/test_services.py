import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from drakentemmers.conversations.models import Message, ReadMarker, Thread
from drakentemmers.conversations.services import message_post, thread_create, thread_mark_read

pytestmark = pytest.mark.django_db

VALID_BSN = "111222333"


def start(*, organisation, staff, therapist, subject="Vraag over plek", body="Heb je plek?", **kwargs) -> Thread:
    return thread_create(
        kind="contact",
        subject=subject,
        author=staff,
        body=body,
        participants=[therapist.user, organisation],
        about=therapist,
        **kwargs,
    )


def test_a_valid_bsn_is_refused_in_the_body_even_when_confirmed(organisation, staff, therapist):
    with pytest.raises(ValidationError) as excinfo:
        start(
            organisation=organisation, staff=staff, therapist=therapist, body=f"BSN {VALID_BSN}", privacy_confirmed=True
        )
    assert "body" in excinfo.value.error_dict
    assert not Thread.objects.exists() and not Message.objects.exists()


def test_a_valid_bsn_is_refused_in_the_subject_even_when_confirmed(organisation, staff, therapist):
    with pytest.raises(ValidationError) as excinfo:
        start(
            organisation=organisation,
            staff=staff,
            therapist=therapist,
            subject=f"Kind {VALID_BSN}",
            privacy_confirmed=True,
        )
    assert "subject" in excinfo.value.error_dict
    assert not Thread.objects.exists()


def test_a_reply_with_a_valid_bsn_is_refused(organisation, staff, therapist):
    thread = start(organisation=organisation, staff=staff, therapist=therapist)
    with pytest.raises(ValidationError):
        message_post(thread=thread, author=therapist.user, body=f"Is dit {VALID_BSN}?", privacy_confirmed=True)
    assert thread.messages.count() == 1


def test_an_invalid_nine_digit_number_is_not_a_bsn(organisation, staff, therapist):
    thread = start(organisation=organisation, staff=staff, therapist=therapist, body="Dossier 123456789")
    assert thread.messages.get().body == "Dossier 123456789"


def test_the_notice_holds_only_a_link(organisation, staff, colleague, therapist, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        thread = start(
            organisation=organisation, staff=staff, therapist=therapist, subject="Kind uit Utrecht", body="Inhoud X"
        )
    # The therapist and the organisation's other verified staff member are told; the author is not.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([therapist.user.email, colleague.email])
    notice = next(m for m in mail.outbox if m.to == [therapist.user.email])
    assert "Inhoud X" not in notice.body and "Kind uit Utrecht" not in notice.body + notice.subject
    assert f"/berichten/{thread.pk}/" in notice.body and staff.email not in notice.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        message_post(thread=thread, author=therapist.user, body="Antwoord Y")
    # Both staff of the organisation are told, each in a mail of their own; the author is not.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([staff.email, colleague.email])
    assert all("Antwoord Y" not in m.body for m in mail.outbox)


def test_a_stranger_cannot_post(organisation, staff, therapist, stranger):
    thread = start(organisation=organisation, staff=staff, therapist=therapist)
    with pytest.raises(PermissionDenied):
        message_post(thread=thread, author=stranger, body="Hallo")
    assert thread.messages.count() == 1


def test_the_author_party_label_is_kept_when_the_organisation_is_renamed(organisation, staff, therapist):
    thread = start(organisation=organisation, staff=staff, therapist=therapist)
    organisation.name = "Nieuwe naam"
    organisation.save()
    reply = message_post(thread=thread, author=therapist.user, body="Ja")
    assert list(thread.messages.values_list("author_party_label", flat=True)) == ["Opvang De Haven", ""]
    assert reply.author_party_label == ""


def test_read_markers_are_per_person_and_never_move_back(organisation, staff, colleague, therapist):
    thread = start(organisation=organisation, staff=staff, therapist=therapist)
    first = ReadMarker.objects.get(thread=thread, user=staff).last_read_at
    assert not ReadMarker.objects.filter(user=colleague).exists()
    thread_mark_read(thread=thread, user=staff, at=first.replace(year=first.year - 1))
    assert ReadMarker.objects.get(thread=thread, user=staff).last_read_at == first
    thread_mark_read(thread=thread, user=colleague)
    assert ReadMarker.objects.filter(thread=thread).count() == 2


def test_a_thread_with_a_key_exists_once(organisation, staff, therapist):
    from drakentemmers.conversations.services import thread_get_or_create

    a = thread_get_or_create(kind="x", key="test:1", subject="S", participants=[staff])
    b = thread_get_or_create(kind="x", key="test:1", subject="Other", participants=[staff])
    assert a.pk == b.pk and a.participants.count() == 1
