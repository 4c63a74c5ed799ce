from django.forms.renderers import TemplatesSetting


class PlatformFormRenderer(TemplatesSetting):
    """Render every form with the accessible field markup in templates/forms/ (label, hint, error, control)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
