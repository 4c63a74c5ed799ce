"""HTML built in Python where a template per item would cost more than the page around it (issue 17)."""

from django.utils.html import format_html
from django.utils.safestring import SafeString


def translated_html(message: str, **values) -> SafeString:
    """A translated message with `%(name)s` placeholders as HTML, the way `{% blocktranslate %}` prints it: the
    values escaped, the translation itself as it is. `message` is already translated (gettext)."""
    text = message.replace("{", "{{").replace("}", "}}")
    for name in values:
        text = text.replace(f"%({name})s", "{" + name + "}")
    return format_html(text, **values)
