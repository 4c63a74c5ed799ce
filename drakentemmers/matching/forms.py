"""Forms of the matching app. Every free-text field passes the privacy guard in clean()."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin
from drakentemmers.directory.models import Expertise, FundingRoute, Language, Method, Setting, TargetGroup
from drakentemmers.regions.selectors import place_resolve

from .models import NEXT_STEPS_MAX_LENGTH, CareRequest, DeclineReason, Urgency


def _choices(model):
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.filter(is_active=True), required=False, widget=forms.CheckboxSelectMultiple
    )


class CareRequestForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("title", "context", "offers_other")
    place_text = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=100,
        help_text=_("Postcode (4 digits) or municipality. Never a street or house number. Not needed for online."),
    )

    class Meta:
        model = CareRequest
        fields = [
            "title",
            "client_type",
            "age_band",
            "client_role",
            "target_groups",
            "problems",
            "methods",
            "languages",
            "gender_preference",
            "setting",
            "place_text",
            "max_distance_km",
            "urgency",
            "earliest_start",
            "funding_routes",
            "offers_room",
            "offers_mentor",
            "offers_interpreter",
            "offers_other",
            "context",
        ]
        widgets = {
            "setting": forms.RadioSelect,
            "urgency": forms.RadioSelect,
            "earliest_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "context": forms.Textarea(attrs={"rows": 6}),
        }

    structural = False
    fieldsets = (
        (_("The client (without identity)"), ("title", "client_type", "age_band", "client_role", "target_groups")),
        (_("What is needed"), ("problems", "methods", "languages", "gender_preference")),
        (
            _("Where and when"),
            ("setting", "place_text", "max_distance_km", "urgency", "earliest_start", "funding_routes"),
        ),
        (_("What your organisation offers"), ("offers_room", "offers_mentor", "offers_interpreter", "offers_other")),
        (_("Explanation for the therapist"), ("context", "privacy_confirm")),
    )

    def grouped_fields(self) -> list[tuple[str, list]]:
        """The visible fields per fieldset, for a long form that stays readable."""
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in self.fieldsets]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in (
            ("target_groups", TargetGroup),
            ("problems", Expertise),
            ("methods", Method),
            ("languages", Language),
            ("funding_routes", FundingRoute),
        ):
            if name in self.fields:
                field = _choices(model)
                field.label = self.fields[name].label
                self.fields[name] = field
        if self.instance.pk:
            self.initial.setdefault(
                "place_text",
                self.instance.postcode_area.code
                if self.instance.postcode_area
                else (self.instance.municipality.name if self.instance.municipality else ""),
            )
        # A radio list must not offer the model's empty "---------" choice.
        self.fields["setting"].choices = Setting.choices
        self.fields["urgency"].choices = Urgency.choices
        for name in ("client_type", "age_band", "client_role"):
            if name in self.fields:
                self.fields[name].required = True

    def clean(self) -> dict:
        cleaned = super().clean()
        setting = cleaned.get("setting")
        text = (cleaned.get("place_text") or "").strip()
        cleaned["place"] = None
        if text:
            try:
                cleaned["place"] = place_resolve(text)
            except ValidationError as error:
                self.add_error("place_text", error)
        elif setting and setting != Setting.ONLINE:
            self.add_error(
                "place_text", _("Enter a postcode or municipality for treatment in the shelter or outpatient.")
            )
        return cleaned

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "place_text"}
        data["place"] = self.cleaned_data["place"]
        return data


class StructuralRequestForm(CareRequestForm):
    structural = True
    fieldsets = (
        (_("The cooperation"), ("title", "problems", "methods", "languages")),
        (_("Where and how much"), ("setting", "place_text", "max_distance_km", "hours", "hours_unit")),
        (_("Period"), ("period_start", "period_end", "urgency", "funding_routes")),
        (_("What your organisation offers"), ("offers_room", "offers_other")),
        (_("Explanation for the therapist"), ("context", "privacy_confirm")),
    )

    class Meta(CareRequestForm.Meta):
        fields = [
            "title",
            "problems",
            "methods",
            "languages",
            "setting",
            "place_text",
            "max_distance_km",
            "hours",
            "hours_unit",
            "period_start",
            "period_end",
            "urgency",
            "funding_routes",
            "offers_room",
            "offers_other",
            "context",
        ]
        widgets = {
            **CareRequestForm.Meta.widgets,
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {"problems": _("Expertise wanted")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].label = _("Expertise wanted")
        self.fields["hours"].required = True
        self.fields["hours_unit"].required = True

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period lies before its start."))
        return cleaned


class InviteForm(forms.Form):
    therapists = forms.TypedMultipleChoiceField(
        coerce=int,
        label=_("Therapists to invite"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one therapist.")},
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["therapists"].choices = [(c.therapist_id, str(c.therapist_id)) for c in candidates]


class InviteFromSearchForm(forms.Form):
    """Which of the organisation's open requests a therapist found in the search is invited for (a GET form)."""

    care_request = forms.ModelChoiceField(queryset=CareRequest.objects.none(), label=_("For care request"))
    therapist = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, care_requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["care_request"].queryset = care_requests


class DeclineForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("decline_note",)
    decline_reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices, widget=forms.RadioSelect)
    decline_note = forms.CharField(
        label=_("Explanation (optional)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class NextStepsForm(PrivacyGuardMixin, forms.Form):
    """The agreed next steps after a match: free text, so it passes the privacy guard like every other."""

    privacy_fields = ("next_steps",)
    next_steps = forms.CharField(
        label=_("Agreed next steps"),
        help_text=_(
            "For example who calls whom, the date of an intake meeting, what the therapist receives. "
            "No name, date of birth or other details about the client: this text is printed on the handover summary."
        ),
        required=False,
        max_length=NEXT_STEPS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
