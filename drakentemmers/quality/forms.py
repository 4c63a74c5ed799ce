from django import forms
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin

from .models import NOTE_MAX_LENGTH, QualityCriterion


class DeclarationForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I have read the declaration and agree to it"),
        error_messages={"required": _("Tick the box to sign the declaration.")},
    )


class ReviewRequestForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("note",)

    note = forms.CharField(
        label=_("What the team should know"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example which trainings or intervision meetings you attended, and when. Never write about clients."
        ),
        error_messages={"required": _("Tell the team briefly how you meet this criterion.")},
    )


class CriterionForm(forms.ModelForm):
    class Meta:
        model = QualityCriterion
        fields = ["kind", "threshold", "period_months", "description", "is_active", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ReviewDecisionForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("evidence_note",)

    decision = forms.ChoiceField(
        label=_("Result"),
        choices=[("met", _("Met")), ("not_met", _("Not met"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the criterion is met.")},
    )
    evidence_note = forms.CharField(
        label=_("Evidence note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What you checked, for example a certificate or the group's attendance list. The member reads this."
        ),
        error_messages={"required": _("Write down what you checked.")},
    )
    valid_until = forms.DateField(
        label=_("Result valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: one year from today."),
    )

    @property
    def met(self) -> bool:
        return self.cleaned_data["decision"] == "met"


class MarkWithdrawForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("reason",)

    reason = forms.CharField(
        label=_("Reason"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member reads this in the e-mail about the withdrawal."),
        error_messages={"required": _("Give the reason the member will read.")},
    )
