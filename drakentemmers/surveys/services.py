"""Writes for questionnaires: the builder, opening (invitations by e-mail), drafts, submits, reminders.

Guarantees:
- one response per invitation, also under concurrent submits: the invitation row is locked
  (select_for_update) while it is checked and marked done; for named questionnaires the one-to-one
  column is a second, database-level guard;
- an anonymous response is stored without invitation, user or time; the invitation's done-mark is only
  the day; and the questionnaire's anonymous responses are rewritten in a shuffled order in the same
  transaction, so neither PostgreSQL's row order (ctid) nor its transaction ids (xmin) single out the
  newest row (see models' module doc).
"""

import secrets
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from drakentemmers.accounts.personal_data import pseudonym_for
from drakentemmers.core import navigation
from drakentemmers.core.privacy.guard import privacy_assert_storable
from drakentemmers.core.services import email_queue_template

from .audiences import audience_get
from .models import (
    Question,
    Questionnaire,
    QuestionnaireStatus,
    Response,
    Section,
    SurveyInvitation,
)
from .permissions import open_count_cache_key

# A non-responder gets one reminder this many days after the invitation, or earlier when the closing date nears.
REMINDER_AFTER_DAYS = 7
REMINDER_BEFORE_CLOSING_DAYS = 3
REMINDER_BATCH = 500


def closing_moment(questionnaire: Questionnaire) -> datetime:
    """The end of the closing day (Dutch time): the link works through the whole last day."""
    day_after = questionnaire.closes_on + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day_after, time.min))


