"""The Python-rendered choice widgets give the same markup as Django's widget templates, escaped the same way."""

import re

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting

from drakentemmers.core.forms import PlatformFormRenderer

CHOICES = [
    ("", "Kies"),
    ("a", 'A & <b>"B"</b>'),
    ("Groep <x>", [("c", "C"), ("d", "D")]),
    (5, "Vijf"),
]


class Sample(forms.Form):
    select = forms.ChoiceField(choices=CHOICES, required=False)
    multi = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:], required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "dt-boxes"})
    )
    radio = forms.ChoiceField(choices=CHOICES[1:], required=False, widget=forms.RadioSelect)
    disabled = forms.ChoiceField(
        choices=CHOICES, required=False, disabled=True, widget=forms.Select(attrs={"data-x": "1"})
    )


def _normalise(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize("data", [{}, {"select": "c", "multi": ["a", "5"], "boxes": ["d"], "radio": "5"}])
@pytest.mark.parametrize("name", ["select", "multi", "boxes", "radio", "disabled"])
def test_same_markup_as_the_django_templates(name, data):
    fast = Sample(data or None, renderer=PlatformFormRenderer())[name]
    slow = Sample(data or None, renderer=TemplatesSetting())[name]
    assert _normalise(fast.as_widget()) == _normalise(slow.as_widget())
    assert "<b>" not in str(fast.as_widget()) and "&lt;b&gt;" in str(fast.as_widget())


def test_a_widget_with_its_own_option_template_keeps_the_templates(monkeypatch):
    class Custom(forms.CheckboxSelectMultiple):
        option_template_name = "forms/custom_option.html"

    calls = []
    monkeypatch.setattr(TemplatesSetting, "render", lambda self, name, context, request=None: calls.append(name) or "")
    form = forms.Form(renderer=PlatformFormRenderer())
    form.fields["x"] = forms.MultipleChoiceField(choices=[("a", "A")], widget=Custom)
    form["x"].as_widget()
    form.fields["y"] = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
    form["y"].as_widget()
    assert calls == ["django/forms/widgets/checkbox_select.html"]  # x through the templates, y in Python
