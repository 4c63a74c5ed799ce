"""The privacy guard in forms: highlight what looks like client data, then let the user fix or confirm it.

Every form with free text that may carry client data mixes this in, lists the fields in ``privacy_fields``,
calls ``_add_privacy_confirm()`` in ``__init__`` and ``_privacy_clean(cleaned)`` in ``clean()``; its template
includes ``core/includes/privacy_alert.html`` with ``highlights=form.privacy_highlights``. The service that
stores the text calls ``guard.privacy_assert_no_bsn`` again, because a valid BSN is refused even when confirmed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .guard import bsn_error, privacy_report


class PrivacyGuardMixin:
    """Scan ``privacy_fields``; block on a BSN always, on other findings until the user confirms.

    The confirmation checkbox stays hidden until something was found, so nobody ticks it in advance.
    """

    privacy_fields: tuple[str, ...] = ()

    def _add_privacy_confirm(self) -> None:
        self.fields["privacy_confirm"] = forms.BooleanField(
            required=False,
            widget=forms.HiddenInput,
            label=_("The highlighted details are not about the client"),
            help_text=_("Only tick this if the marked words are, for example, a method, a place or a colleague."),
        )
        self.privacy = None

    def _privacy_clean(self, cleaned: dict) -> None:
        texts = {name: cleaned.get(name) or "" for name in self.privacy_fields}
        self.privacy = privacy_report(texts)
        for name in self.privacy.bsn_fields:
            self.add_error(name, bsn_error())
        if self.privacy.has_findings:
            self.fields["privacy_confirm"].widget = forms.CheckboxInput()
            if not cleaned.get("privacy_confirm"):
                for name in self.privacy.findings:
                    if name not in self.privacy.bsn_fields:
                        self.add_error(
                            name,
                            _("This text may contain personal data: %(kinds)s. Remove it, or confirm below.")
                            % {"kinds": ", ".join(self.privacy.kinds(name))},
                        )

    @property
    def privacy_highlights(self) -> list[dict]:
        if not self.privacy or not self.privacy.has_findings:
            return []
        return [
            {"label": self.fields[name].label, "html": html, "id": self[name].auto_id}
            for name, html in self.privacy.highlighted.items()
        ]
