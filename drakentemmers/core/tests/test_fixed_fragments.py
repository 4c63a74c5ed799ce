"""{% fixed_fragment %}: rendered once per process and language, and only for markup that cannot vary otherwise."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.utils import translation

LOAD = "{% load i18n static platform_urls fixed_fragments %}"


def _render(source: str, **context) -> str:
    return Template(LOAD + source).render(Context(context))


def test_it_renders_once_per_language_and_the_same_as_without_it():
    inner = "<a href=\"{% fixed_url 'core:about' %}\">{% translate 'About the platform' %}</a>"
    inner += "{% static 'img/logo.svg' %}"
    template = Template(LOAD + "{% fixed_fragment 'x' %}" + inner + "{% end_fixed_fragment %}")
    (node,) = [n for n in template.nodelist if n.__class__.__name__ == "FixedFragmentNode"]
    with translation.override("nl"):
        dutch = template.render(Context())
        assert dutch == _render(inner) and "Over het platform" in dutch
        node.nodelist = []  # a second render must not need the inner nodes any more
        assert template.render(Context()) == dutch
    with translation.override("en"), pytest.raises(AttributeError):
        template.render(Context())  # English was never rendered: it needs the (now removed) nodes


@pytest.mark.parametrize(
    "inner",
    [
        "{{ user.email }}",
        "{% translate greeting %}",
        "{% translate 'x' as y %}",
        "{% static path %}",
        "{% fixed_url name %}",
        "{% if user %}x{% endif %}",
        "{% csrf_token %}",
        "{% static 'x'|upper %}",
    ],
)
def test_anything_that_could_vary_is_refused_when_compiling(inner):
    with pytest.raises(TemplateSyntaxError, match="may only hold"):
        Template(LOAD + "{% fixed_fragment 'x' %}" + inner + "{% end_fixed_fragment %}")


def test_a_changed_setting_renders_again():
    template = Template(LOAD + "{% fixed_fragment 'x' %}{% static 'img/logo.svg' %}{% end_fixed_fragment %}")
    before = template.render(Context())
    with override_settings(STATIC_URL="/elders/"):
        assert template.render(Context()) != before
    assert template.render(Context()) == before


def test_the_base_template_renders_the_same_head_and_footer_for_every_user(client, nobody):
    from drakentemmers.accounts.tests.factories import logged_in_client

    anonymous = client.get("/over/").content.decode()
    member = logged_in_client(nobody).get("/over/").content.decode()
    footer = anonymous[anonymous.index('<footer class="dt-footer">') :]
    assert footer == member[member.index('<footer class="dt-footer">') :]
    assert "Toegankelijkheidsverklaring" in footer
