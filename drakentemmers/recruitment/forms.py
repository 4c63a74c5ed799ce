from django import forms
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin
from drakentemmers.regions.models import Region

from .models import NOTE_MAX_LENGTH


class ColleagueInvitationForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("note",)

    email = forms.EmailField(
        label=_("Your colleague's e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    region = forms.ModelChoiceField(
        label=_("Region where your colleague works"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("I don't know"),
        help_text=_("So the regional coordinator sees the invitation in their figures."),
    )
    note = forms.CharField(
        label=_("Personal note (optional)"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why you think they would fit. Never write about clients."),
    )

    def __init__(self, *args, regions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class RecruitmentTargetsForm(forms.Form):
    """One optional number per region; empty means "no target set"."""

    def __init__(self, *args, regions: list[Region], targets: dict[int, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.regions = regions
        for region in regions:
            self.fields[f"region_{region.pk}"] = forms.IntegerField(
                label=region.name, required=False, min_value=0, max_value=10000, initial=targets.get(region.pk)
            )

    def targets(self) -> list[tuple[Region, int | None]]:
        return [(region, self.cleaned_data.get(f"region_{region.pk}")) for region in self.regions]
