"""The search form ("Vind een Drakentemmer"): a GET form whose cleaned data becomes SearchCriteria."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.cached_choices import CachedModelChoiceField, CachedModelMultipleChoiceField
from drakentemmers.regions.selectors import Place, place_resolve, reporting_regions

from .models import AgeBand, Expertise, FundingRoute, Language, Method, Setting, TargetGroup
from .selectors import SearchCriteria, SearchSort

DISTANCE_CHOICES = [
    ("", _("Therapist's travel radius")),
    ("5", _("up to 5 km")),
    ("10", _("up to 10 km")),
    ("25", _("up to 25 km")),
    ("50", _("up to 50 km")),
    ("100", _("up to 100 km")),
]
SORT_CHOICES = [
    (SearchSort.FIT, _("Best fit")),
    (SearchSort.DISTANCE, _("Distance")),
    (SearchSort.WAITING, _("Shortest waiting time")),
]
WAITING_CHOICES = [
    ("", _("Any waiting time")),
    ("0", _("No waiting time")),
    ("2", _("at most 2 weeks")),
    ("4", _("at most 4 weeks")),
    ("8", _("at most 8 weeks")),
    ("12", _("at most 12 weeks")),
]


def _active(model):
    return model.objects.filter(is_active=True).order_by("order", "name_nl")


# The vocabularies and regions come from the cache (core.cached_choices): no query to render or validate them.
class VocabularyChoiceField(CachedModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class VocabularyMultipleChoiceField(CachedModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class TherapistSearchForm(forms.Form):
    place = forms.CharField(
        label=_("Postcode or municipality"),
        required=False,
        max_length=100,
        help_text=_("For example 1011 AB or Utrecht. Leave empty to search the whole country."),
    )
    max_distance = forms.TypedChoiceField(
        label=_("Distance"), choices=DISTANCE_CHOICES, required=False, coerce=int, empty_value=None
    )
    # The regions of the reporting unit the platform team chose (Veilig Thuis until then), like the figures.
    region = CachedModelChoiceField(
        label=_("Region"), queryset=reporting_regions(), required=False, empty_label=_("All regions")
    )
    setting = forms.ChoiceField(
        label=_("Setting"),
        choices=[("", _("Any setting")), *Setting.choices],
        required=False,
        help_text=_("Online ignores the distance."),
    )
    target_group = VocabularyChoiceField(
        label=_("Target group"), queryset=_active(TargetGroup), required=False, empty_label=_("All target groups")
    )
    age_band = forms.ChoiceField(label=_("Age"), choices=[("", _("All ages")), *AgeBand.choices], required=False)
    method = VocabularyMultipleChoiceField(
        label=_("Methods"), queryset=_active(Method), required=False, widget=forms.CheckboxSelectMultiple
    )
    expertise = VocabularyMultipleChoiceField(
        label=_("Expertise"), queryset=_active(Expertise), required=False, widget=forms.CheckboxSelectMultiple
    )
    language = VocabularyChoiceField(
        label=_("Language"), queryset=_active(Language), required=False, empty_label=_("Any language")
    )
    funding = VocabularyChoiceField(
        label=_("Funding"), queryset=_active(FundingRoute), required=False, empty_label=_("Any funding route")
    )
    accepting_now = forms.BooleanField(label=_("Only therapists accepting new clients now"), required=False)
    max_waiting_weeks = forms.TypedChoiceField(
        label=_("Waiting time"), choices=WAITING_CHOICES, required=False, coerce=int, empty_value=None
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
        help_text=_("Distance needs a postcode or municipality."),
    )

    # The filters most searches use stay in view; the rest fold away under "More filters".
    MAIN_FIELDS = ("place", "max_distance", "setting", "method", "accepting_now", "max_waiting_weeks", "sort")

    def main_fields(self) -> list:
        return [self[name] for name in self.MAIN_FIELDS]

    def more_fields(self) -> list:
        return [field for field in self if field.name not in self.MAIN_FIELDS]

    def filters_used(self) -> int:
        """How many filters are set (the folded filter panel on small screens says so)."""
        return sum(1 for field in self if field.name != "sort" and self.is_bound and self.data.get(field.name))

    def more_filters_used(self) -> bool:
        return self.is_bound and any(self.data.get(f.name) for f in self.more_fields())

    def clean_place(self) -> Place | None:
        text = self.cleaned_data.get("place", "").strip()
        if not text:
            return None
        try:
            return place_resolve(text)
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def to_criteria(self, *, page: int | str = 1) -> SearchCriteria:
        data = self.cleaned_data
        return SearchCriteria(
            place=data.get("place"),
            max_distance_km=data.get("max_distance"),
            region=data.get("region"),
            target_group=data.get("target_group"),
            age_band=data.get("age_band") or "",
            setting=data.get("setting") or "",
            methods=tuple(data.get("method") or ()),
            expertise=tuple(data.get("expertise") or ()),
            language=data.get("language"),
            funding_route=data.get("funding"),
            accepting_now=bool(data.get("accepting_now")),
            max_waiting_weeks=data.get("max_waiting_weeks"),
            sort=data.get("sort") or SearchSort.FIT,
            page=page,
        )
