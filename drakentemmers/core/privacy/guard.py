"""The privacy guard's policy and its service-side check, shared by every app that stores free text.

Every free-text field that may carry client data passes the guard twice: in the form (``forms.PrivacyGuardMixin``:
highlight, then fix or confirm) and again in the service that stores it (``privacy_assert_storable``), the last
line of defence for any caller that skips the form.

What happens per kind of finding:

* **refused, no override** (``REFUSED_KINDS``): a valid BSN, a street address (street + house number) and a
  full postcode (four digits and two letters, with or without a house number). A BSN never belongs on the
  platform. An address or full postcode points to one house: the client's home, or a women's shelter whose
  address must stay secret (a perpetrator must never find a victim). The platform stores places only as a
  municipality or the four digits of a postcode, whatever field the user types an address in, so the text
  is refused with a Dutch message that says why and what to write instead. This applies to care requests,
  decline notes, therapist bios and contact preferences, organisation descriptions, and every field the
  coming apps add.
* **highlighted, user confirms** (all other kinds in ``privacy.KIND_LABELS``): names, phone numbers, e-mail
  addresses, dates of birth, IBANs, file numbers, licence plates, social media accounts. These are often
  not about a client (a colleague's first name, the shelter's general phone number, a method named after its
  author), so the user sees the marked words and either removes them or ticks the confirmation; the text the
  user typed is kept in the form either way.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from drakentemmers.core import privacy

REFUSED_KINDS = frozenset(["bsn", "address", "postcode"])


@dataclass
class PrivacyReport:
    """Findings per field name, with the highlighted text for display."""

    findings: dict[str, list] = field(default_factory=dict)
    highlighted: dict[str, SafeString] = field(default_factory=dict)
    bsn_fields: list[str] = field(default_factory=list)
    address_fields: list[str] = field(default_factory=list)

    @property
    def has_findings(self) -> bool:
        return bool(self.findings)

    def kinds(self, name: str) -> list[str]:
        return sorted({str(f.label) for f in self.findings.get(name, [])})

    def refused(self, name: str) -> str | None:
        """The error for a field whose text may never be stored, or None."""
        if name in self.bsn_fields:
            return bsn_error()
        if name in self.address_fields:
            return address_error()
        return None


def privacy_report(texts: dict[str, str]) -> PrivacyReport:
    report = PrivacyReport()
    for name, text in texts.items():
        if not text or not text.strip():
            continue
        found = privacy.scan_text(text)
        if privacy.contains_valid_bsn(text):
            report.bsn_fields.append(name)
        elif any(f.kind in REFUSED_KINDS for f in found):
            report.address_fields.append(name)
        if found:
            report.findings[name] = found
            report.highlighted[name] = privacy.highlight(text, found)
    return report


def bsn_error() -> str:
    return _(
        "This text contains a citizen service number (BSN). A BSN may never be stored here, not even with "
        "confirmation. Remove the number."
    )


def address_error() -> str:
    return _(
        "This text contains a street address or a full postcode. We never store addresses: the address of a "
        "client or of a shelter must stay secret, so that nobody can be found through this platform. Remove it: "
        "it cannot be saved, not even with confirmation. A municipality or the 4 digits of the postcode are enough."
    )


def privacy_assert_storable(texts: dict[str, str]) -> None:
    """Raise ``ValidationError`` (per field) when a text holds a BSN, a street address or a full postcode."""
    report = privacy_report(texts)
    errors = {name: report.refused(name) for name in texts if report.refused(name)}
    if errors:
        raise ValidationError(errors)


# The name the services used before addresses were refused too; it now applies the whole refusal policy.
privacy_assert_no_bsn = privacy_assert_storable
