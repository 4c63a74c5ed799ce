"""Admin customisation: the Theme snippet, and the check before a document is served."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import selectors
from .models import ContentPage, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "name_en", "slug"]


register_snippet(ThemeViewSet)


@hooks.register("before_serve_document")
def document_check_access(document, request):
    """Only who may read a live page using the document downloads it: others get a login or a 404."""
    if selectors.document_readable(user=request.user, document=document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404


class ContentPageViewSet(SnippetViewSet):
    model = ContentPage
    icon = "doc-empty"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "key", "language", "live"]
    list_filter = ["key", "language"]


register_snippet(ContentPageViewSet)
