from django import forms
from django.utils.translation import gettext_lazy as _

from .division_csv import MAX_UPLOAD_BYTES
from .models import RegionKind


class DivisionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file with the division"),
        help_text=_("One line per region; at most %(limit)s kB. Nothing changes until you apply the import.")
        % {"limit": MAX_UPLOAD_BYTES // 1000},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ReportingUnitForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Reporting unit"),
        choices=RegionKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Coordinators and figures use the regions of this division. It must cover every municipality."),
    )
