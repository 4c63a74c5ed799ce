"""Forms for starting a thread and replying; both run the privacy guard (highlight, fix or confirm)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drakentemmers.core.privacy.forms import PrivacyGuardMixin

from .models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH

BODY_HELP = _("Never write a client's name, date of birth, address, phone number, file number or BSN.")


class _GuardedForm(PrivacyGuardMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_privacy_confirm()

    def clean(self) -> dict:
        cleaned = super().clean()
        self._privacy_clean(cleaned)
        return cleaned

    @property
    def privacy_confirmed(self) -> bool:
        return bool(self.cleaned_data.get("privacy_confirm"))


class ThreadStartForm(_GuardedForm):
    privacy_fields = ("subject", "body")

    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}), help_text=BODY_HELP
    )


class MessageForm(_GuardedForm):
    privacy_fields = ("body",)

    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5}), help_text=BODY_HELP
    )
