"""The privacy guard in forms: highlight what looks like client data, then let the user fix or confirm it.

A form lists its free-text fields in one class attribute and includes the alert in its template::

    class BottleneckForm(PrivacyGuardMixin, forms.ModelForm):
        privacy_fields = ("description",)

    {% include "core/includes/privacy_alert.html" with highlights=form.privacy_highlights only %}

The mixin adds the hidden ``privacy_confirm`` field in ``__init__`` and checks the fields in ``clean()``
(a form that overrides ``clean()`` must call ``super().clean()``, as Django requires anyway). The service that
stores the text calls ``guard.privacy_assert_storable`` again, because what ``guard.REFUSED_KINDS`` lists (a BSN,
a street address, a full postcode) is refused even when confirmed. The policy is in ``guard``'s docstring.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .guard import privacy_report


class PrivacyGuardMixin:
    """Scan ``privacy_fields``; block a BSN or an address always, other findings until the user confirms.

    The confirmation checkbox stays hidden until something was found, so nobody ticks it in advance.
    """

    privacy_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["privacy_confirm"] = forms.BooleanField(
            required=False,
            widget=forms.HiddenInput,
            label=_("The highlighted details are not about the client"),
            help_text=_("Only tick this if the marked words are, for example, a method, a place or a colleague."),
        )
        self.privacy = None

    def clean(self) -> dict:
        cleaned = super().clean()
        texts = {name: cleaned.get(name) or "" for name in self.privacy_fields}
        self.privacy = privacy_report(texts)
        if self.privacy.has_findings:
            self.fields["privacy_confirm"].widget = forms.CheckboxInput()
        for name in self.privacy_fields:
            refused = self.privacy.refused(name)
            if refused:
                self.add_error(name, refused)
            elif name in self.privacy.findings and not cleaned.get("privacy_confirm"):
                self.add_error(
                    name,
                    _("This text may contain personal data: %(kinds)s. Remove it, or confirm below.")
                    % {"kinds": ", ".join(self.privacy.kinds(name))},
                )
        return cleaned

    @property
    def privacy_confirmed(self) -> bool:
        """True when the user confirmed findings that were shown (pass it to the service, which records it)."""
        return bool(self.privacy and self.privacy.has_findings and self.cleaned_data.get("privacy_confirm"))

    @property
    def privacy_highlights(self) -> list[dict]:
        if not self.privacy or not self.privacy.has_findings:
            return []
        return [
            {"label": self.fields[name].label, "html": html, "id": self[name].auto_id}
            for name, html in self.privacy.highlighted.items()
        ]
