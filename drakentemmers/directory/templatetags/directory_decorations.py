"""The decorations of one profile page (see directory.result_decorations), for the directory's templates:

    {% load directory_decorations %}{% profile_decorations profile "profile" as decorations %}
    {% for badge in decorations.badges %}{{ badge }}{% endfor %}
    {% for method in decorations.methods %}{% if method.url %}<a href="{{ method.url }}">{{ method }}</a>…

A list page decorates all its profiles at once (`result_decorations.decorate`); this tag then reuses them.
"""

from django import template

from .. import result_decorations

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_decorations(context, profile, purpose: str = result_decorations.PROFILE):
    decorations = getattr(profile, "decorations", None)
    if decorations is None:
        request = context.get("request")
        viewer = getattr(request, "user", None)
        decorations = result_decorations.decorate(viewer=viewer, profiles=[profile], purpose=purpose).get(profile.pk)
    return decorations
