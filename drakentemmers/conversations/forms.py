"""Forms for starting a thread and replying; both run the privacy guard (highlight, fix or confirm)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin

from .models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH

BODY_HELP = _("Never write a client's name, date of birth, address, phone number, file number or BSN.")


class ThreadStartForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("subject", "body")

    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}), help_text=BODY_HELP
    )


class MessageForm(PrivacyGuardMixin, forms.Form):
    privacy_fields = ("body",)

    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}), help_text=BODY_HELP
    )
