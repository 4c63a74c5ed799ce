"""`{% fixed_fragment %}…{% end_fixed_fragment %}`: markup rendered once per process and language (issue 17).

The base template's head (stylesheets, scripts), logo and footer are the same on every page: translated text,
static file URLs and URLs without arguments (twenty-odd `{% translate %}`, seven `{% static %}` and nine
`{% fixed_url %}`, about 0.4 of the 0.9 ms the base template took to render for an anonymous visitor). Inside the
tag only those are allowed, so the output can only depend on the active language and on what is fixed for the
process (templates, the static manifest, the URLconf and script prefix); anything else in it, such as a
`{{ variable }}` or a tag that reads the request, is refused when the template is compiled.

The rendered text is kept on the compiled node: when the template loaders are reset (a template changed in
development), the new node starts empty. A changed setting (tests) empties every node.
"""

from django import template
from django.core.signals import setting_changed
from django.template.base import TextNode
from django.templatetags.i18n import TranslateNode
from django.templatetags.static import StaticNode
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation

register = template.Library()

_generation = [0]


def _settings_changed(**kwargs) -> None:
    _generation[0] += 1


setting_changed.connect(_settings_changed, dispatch_uid="fixed_fragments_settings_changed")


def _literal(expression) -> bool:
    """A quoted string without filters (a constant's FilterExpression holds the string, or a literal Variable)."""
    var = expression.var
    return not expression.filters and (isinstance(var, str) or getattr(var, "literal", None) is not None)


def _allowed(node) -> bool:
    from .platform_urls import fixed_url  # the simple tag's function

    if isinstance(node, TextNode):
        return True
    if isinstance(node, TranslateNode):
        return _literal(node.filter_expression) and node.asvar is None and node.message_context is None
    if isinstance(node, StaticNode):
        return _literal(node.path) and node.varname is None
    return (
        getattr(node, "func", None) is fixed_url
        and node.target_var is None
        and not node.kwargs
        and all(_literal(argument) for argument in node.args)
    )


class FixedFragmentNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist
        self.rendered: dict[tuple, str] = {}

    def render(self, context) -> str:
        key = (translation.get_language(), get_script_prefix(), get_urlconf(), _generation[0])
        text = self.rendered.get(key)
        if text is None:
            text = self.rendered[key] = self.nodelist.render(context)
        return text  # NodeList.render's SafeString, escaped when it was rendered


@register.tag
def fixed_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fixed_fragment %} takes one name: {% fixed_fragment 'footer' %}")
    nodelist = parser.parse(("end_fixed_fragment",))
    parser.delete_first_token()
    for node in nodelist:
        if not _allowed(node):
            raise template.TemplateSyntaxError(
                f"{{% fixed_fragment {bits[1]} %}} may only hold text, literal {{% translate %}}, {{% static %}} "
                f"and {{% fixed_url %}}; found {node!r}"
            )
    return FixedFragmentNode(bits[1].strip("'\""), nodelist)
