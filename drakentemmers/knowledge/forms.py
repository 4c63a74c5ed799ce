from django import forms
from django.utils.translation import gettext_lazy as _


class DigestForm(forms.Form):
    active = forms.BooleanField(
        label=_("Send me a weekly e-mail with the new knowledge items I may read"), required=False
    )