def questionnaire_is_open(questionnaire: Questionnaire, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return questionnaire.status == QuestionnaireStatus.OPEN and now < closing_moment(questionnaire)


@transaction.atomic
def questionnaire_save(*, questionnaire: Questionnaire, user=None) -> Questionnaire:
    if questionnaire.pk is None:
        questionnaire.created_by = user
    elif questionnaire.status != QuestionnaireStatus.DRAFT:
        stored = Questionnaire.objects.get(pk=questionnaire.pk)
        if stored.anonymous != questionnaire.anonymous:
            raise ValidationError(_("Whether answers are anonymous cannot change once the questionnaire is open."))
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


def _require_editable(questionnaire: Questionnaire) -> None:
    if questionnaire.status != QuestionnaireStatus.DRAFT:
        raise ValidationError(_("Questions can only change while the questionnaire is a draft."))


def _check_condition(owner_section: Section, position_key: tuple, condition: Question | None, value: str) -> None:
    if condition is None:
        if value:
            raise ValidationError({"show_if_value": _("Choose the question this answer belongs to.")})
        return
    if condition.section.questionnaire_id != owner_section.questionnaire_id:
        raise ValidationError({"show_if_question": _("Choose a question of this questionnaire.")})
    condition_key = (condition.section.position, condition.section_id, condition.position, condition.pk)
    if condition_key >= position_key:
        raise ValidationError({"show_if_question": _("The condition must be an earlier question.")})
    if condition.options and value not in condition.options:
        raise ValidationError({"show_if_value": _("Choose one of that question's options.")})
    if not value:
        raise ValidationError({"show_if_value": _("Say which answer shows this.")})


@transaction.atomic
def section_save(*, section: Section) -> Section:
    _require_editable(section.questionnaire)
    if section.pk is None and not section.position:
        section.position = section.questionnaire.sections.count() + 1
    # A section's condition must come before all of the section's questions.
    _check_condition(
        section, (section.position, section.pk or 10**9, -1, -1), section.show_if_question, section.show_if_value
    )
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def question_save(*, question: Question) -> Question:
    _require_editable(question.section.questionnaire)
    if question.pk is None and not question.position:
        question.position = question.section.questions.count() + 1
    key = (question.section.position, question.section_id, question.position, question.pk or 10**9)
    _check_condition(question.section, key, question.show_if_question, question.show_if_value)
    if question.kind in ("single", "multiple") and len(question.options) < 2:
        raise ValidationError({"choices": _("Give at least two options, one per line.")})
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    _require_editable(question.section.questionnaire)
    question.delete()


@transaction.atomic
def section_delete(*, section: Section) -> None:
    _require_editable(section.questionnaire)
    section.delete()


def _invitation_send(invitation: SurveyInvitation, *, reminder: bool = False) -> None:
    prefix = "surveys/email/reminder" if reminder else "surveys/email/invitation"
    email_queue_template(
        to=[invitation.email],
        template_prefix=prefix,
        context={
            "invitation": invitation,
            "questionnaire": invitation.questionnaire,
            "url": settings.SITE_URL + invitation.get_absolute_url(),
        },
    )


@transaction.atomic
def questionnaire_open(*, questionnaire: Questionnaire, user=None, now: datetime | None = None) -> int:
    """Open the questionnaire and invite its audience (again: only addresses not yet invited). Returns how many."""
    now = now or timezone.now()
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status == QuestionnaireStatus.CLOSED or now >= closing_moment(questionnaire):
        raise ValidationError(_("This questionnaire is closed; set a later closing date to open it."))
    if not Question.objects.filter(section__questionnaire=questionnaire).exists():
        raise ValidationError(_("Add at least one question before opening the questionnaire."))
    audience = audience_get(questionnaire.audience)
    if audience is None:
        raise ValidationError(_("Choose who receives the questionnaire."))
    if questionnaire.status == QuestionnaireStatus.DRAFT:
        questionnaire.status = QuestionnaireStatus.OPEN
        questionnaire.opened_at = now
        questionnaire.save(update_fields=["status", "opened_at"])
    invited = {e.lower() for e in questionnaire.invitations.values_list("email", flat=True)}
    new = []
    for recipient in audience.recipients_for(questionnaire.audience_params):
        email = recipient.email.strip().lower()
        if not email or email in invited:
            continue
        invited.add(email)
        new.append(
            SurveyInvitation(
                questionnaire=questionnaire,
                email=email,
                user=recipient.user,
                region_id=recipient.region_id,
                group=recipient.group,
                invited_by=user,
                expires_at=closing_moment(questionnaire),
            )
        )
    SurveyInvitation.objects.bulk_create(new)
    _open_counts_forget([invitation.user_id for invitation in new])
    for invitation in new:
        invitation.questionnaire = questionnaire
        _invitation_send(invitation)
    return len(new)


@transaction.atomic
def questionnaire_close(*, questionnaire: Questionnaire) -> Questionnaire:
    questionnaire.status = QuestionnaireStatus.CLOSED
    questionnaire.save(update_fields=["status"])
    return questionnaire


def _open_counts_forget(user_ids: list[int | None]) -> None:
    """The menu's cached count of open questionnaires is stale for these users once the transaction commits."""
    keys = [open_count_cache_key(user_id) for user_id in user_ids if user_id]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))
        navigation.frame_changed()  # the cached menus hold the count too (bulk_create and update() send no signal)


def _require_answerable(invitation: SurveyInvitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("You have already submitted this questionnaire. Thank you!"), code="done")
    if not questionnaire_is_open(invitation.questionnaire):
        raise ValidationError(_("This questionnaire is closed."), code="closed")


def _assert_storable(answers: dict) -> None:
    """Open answers are free text: a BSN or an address is refused here too, not only by the form."""
    privacy_assert_storable({key: value for key, value in answers.items() if isinstance(value, str)})


@transaction.atomic
def response_draft_save(*, invitation: SurveyInvitation, answers: dict) -> SurveyInvitation:
    """Keep the answers so far with the invitation (not yet a response); submit wipes them."""
    _assert_storable(answers)
    invitation = SurveyInvitation.objects.select_for_update().select_related("questionnaire").get(pk=invitation.pk)
    _require_answerable(invitation)
    invitation.draft = answers
    invitation.save(update_fields=["draft"])
    return invitation


