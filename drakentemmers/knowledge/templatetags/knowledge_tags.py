"""Profile → method page links, for the directory's templates:

    {% load knowledge_tags %}{% method_page_urls therapist.methods.all as method_urls %}
    {% for method in therapist.methods.all %}{% method_page_link method method_urls %}{% endfor %}

The method's name, linked to its method page when the viewer may read one; one query for all methods."""

from django import template
from django.utils.html import format_html

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def method_page_urls(context, methods) -> dict[int, str]:
    request = context.get("request")
    return selectors.method_page_urls(method_ids=[m.pk for m in methods], viewer=getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def method_page_link(context, method, urls: dict | None = None) -> str:
    if urls is None:
        urls = method_page_urls(context, [method])
    url = urls.get(method.pk)
    return format_html('<a href="{}">{}</a>', url, method) if url else format_html("{}", method)
