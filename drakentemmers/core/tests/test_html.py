"""core.html.translated_html prints a translated message as {% blocktranslate %} does."""

from django.template import Context, Template
from django.utils import translation
from django.utils.translation import gettext

from drakentemmers.core.html import translated_html


def test_it_escapes_the_values_like_blocktranslate_and_survives_braces():
    values = {"name": "<b>Kim</b> {0} & co", "title": "Moeder & kind {title}"}
    template = Template(
        "{% load i18n %}{% blocktranslate with name=name title=title trimmed %}"
        "Invite {{ name }} for “{{ title }}”{% endblocktranslate %}"
    )
    with translation.override("nl"):
        expected = template.render(Context(values))
        got = translated_html(gettext("Invite %(name)s for “%(title)s”"), **values)
    assert got == expected
    assert "&lt;b&gt;Kim&lt;/b&gt; {0} &amp; co" in got and got.startswith("Nodig ")
