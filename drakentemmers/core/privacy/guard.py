"""The privacy guard's service-side check, shared by every app that stores free text that may carry client data.

Forms call ``privacy_report`` to show what was found; services call ``privacy_assert_no_bsn`` as the
last line of defence, because a valid BSN is refused even when the user confirms.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from drakentemmers.core import privacy


@dataclass
class PrivacyReport:
    """Findings per field name, with the highlighted text for display."""

    findings: dict[str, list] = field(default_factory=dict)
    highlighted: dict[str, SafeString] = field(default_factory=dict)
    bsn_fields: list[str] = field(default_factory=list)

    @property
    def has_findings(self) -> bool:
        return bool(self.findings)

    def kinds(self, name: str) -> list[str]:
        return sorted({str(f.label) for f in self.findings.get(name, [])})


def privacy_report(texts: dict[str, str]) -> PrivacyReport:
    report = PrivacyReport()
    for name, text in texts.items():
        if not text or not text.strip():
            continue
        if privacy.contains_valid_bsn(text):
            report.bsn_fields.append(name)
        found = privacy.scan_text(text)
        if found:
            report.findings[name] = found
            report.highlighted[name] = privacy.highlight(text, found)
    return report


def bsn_error() -> str:
    return _(
        "This text contains a citizen service number (BSN). A BSN may never be stored here, not even with "
        "confirmation. Remove the number."
    )


def privacy_assert_no_bsn(texts: dict[str, str]) -> None:
    errors = {name: bsn_error() for name, text in texts.items() if text and privacy.contains_valid_bsn(text)}
    if errors:
        raise ValidationError(errors)
