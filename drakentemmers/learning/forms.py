"""Forms of the learning app. The free-text fields of a training pass the privacy guard."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin
from drakentemmers.directory.models import Method, TargetGroup
from drakentemmers.regions.selectors import municipality_by_name, place_resolve, reporting_region_kind

from .models import Accreditation, Audience, Enrolment, Evaluation, Training

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _choices(model, label):
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.filter(is_active=True), label=label, required=False, widget=forms.CheckboxSelectMultiple
    )


class TrainingForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("description", "materials")
    municipality_name = forms.CharField(
        label=_("Municipality of the venue"),
        required=False,
        max_length=100,
        help_text=_("Leave empty for an online training."),
    )
    venue_confirm = forms.BooleanField(
        label=_("This is a training venue, not a shelter"),
        required=False,
        help_text=_("Shelter addresses are secret and are never entered here."),
    )
    trainer_emails = forms.CharField(
        label=_("Trainers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E-mail addresses of the trainers' accounts, one per line. Trainers record attendance."),
    )
    methods = _choices(Method, _("Methods covered"))
    target_groups = _choices(TargetGroup, _("Target groups covered"))
    field_order = [
        "title",
        "description",
        "audience",
        "level",
        "format",
        "status",
        "regions",
        "municipality_name",
        "venue_name",
        "venue_address",
        "venue_confirm",
        "trainer_emails",
        "capacity",
        "price",
        "enrolment_deadline",
        "materials",
        "methods",
        "target_groups",
    ]

    class Meta:
        model = Training
        fields = [
            "title",
            "description",
            "audience",
            "level",
            "format",
            "status",
            "regions",
            "venue_name",
            "venue_address",
            "capacity",
            "price",
            "enrolment_deadline",
            "materials",
            "methods",
            "target_groups",
        ]
        widgets = {
            "regions": forms.CheckboxSelectMultiple,
            "enrolment_deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
            "description": forms.Textarea(attrs={"rows": 6}),
            "materials": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from drakentemmers.regions.models import Region

        self.fields["regions"].queryset = Region.objects.filter(kind=reporting_region_kind()).order_by("name")
        self.fields["enrolment_deadline"].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            self.initial.setdefault(
                "municipality_name", self.instance.municipality.name if self.instance.municipality else ""
            )
            self.initial.setdefault(
                "trainer_emails", "\n".join(self.instance.trainers.order_by("email").values_list("email", flat=True))
            )
            self.initial["venue_confirm"] = bool(self.instance.venue_address)

    def clean_municipality_name(self):
        name = self.cleaned_data["municipality_name"].strip()
        if not name:
            return None
        municipality = municipality_by_name(name)
        if municipality is None:
            try:
                municipality = place_resolve(name).municipality  # a place name or postcode works too
            except ValidationError:
                raise ValidationError(
                    _("We do not know a municipality called “%(name)s”."), params={"name": name}
                ) from None
        return municipality

    def clean_trainer_emails(self):
        emails = {line.strip().lower() for line in self.cleaned_data["trainer_emails"].splitlines() if line.strip()}
        users = list(get_user_model().objects.filter(email__in=emails))
        unknown = emails - {user.email for user in users}
        if unknown:
            raise ValidationError(
                _("No account with this e-mail address: %(emails)s."), params={"emails": ", ".join(sorted(unknown))}
            )
        return users

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("venue_address") and not cleaned.get("venue_confirm"):
            self.add_error("venue_confirm", _("Confirm that the address is a training venue and not a shelter."))
        needs_place = cleaned.get("format") in ("in_person", "blended") and not cleaned.get("municipality_name")
        if needs_place and "municipality_name" not in self.errors:
            self.add_error("municipality_name", _("Enter the municipality of the venue."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        self.instance.municipality = self.cleaned_data.get("municipality_name")

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.trainers.set(self.cleaned_data.get("trainer_emails") or [])


class SessionForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(name) for name in ("day", "start", "end")) and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("The session must end after it starts."))
        return cleaned

    def moments(self) -> tuple[datetime, datetime]:
        day = self.cleaned_data["day"]
        return (
            datetime.combine(day, self.cleaned_data["start"], tzinfo=AMSTERDAM),
            datetime.combine(day, self.cleaned_data["end"], tzinfo=AMSTERDAM),
        )


class AccreditationForm(forms.ModelForm):
    class Meta:
        model = Accreditation
        fields = ["body", "points"]


class EnrolForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("organisation_name",)

    class Meta:
        model = Enrolment
        fields = ["audience", "organisation_name"]
        widgets = {"audience": forms.RadioSelect}

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = Audience.choices
        if user is not None and user.is_authenticated and hasattr(user, "therapist_profile"):
            self.initial.setdefault("audience", Audience.THERAPISTS)


class CalendarFilterForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=None, required=False, empty_label=_("All regions"))
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    month = forms.TypedChoiceField(label=_("Month"), required=False, coerce=date.fromisoformat, empty_value=None)
    format = forms.ChoiceField(label=_("Format"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .models import Format
        from .selectors import calendar_regions

        self.fields["region"].queryset = calendar_regions()
        self.fields["audience"].choices = [("", _("All audiences")), *Audience.choices]
        self.fields["format"].choices = [("", _("All formats")), *Format.choices]
        self.fields["month"].choices = [("", _("Coming months")), *month_choices(timezone.localdate())]


CALENDAR_MONTHS = 12


def month_choices(today: date) -> list[tuple[str, str]]:
    """The first day of this month and the next ones, labelled "januari 2027" in the active language."""
    choices = []
    year, month = today.year, today.month
    for _step in range(CALENDAR_MONTHS):
        first = date(year, month, 1)
        choices.append((first.isoformat(), date_format(first, "F Y")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class EvaluationForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("comments",)

    class Meta:
        model = Evaluation
        fields = ["overall", "usefulness", "comments"]
        widgets = {
            "overall": forms.RadioSelect,
            "usefulness": forms.RadioSelect,
            "comments": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"comments": _("Please do not name clients or colleagues.")}
