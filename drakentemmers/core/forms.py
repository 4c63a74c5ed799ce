from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

WIDGETS = "django/forms/widgets/"
# Option templates whose markup _option_html() reproduces; a widget with its own option template keeps the templates.
_DEFAULT_OPTION_TEMPLATES = {
    WIDGETS + "select_option.html",
    WIDGETS + "checkbox_option.html",
    WIDGETS + "radio_option.html",
}


def apply_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field where it names one, otherwise at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PlatformFormRenderer(TemplatesSetting):
    """Render every form with the accessible field markup in templates/forms/ (label, hint, error, control).

    Choice widgets (select, checkboxes, radios) are rendered in Python with exactly the markup of Django's widget
    templates: the templates include two to four sub-templates per option, which made a form with long
    vocabulary lists (the search form: about 100 options) cost more than the rest of its page.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def render(self, template_name, context, request=None):
        fast = _FAST_WIDGETS.get(template_name)
        if fast is not None and _default_options(context["widget"]):
            return fast(context["widget"])
        return super().render(template_name, context, request=request)


def _default_options(widget: dict) -> bool:
    return all(
        option["template_name"] in _DEFAULT_OPTION_TEMPLATES
        for _group, options, _index in widget["optgroups"]
        for option in options
    )


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` with autoescaping."""
    return conditional_escape(value) if isinstance(value, SafeData) else conditional_escape(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{_text(value)}"'
        )
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html"""
    value = f' value="{_text(widget["value"])}"' if widget["value"] is not None else ""
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value}{_attrs(widget['attrs'])}>"
    )


def _option_html(option: dict) -> str:
    """django/forms/widgets/input_option.html (checkbox and radio options)."""
    if not option["wrap_label"]:
        return _input(option)
    label_for = f' for="{conditional_escape(option["attrs"]["id"])}"' if option["attrs"].get("id") else ""
    return f"<label{label_for}>{_input(option)} {conditional_escape(option['label'])}</label>"


def _option_label(option: dict) -> str:
    """As templates/django/forms/widgets/select_option.html: Django's blank "---------" says what to do."""
    return gettext("Choose…") if option["label"] == "---------" else option["label"]


def _select(widget: dict) -> str:
    """django/forms/widgets/select.html with our select_option.html inlined."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(_option_label(option))}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    # Every value above is escaped (bandit B308/B703 reviewed).
    return mark_safe("".join(parts))  # nosec


def _multiple_input(widget: dict) -> str:
    """django/forms/widgets/multiple_input.html (checkbox_select.html, radio.html) with the options inlined."""
    element_id = widget["attrs"].get("id")
    css_class = widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{conditional_escape(element_id)}"' if element_id else "",
        f' class="{conditional_escape(css_class)}"' if css_class else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_option_html(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    # Every value above is escaped (bandit B308/B703 reviewed).
    return mark_safe("".join(parts))  # nosec


_FAST_WIDGETS = {
    WIDGETS + "select.html": _select,
    WIDGETS + "checkbox_select.html": _multiple_input,
    WIDGETS + "radio.html": _multiple_input,
}
