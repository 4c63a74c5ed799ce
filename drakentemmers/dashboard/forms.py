from django import forms
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.kpis import kpis


def kpi_choices() -> list[tuple[str, str]]:
    return [(kpi.key, str(kpi.label)) for kpi in kpis()]


class TargetForm(forms.Form):
    kpi_key = forms.ChoiceField(label=_("Key figure"), choices=kpi_choices)
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    region_code = forms.ChoiceField(label=_("Region"), required=False)
    value = forms.DecimalField(
        label=_("Target"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=1,
        help_text=_("Leave empty to remove the target."),
    )

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region_code"].choices = [("", _("Netherlands (national)"))] + [
            (region.code, region.name) for region in regions
        ]


class SettingsForm(forms.Form):
    coverage_min_members = forms.IntegerField(
        label=_("Members a region needs to count as covered"), min_value=1, max_value=1000
    )
