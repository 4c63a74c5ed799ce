"""Forms for reporting, moderating and commenting. Every free-text field goes through the privacy guard."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin
from drakentemmers.regions.models import Region

from .models import (
    COMMENT_MAX_LENGTH,
    REASON_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Report,
    ReportKind,
    ReportStatus,
    SubmitterRole,
    TargetGroup,
    Theme,
)

STARTED_SALT = "insights.report-form-started"
# A person needs more than a few seconds to write a report; a bot posts at once.
MIN_FILL_SECONDS = 3
# A form left open longer than this asks to be sent again (the signed start time has expired).
MAX_FILL_SECONDS = 24 * 3600
HONEYPOT_FIELD = "website"
FREE_TEXT_FIELDS = ("description", "effect", "suggested_action")


def started_token(*, at: float | None = None) -> str:
    """The signed moment the form was shown; the server checks it on submit (no cookie, no JavaScript)."""
    return signing.dumps(time.time() if at is None else at, salt=STARTED_SALT)


def min_fill_seconds() -> float:
    return getattr(settings, "INSIGHTS_MIN_FILL_SECONDS", MIN_FILL_SECONDS)


class ReportFieldsMixin(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to report?"), choices=ReportKind.choices, widget=forms.RadioSelect
    )
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices, widget=forms.RadioSelect)
    regions = forms.ModelMultipleChoiceField(
        label=_("Region(s)"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if it applies nationally."),
    )
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happens, where does it get stuck or what works well? Never write names or client details."),
    )
    effect = forms.CharField(
        label=_("Effect"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What does it mean for clients, families or professionals?"),
    )
    suggested_action = forms.CharField(
        label=_("Suggested action"),
        max_length=SHORT_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What should change, and who could do it?"),
    )
    link = forms.URLField(
        label=_("Link (optional)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A web page with more information, for example a report or a method."),
    )

    def __init__(self, *args, regions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = regions


class ReportSubmitForm(PrivacyGuardMixin, ReportFieldsMixin):
    """The public form: spam protection without JavaScript or third parties (a hidden honeypot field and a
    signed start time); the view adds the rate limit."""

    privacy_fields = FREE_TEXT_FIELDS

    submitter_role = forms.ChoiceField(
        label=_("I am a"),
        choices=SubmitterRole.choices,
        widget=forms.RadioSelect,
        help_text=_("Only this is kept about you: never your name, e-mail address or IP address."),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, logged_in_role: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["started"].initial = started_token()
        self.is_spam = False
        if logged_in_role:
            # A member's role comes from their account, not from what they tick.
            del self.fields["submitter_role"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            self.is_spam = True
        try:
            elapsed = time.time() - float(signing.loads(cleaned.get("started") or "", salt=STARTED_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            elapsed = None
        if elapsed is None or elapsed > MAX_FILL_SECONDS:
            self._renew_started()
            raise forms.ValidationError(
                _("This form was open for too long. Check your text and send it again."), code="expired"
            )
        if elapsed < min_fill_seconds():
            raise forms.ValidationError(
                _("You sent the form very quickly. Check your text and send it again."), code="too_fast"
            )
        return cleaned

    def _renew_started(self) -> None:
        self.data = self.data.copy()
        self.data["started"] = started_token()


class ReportModerateForm(PrivacyGuardMixin, ReportFieldsMixin):
    """The moderator edits for anonymity: the new text replaces the old one, which is not kept."""

    privacy_fields = FREE_TEXT_FIELDS


class ReportRejectForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("reason",)

    reason = forms.CharField(
        label=_("Reason for rejection"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Report.objects.none(),
        help_text=_("The accepted report this one duplicates. Its endorsements and comments move along."),
    )

    def __init__(self, *args, report: Report, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Report.objects.filter(status=ReportStatus.ACCEPTED).exclude(pk=report.pk)
        self.fields["target"].label_from_instance = lambda r: f"#{r.pk} {r.get_theme_display()}: {r.title}"


class CommentForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("body",)

    body = forms.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class PolicyReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Up to and including"), widget=forms.DateInput(attrs={"type": "date"}))
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all themes."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the whole country."),
    )

    def __init__(self, *args, regions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = regions

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date lies before the start date."))
        return cleaned
