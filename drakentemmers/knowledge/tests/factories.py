from datetime import date

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from drakentemmers.directory.tests.factories import method
from drakentemmers.knowledge import selectors, services
from drakentemmers.knowledge.models import (
    KnowledgeArticlePage,
    MethodPage,
    NewsItemPage,
    ResearchSummaryPage,
    ToolPage,
    Visibility,
)


def publish(model, *, visibility=Visibility.PUBLIC, **fields):
    """A live page of `model` in the knowledge index (root → index → page, as Wagtail builds it)."""
    services.knowledge_site_ensure()
    index = selectors.knowledge_index()
    defaults = {"intro": "Korte inleiding.", "visibility": visibility}
    defaults.update(TYPE_DEFAULTS.get(model, dict)())
    defaults.update(fields)
    defaults.setdefault("slug", defaults["title"].lower().replace(" ", "-"))
    page = model(**defaults)
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _research():
    return {
        "title": "Onderzoek",
        "authors": "A. Auteur",
        "year": 2024,
        "key_findings": "<p>Bevinding</p>",
        "implications": "<p>Praktijk</p>",
    }


def _method():
    return {
        "title": "EMDR",
        "method": method("emdr"),
        "what": "<p>Wat</p>",
        "for_whom": "<p>Wie</p>",
        "evidence": "<p>Bewijs</p>",
    }


TYPE_DEFAULTS = {
    KnowledgeArticlePage: lambda: {"title": "Artikel"},
    ResearchSummaryPage: _research,
    ToolPage: lambda: {
        "title": "Tool",
        "purpose": "Doel",
        "intended_for": "Volwassenen",
        "link": "https://example.nl/tool",
    },
    MethodPage: _method,
    NewsItemPage: lambda: {"title": "Nieuws", "news_date": date(2026, 11, 1)},
}


def document(name: str = "werkblad.pdf"):
    return get_document_model().objects.create(title="Werkblad", file=ContentFile(b"%PDF-1.4 demo", name=name))
