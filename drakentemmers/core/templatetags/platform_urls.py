"""`{% fixed_url 'name' %}`: the URL of a view without arguments, reversed once per process (issue 17).

The base template's header, menu and footer name about fifteen such URLs on every page; `{% url %}` reverses each
one on every render (about a millisecond per page together). The URL only depends on the name, the script prefix
and the URLconf (no URL of the platform is translated), so the menu's per-process cache serves it.
"""

from django import template

from drakentemmers.core import navigation

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    return navigation.fixed_url(name)
