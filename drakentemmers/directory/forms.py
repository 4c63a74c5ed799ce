"""Forms of the directory. They check input and translate it to service arguments; services decide."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin
from drakentemmers.regions.selectors import municipality_by_name, place_resolve

from .models import (
    AGE_BAND_FIELDS,
    MAX_TRAVEL_RADIUS_KM,
    SETTING_FIELDS,
    AgeBand,
    Expertise,
    FundingRoute,
    Language,
    Method,
    Organisation,
    Profession,
    RegistrationKind,
    Setting,
    TargetGroup,
    TherapistProfile,
)
from .services import photo_process, validate_big_number, validate_dutch_phone, validate_kvk_number


def _digits(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def _vocabulary_field(model, label, help_text="", required=False):
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.filter(is_active=True),
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.CheckboxSelectMultiple,
    )


# Which registration details belong to which registration kind.
REGISTRATION_FIELDS = {
    "big_number": (RegistrationKind.BIG,),
    "registration_number": (RegistrationKind.NIP, RegistrationKind.NVO),
    "supervisor_name": (RegistrationKind.TRAINEE,),
}


class ProfessionStepForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    profession = forms.ModelChoiceField(
        queryset=Profession.objects.filter(is_active=True), label=_("Profession"), empty_label=_("Choose…")
    )
    registration_kind = forms.ChoiceField(
        label=_("Registration"), choices=RegistrationKind.choices, widget=forms.RadioSelect
    )
    big_number = forms.CharField(
        label=_("BIG number"),
        required=False,
        max_length=20,
        help_text=_("11 digits. The platform team checks it in the BIG register."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    registration_number = forms.CharField(label=_("NIP/NVO registration number"), required=False, max_length=32)
    supervisor_name = forms.CharField(
        label=_("Supervisor (for trainees)"),
        required=False,
        max_length=150,
        help_text=_("Name and profession of the registered supervisor who supervises your treatments."),
    )
    practice_name = forms.CharField(label=_("Practice or employer"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # directory/registration.js shows only the fields of the chosen registration; without it all show.
        for name, kinds in REGISTRATION_FIELDS.items():
            self.fields[name].widget.attrs["data-registration-kinds"] = " ".join(kinds)

    def clean_big_number(self) -> str:
        value = _digits(self.cleaned_data.get("big_number", ""))
        validate_big_number(value)
        return value

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("registration_kind")
        profession = cleaned.get("profession")
        if kind == RegistrationKind.BIG and not cleaned.get("big_number") and "big_number" not in self.errors:
            self.add_error("big_number", _("Enter your BIG number (11 digits)."))
        if kind in (RegistrationKind.NIP, RegistrationKind.NVO) and not cleaned.get("registration_number"):
            self.add_error("registration_number", _("Enter your NIP or NVO registration number."))
        if (kind == RegistrationKind.TRAINEE or (profession and profession.is_trainee)) and not cleaned.get(
            "supervisor_name"
        ):
            self.add_error("supervisor_name", _("Trainees work under supervision: enter your supervisor's name."))
        # A number typed for another registration than the chosen one is not stored (and not checked).
        trainee_profession = bool(profession and profession.is_trainee)
        for name, kinds in REGISTRATION_FIELDS.items():
            keep = kind in kinds or (name == "supervisor_name" and trainee_profession)
            if kind and not keep:
                cleaned[name] = ""
                self._errors.pop(name, None)
        return cleaned


class PlaceField(forms.CharField):
    """A postcode (PC4) or municipality, resolved with place_resolve; its error messages are shown as they are."""

    def clean(self, value):
        value = super().clean(value)
        return place_resolve(value) if value else None


class AreaStepForm(forms.Form):
    place = PlaceField(
        label=_("Add a work area"),
        required=False,
        max_length=100,
        help_text=_(
            "A postcode (4 digits) or a municipality, e.g. 3511 or Utrecht. Never your home address: "
            "others only see the area."
        ),
    )
    place_radius_km = forms.IntegerField(
        label=_("Travel radius from this area (km, optional)"),
        required=False,
        min_value=0,
        max_value=MAX_TRAVEL_RADIUS_KM,
        help_text=_("Only if it differs from your general travel radius below, e.g. farther in a rural area."),
    )
    travel_radius_km = forms.IntegerField(
        label=_("Travel radius (km)"),
        min_value=0,
        max_value=MAX_TRAVEL_RADIUS_KM,
        help_text=_("How far you travel for treatment in a shelter or at home."),
    )

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding

    def clean(self):
        cleaned = super().clean()
        # "Add work area" pressed with an empty field: say so instead of coming back as if it were added.
        if self.adding and not cleaned.get("place") and "place" not in self.errors:
            self.add_error("place", _("Fill in a postcode (4 digits) or a municipality to add a work area."))
        return cleaned


class OfferStepForm(forms.ModelForm):
    settings = forms.MultipleChoiceField(
        label=_("Where do you treat?"), choices=Setting.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    ages = forms.MultipleChoiceField(
        label=_("Ages you treat"), choices=AgeBand.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    target_groups = _vocabulary_field(TargetGroup, _("Target groups"))
    expertise = _vocabulary_field(Expertise, _("Expertise"))
    methods = _vocabulary_field(Method, _("Treatment methods"))
    languages = _vocabulary_field(Language, _("Languages you treat in"))
    funding_routes = _vocabulary_field(FundingRoute, _("Funding routes"))

    field_order = ["settings", "ages", "target_groups", "expertise", "methods", "languages", "funding_routes"]

    class Meta:
        model = TherapistProfile
        fields = ["target_groups", "expertise", "methods", "languages", "funding_routes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["settings"] = [key for key, name in SETTING_FIELDS.items() if getattr(self.instance, name)]
            self.initial["ages"] = [key for key, name in AGE_BAND_FIELDS.items() if getattr(self.instance, name)]

    def profile_fields(self) -> dict:
        chosen_settings = set(self.cleaned_data["settings"])
        chosen_ages = set(self.cleaned_data["ages"])
        fields = {name: key in chosen_settings for key, name in SETTING_FIELDS.items()}
        fields.update({name: key in chosen_ages for key, name in AGE_BAND_FIELDS.items()})
        return fields

    def m2m(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = TherapistProfile
        fields = ["accepting", "free_places_adults", "free_places_children", "waiting_weeks", "earliest_start"]
        widgets = {
            "accepting": forms.RadioSelect,
            "earliest_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "waiting_weeks": _("How many weeks a new client usually waits before the first session."),
            "earliest_start": _("Leave empty if you can start right away."),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("waiting_weeks") is not None and cleaned["waiting_weeks"] > 104:
            self.add_error("waiting_weeks", _("Enter a waiting time of at most 104 weeks."))
        return cleaned


class PresentationStepForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("bio", "contact_preferences")
    photo_upload = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. We make it smaller and remove hidden data such as location."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my current photo"), required=False)

    class Meta:
        model = TherapistProfile
        fields = ["bio", "contact_preferences", "public_profile"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}
        help_texts = {
            "bio": _("A few sentences about your work and approach. No client information."),
            "contact_preferences": _("E.g. 'by message, I reply within two working days'. Never shown to the public."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.photo:  # nothing to remove
            del self.fields["remove_photo"]

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        if not upload:
            return None
        return photo_process(upload=upload)


class VerifyForm(forms.Form):
    METHOD_CHOICES = [
        ("BIG-register", _("Checked in the BIG register")),
        ("NIP", _("Checked NIP registration")),
        ("NVO", _("Checked NVO registration")),
        ("trainee", _("Trainee: supervisor confirmed")),
    ]
    method = forms.ChoiceField(label=_("How did you verify?"), choices=METHOD_CHOICES, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=200,
        help_text=_("E.g. date of the check or the supervisor you spoke to."),
    )
    # Approving gives access to care requests: the verifier confirms explicitly, not with one stray click.
    confirm = forms.BooleanField(
        label=_("I checked the registration and the profile, and approve this therapist"),
        required=True,
        error_messages={"required": _("Tick this box to confirm that you checked the registration and the profile.")},
    )

    def method_text(self) -> str:
        note = self.cleaned_data.get("note", "").strip()
        return self.cleaned_data["method"] + (f": {note}" if note else "")


class OrganisationVerifyForm(forms.Form):
    checked = forms.BooleanField(
        label=_("I checked the KvK number, the contact person and the e-mail domain"),
        required=True,
        error_messages={"required": _("Tick this box to confirm that you checked the organisation.")},
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent by e-mail. Say what is missing or wrong, so it can be corrected."),
    )


class OrganisationForm(PrivacyGuardMixin, forms.ModelForm):
    privacy_fields = ("description",)
    # Longer than the stored 8 digits: people type spaces or dots, which clean_kvk_number removes.
    kvk_number = forms.CharField(
        label=_("Chamber of Commerce (KvK) number"),
        max_length=20,
        help_text=_("8 digits. The platform team checks it in the Chamber of Commerce register."),
    )
    place = PlaceField(
        label=_("Municipality or postcode (4 digits)"),
        max_length=100,
        help_text=_(
            "We deliberately ask no street address: the address of a shelter is secret and is never stored "
            "or shown on this platform. A municipality or the 4 digits of the postcode are enough."
        ),
    )
    covered = forms.CharField(
        label=_("Municipalities you work for (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One municipality per line or separated by commas. Leave empty for your own municipality only."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "kvk_number", "description", "contact_name", "contact_email", "contact_phone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"name": _("Name of the organisation")}
        help_texts = {
            "contact_email": _("Preferably an address on your organisation's own domain."),
        }

    def clean_kvk_number(self) -> str:
        value = _digits(self.cleaned_data.get("kvk_number", ""))
        validate_kvk_number(value)
        return value

    def clean_contact_phone(self) -> str:
        value = (self.cleaned_data.get("contact_phone") or "").strip()
        validate_dutch_phone(value)
        return value

    def clean_covered(self) -> list:
        names = [n.strip() for n in re.split(r"[,\n;]", self.cleaned_data.get("covered") or "") if n.strip()]
        found, unknown = [], []
        for name in names:
            municipality = municipality_by_name(name)
            (found.append(municipality) if municipality else unknown.append(name))
        if unknown:
            raise ValidationError(
                _("We do not know these municipalities: %(names)s."), params={"names": ", ".join(unknown)}
            )
        return found


class OrganisationInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of your colleague"))