def _anonymous_rewrite(questionnaire: Questionnaire, new: Response) -> None:
    """Store `new` among the questionnaire's anonymous responses, all rewritten in a random order.

    Deleting and re-inserting gives every row the same transaction id (xmin) and a shuffled physical
    position, so the database's own bookkeeping no longer tells which row came last. The caller holds
    the questionnaire's row lock, so concurrent anonymous submits queue up here instead of duplicating.
    """
    rows = [*Response.objects.filter(questionnaire=questionnaire, invitation__isnull=True), new]
    secrets.SystemRandom().shuffle(rows)
    Response.objects.filter(questionnaire=questionnaire, invitation__isnull=True).delete()
    Response.objects.bulk_create(rows)


@transaction.atomic
def response_submit(*, invitation: SurveyInvitation, answers: dict, now: datetime | None = None) -> Response:
    """Store the answers as the invitee's one response and mark the invitation done.

    Raises ValidationError (code "done" or "closed") when the invitation was already used or the
    questionnaire closed. `answers` are the cleaned answers of the visible questions (forms.AnswerForm).
    """
    now = now or timezone.now()
    _assert_storable(answers)
    questionnaire = Questionnaire.objects.select_for_update().get(pk=invitation.questionnaire_id)
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.questionnaire = questionnaire
    _require_answerable(invitation)
    response = Response(questionnaire=questionnaire, answers=answers)
    if questionnaire.anonymous:
        _anonymous_rewrite(questionnaire, response)
        # Only the day: no time that could be set beside anything else.
        invitation.accepted_at = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    else:
        response.invitation = invitation
        response.submitted_at = now
        response.region_id, response.group = invitation.region_id, invitation.group
        response.save()
        invitation.accepted_at = now
    invitation.accepted_by = invitation.user
    invitation.draft = {}
    invitation.save(update_fields=["accepted_at", "accepted_by", "draft"])
    _open_counts_forget([invitation.user_id])
    return response


def reminders_send(*, now: datetime | None = None) -> int:
    """One reminder to each non-responder of an open questionnaire, a week after the invitation or 3 days
    before closing, whichever comes first. Idempotent: `reminded_at` is set in the same transaction."""
    now = now or timezone.now()
    sent = 0
    candidates = (
        SurveyInvitation.objects.filter(
            questionnaire__status=QuestionnaireStatus.OPEN,
            accepted_at__isnull=True,
            declined_at__isnull=True,
            reminded_at__isnull=True,
            expires_at__gt=now,
        )
        .select_related("questionnaire")
        .order_by("pk")[:REMINDER_BATCH]
    )
    for candidate in candidates:
        due = min(
            candidate.created_at + timedelta(days=REMINDER_AFTER_DAYS),
            candidate.expires_at - timedelta(days=REMINDER_BEFORE_CLOSING_DAYS),
        )
        if now < due or candidate.created_at > now - timedelta(days=1):
            continue
        with transaction.atomic():
            invitation = (
                SurveyInvitation.objects.select_for_update().filter(pk=candidate.pk, reminded_at__isnull=True).first()
            )
            if invitation is None or invitation.accepted_at is not None:
                continue
            invitation.reminded_at = now
            invitation.save(update_fields=["reminded_at"])
            _invitation_send(candidate, reminder=True)
            sent += 1
    return sent


# --- personal data (accounts.personal_data) -----------------------------------------------------------------


def _own_invitations(user) -> QuerySet:
    return SurveyInvitation.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def personal_data_export(user) -> dict:
    """The person's invitations and their named answers. Anonymous answers are nobody's: they cannot be found."""
    invitations = _own_invitations(user).select_related("questionnaire", "response")
    return {
        "questionnaires": [
            {
                "questionnaire": invitation.questionnaire.title,
                "invited_at": invitation.created_at,
                "status": str(invitation.status),
                "draft": invitation.draft,
                "answers": getattr(invitation, "response", None) and invitation.response.answers,
            }
            for invitation in invitations
        ]
    }


def personal_data_erase(user) -> None:
    """Named answers and drafts go; the invitations keep only a pseudonym, so response rates stay right."""
    invitations = _own_invitations(user)
    Response.objects.filter(invitation__in=invitations).delete()
    invitations.update(email=pseudonym_for(user), user=None, accepted_by=None, draft={})


def personal_data_records(user) -> list:
    return list(_own_invitations(user))
