"""The one StreamBlock of the knowledge pages; a template per block in templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.CharBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"


class KnowledgeStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("heading"), form_classname="title", template="blocks/heading.html")
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )
    quote = QuoteBlock(label=_("quote"))
    document = DocumentBlock(label=_("document"))
