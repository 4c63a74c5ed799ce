"""Questionnaires: sections and questions with simple skip logic, personal invitations, responses.

Anonymity lives in the rows. A response to an anonymous questionnaire has no foreign key to its invitation
or to a user, no timestamp, and a random (UUID) primary key, so neither a join, nor a time, nor the order
of ids ties it to the invitation that was marked done. The invitation's `accepted_at` is only the day
(midnight) for anonymous questionnaires, and drafts live on the invitation and are wiped on submit.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.models import TokenInvitation

TITLE_MAX_LENGTH = 200
CHOICE_MAX_LENGTH = 200
SHORT_TEXT_MAX_LENGTH = 255
LONG_TEXT_MAX_LENGTH = 4000
# Results of an anonymous questionnaire (and of each filtered slice of it) appear from this many answers on.
ANONYMOUS_RESULTS_THRESHOLD = 5
LIKERT_SCALE = 5
# The words beside each point of the scale, in the form and in the results.
LIKERT_LABELS = {
    1: _("1 – strongly disagree"),
    2: _("2 – disagree"),
    3: _("3 – neutral"),
    4: _("4 – agree"),
    5: _("5 – strongly agree"),
}


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Questionnaire(models.Model):
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Answers are not linked to people; results appear from 5 answers on. Cannot change once open."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=QuestionnaireStatus.choices, default=QuestionnaireStatus.DRAFT
    )
    closes_on = models.DateField(_("closing date"), help_text=_("The last day on which answers are accepted."))
    audience = models.CharField(_("audience"), max_length=64, blank=True)
    audience_params = models.JSONField(_("audience settings"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:builder", args=[self.pk])

    @property
    def status_label(self) -> str:
        """The status as the team reads it: an open questionnaire past its closing date is closed."""
        if self.status == QuestionnaireStatus.OPEN and timezone.localdate() > self.closes_on:
            return str(_("Closed (closing date passed)"))
        return str(self.get_status_display())


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Skip logic: shown only when this earlier question has this answer (one of the chosen options).
    show_if_question = models.ForeignKey(
        "Question",
        verbose_name=_("show only if question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_if_value = models.CharField(_("has the answer"), max_length=CHOICE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Likert scale (1–5)")
    NUMBER = "number", _("Number (numeric answer)")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    REGION = "region", _("Region")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})
TEXT_KINDS = frozenset({QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT})


class Question(models.Model):
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(_("options"), blank=True, help_text=_("One option per line (choice questions only)."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    show_if_question = models.ForeignKey(
        "self",
        verbose_name=_("show only if question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    show_if_value = models.CharField(_("has the answer"), max_length=CHOICE_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "section_id", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        """The answer's key in a response's JSON and the form field's name."""
        return f"q{self.pk}"

    @property
    def options(self) -> list[str]:
        if self.kind == QuestionKind.LIKERT:
            return [str(value) for value in range(1, LIKERT_SCALE + 1)]
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RespondentGroup(models.TextChoices):
    MEMBER = "member", _("Member therapist")
    TRAINEE = "trainee", _("Trainee")
    COORDINATOR = "coordinator", _("Regional coordinator")
    CONTACT_OFFICIAL = "contact_official", _("Contact official")
    PARTICIPANT = "participant", _("Participant")
    OTHER = "other", _("Other")


class SurveyInvitation(TokenInvitation):
    """One person's personal link to one questionnaire. Works without an account (contact officials).

    The link expires after the closing date. `accepted_at` marks the questionnaire done (only the day for
    anonymous questionnaires); `draft` holds the answers saved as a draft until submit wipes it.
    """

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.CharField(_("role"), max_length=20, choices=RespondentGroup.choices, default=RespondentGroup.OTHER)
    draft = models.JSONField(_("draft answers"), default=dict, blank=True)
    # Emptied with the address when an invitation nobody completed is past its retention (core.retention).
    RETENTION_CLEAR = {"draft": dict}
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta(TokenInvitation.Meta):
        verbose_name = _("questionnaire invitation")
        verbose_name_plural = _("questionnaire invitations")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "email"], name="surveys_one_invitation_per_address")
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}: {self.email}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:answer", args=[self.token])

    def grant(self, user):  # pragma: no cover - answering goes through surveys.services, not invitation_claim
        raise NotImplementedError("Questionnaire invitations are answered with surveys.services.response_submit.")


class Response(models.Model):
    """Submitted answers. For anonymous questionnaires: no invitation, no time, a random id (see module doc).

    `region` and `group` are copied from the invitation for the results' filters, for named questionnaires
    only: on an anonymous row they, with the invitations marked done, would single out a lone respondent of
    a region or role. (A respondent may still name their region in a region question, by choice.)
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="responses"
    )
    # Named questionnaires only; unique: one response per invitee is also a database guarantee.
    invitation = models.OneToOneField(
        SurveyInvitation,
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.CharField(_("role"), max_length=20, choices=RespondentGroup.choices, blank=True)
    answers = models.JSONField(_("answers"), default=dict)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.id)
