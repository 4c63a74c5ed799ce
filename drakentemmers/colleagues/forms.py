"""Forms of the colleague network; every free text that might describe a client runs the privacy guard."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from drakentemmers.core.privacy.forms import PrivacyGuardMixin
from drakentemmers.directory.models import Method
from drakentemmers.regions.models import Region
from drakentemmers.regions.selectors import reporting_regions

from .models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, IntervisionGroup

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ANONYMOUS_HELP = _(
    "Describe the case anonymously: never a client's name, date of birth, address, school, file number or BSN."
)
MAX_MEETING_MINUTES = 8 * 60


class GroupForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("name", "theme", "description")

    name = forms.CharField(label=_("Name of the group"), max_length=120)
    theme = forms.CharField(label=_("Theme"), max_length=120, required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = reporting_regions()
        self.fields["region"].empty_label = _("Whole country / online")


class RegionFilterForm(forms.Form):
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = reporting_regions()
        self.fields["region"].empty_label = _("All regions")


class SupervisorFilterForm(RegionFilterForm):
    method = forms.ModelChoiceField(label=_("Method"), queryset=Method.objects.all(), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].empty_label = _("All methods")


class MessageForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("body",)

    body = forms.CharField(
        label=_("Message"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=ANONYMOUS_HELP,
    )


class ReplyForm(MessageForm):
    body = forms.CharField(
        label=pgettext_lazy("case consultation", "Your reply"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=ANONYMOUS_HELP,
    )


class MeetingForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("location", "note")

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))
    location = forms.CharField(
        label=_("Where"), max_length=120, help_text=_("A place name or 'online'; never a street address.")
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start"), cleaned.get("end")
        if day and start and end:
            starts_at = datetime.combine(day, start, tzinfo=AMSTERDAM)
            ends_at = datetime.combine(day, end, tzinfo=AMSTERDAM)
            if ends_at <= starts_at:
                self.add_error("end", _("The meeting must end after it starts."))
            elif ends_at - starts_at > timedelta(minutes=MAX_MEETING_MINUTES):
                self.add_error("end", _("A meeting lasts at most 8 hours."))
            cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        return cleaned


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, members, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(m.pk), m.get_full_name() or m.email) for m in members]


class SupervisionOfferForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("description",)

    is_active = forms.BooleanField(label=_("I offer supervision"), required=False)
    description = forms.CharField(
        label=_("About your supervision"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your registration as a supervisor, how you work and what a trainee can expect."),
    )


class ConsultationForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("title", "question")

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    question = forms.CharField(
        label=_("Your question"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=ANONYMOUS_HELP,
    )
    group = forms.ModelChoiceField(label=_("Who may read it"), queryset=IntervisionGroup.objects.none(), required=False)

    def __init__(self, *args, groups, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["group"].empty_label = _("The whole network of members")
