"""Knowledge objects of the access world: a members-only tool page with its file."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from drakentemmers.knowledge import selectors, services
from drakentemmers.knowledge.models import ToolPage, Visibility


def knowledge_world_build() -> dict[str, object]:
    services.knowledge_site_ensure()
    index = selectors.knowledge_index()
    document = get_document_model().objects.create(
        title="Werkblad", file=ContentFile(b"%PDF-1.4 demo", name="werkblad-leden.pdf")
    )
    page = ToolPage(
        title="Werkblad voor leden",
        slug="werkblad-voor-leden",
        intro="Alleen voor leden.",
        purpose="Oefenen.",
        intended_for="Volwassenen",
        document=document,
        visibility=Visibility.MEMBERS,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return {
        "knowledge_index_page": index.pk,
        "knowledge_members_page": page.pk,
        "knowledge_members_page_path": f"{page.slug}/",
        "knowledge_members_document": document.pk,
        "knowledge_members_document_file": document.filename,
        "knowledge_no_restriction": 999999,
    }
