"""Forms that help: the error summary, invalid fields marked, Dutch texts in one tone, Dutch dates."""

import datetime

import pytest
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation


class SampleForm(forms.Form):
    name = forms.CharField(label="Naam")
    kind = forms.ChoiceField(label="Soort", choices=[("", "---------"), ("a", "A")])
    days = forms.MultipleChoiceField(label="Dagen", choices=[("ma", "Ma")], widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False, max_length=3)


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _render(form) -> str:
    return Template("{{ form }}").render(Context({"form": form}))


def test_the_error_summary_links_to_every_invalid_field():
    form = SampleForm({"note": "te lang"})
    html = _render(form)
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert 'href="#id_name"' in html and 'href="#id_kind"' in html and 'href="#id_note"' in html
    assert 'href="#id_days_0"' in html  # a checkbox list links to its first box


def test_every_invalid_input_is_marked_not_only_selects():
    html = _render(SampleForm({"note": "te lang"}))
    for name in ("name", "kind", "note"):
        tag = next(part for part in html.split("<") if f'id="id_{name}"' in part and not part.startswith("label"))
        assert 'aria-invalid="true"' in tag, name


def test_a_valid_form_has_no_summary():
    assert "data-error-summary" not in _render(SampleForm())


def test_the_blank_choice_asks_to_choose():
    html = _render(SampleForm())
    assert "---------" not in html
    assert ">Kies …</option>" in html


@pytest.mark.parametrize(
    ("password", "expected"),
    [("kort", "Dit wachtwoord is te kort"), ("1234567890123", "alleen uit cijfers"), ("password123", "te vaak")],
)
def test_password_validators_speak_dutch_with_je(password, expected):
    with pytest.raises(ValidationError) as raised:
        validate_password(password)
    text = " ".join(raised.value.messages)
    assert expected in text
    assert "Uw " not in text and " uw " not in text


def test_dates_are_dutch_abbreviations_with_a_full_stop():
    template = Template('{{ day|date:"j N Y" }}')
    assert template.render(Context({"day": datetime.date(2026, 12, 1)})) == "1 dec. 2026"
    assert template.render(Context({"day": datetime.date(2026, 5, 3)})) == "3 mei 2026"
    with translation.override("en"):
        assert template.render(Context({"day": datetime.date(2026, 11, 1)})) == "1 Nov. 2026"


def test_allauth_texts_are_plain_dutch():
    assert translation.gettext("Please reauthenticate to safeguard your account.").startswith("Log voor de zekerheid")
    assert "Bevestigings e-mail" not in translation.gettext("Confirmation email sent to %(email)s.")
