"""Hostile input on the privacy guard (issue #24, OWASP ASVS V5): very long text, control characters (NUL
included), the right-to-left override, mixed scripts, HTML and script tags. It never raises, its findings line up
with the text, and its highlighting never lets the input's markup through unescaped."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drakentemmers.core import privacy
from drakentemmers.core.privacy.guard import privacy_report

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'

_pieces = st.sampled_from(
    [
        SCRIPT,
        IMG,
        "\x00",
        "\x01\x02\x07\x08\x0b\x0c\x1b\x7f",
        "\u202eevil\u202c",
        "\u200b\u200d\ufeff",
        "Жанна Ἀθηνᾶ محمد 李小龙 שָׁלוֹם 🐉",
        "Zoë Ünal-Çelik",
        "'; DROP TABLE accounts_user; --",
        "' OR '1'='1",
        "%s %d {0} {{ x }} {% now %}",
        "../../etc/passwd",
        "\r\n\r\nSet-Cookie: x=1",
        "99999999999999999999999999999",
        "-1e309",
        "NaN",
        "2026-02-30",
        "31-13-2026",
        "0000-00-00T25:61",
        "javascript:alert(3)",
        "\ud7ff\ue000\U0010ffff",
    ]
)
_short = st.lists(_pieces, min_size=1, max_size=4).map("".join)
_long = st.integers(min_value=10_000, max_value=100_000).map(lambda n: ((SCRIPT + "Aé\u202e\x00 ") * (n // 20 + 1))[:n])


# --- The privacy guard ----------------------------------------------------------------------------------

any_text = st.one_of(
    st.text(max_size=2000), _short, st.lists(st.one_of(_short, st.text(max_size=50)), max_size=20).map(" ".join)
)


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_privacy_guard_never_raises_and_highlight_escapes(text):
    findings = privacy.scan_text(text)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
    marked = str(privacy.highlight(text, findings))
    # Only the guard's own <mark> tags may be markup; every "<" of the input is escaped.
    stripped = marked.replace('<mark class="privacy-mark"', "").replace("</mark>", "")
    assert "<" not in stripped
    report = privacy_report({"body": text, "other": text[::-1]})
    for value in report.highlighted.values():
        assert "<" not in str(value).replace('<mark class="privacy-mark"', "").replace("</mark>", "")


@settings(max_examples=5, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_long)
def test_privacy_guard_on_very_long_text(text):
    findings = privacy.scan_text(text)
    assert SCRIPT not in str(privacy.highlight(text, findings))
