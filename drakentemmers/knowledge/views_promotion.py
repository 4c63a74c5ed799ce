"""Editors turn an accepted answer from case consultation into a draft knowledge article, without identities.

Only network-wide consultations (not a group's own) with an accepted answer are offered. The editor reads the
texts here (each read access-logged, as every read of a consultation is), then a draft is made that goes through
the usual second-editor review before anyone sees it.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.colleagues.selectors import consultation_for_promotion, consultations_for_promotion
from drakentemmers.core.services import access_log_record, access_log_record_list

from . import services
from .models import KnowledgeArticlePage
from .permissions import can_edit_knowledge

LIST_LIMIT = 50


def source_note_for(consultation) -> str:
    # The consultation's number, so the same answer is not turned into two articles; never who wrote it. In the
    # platform's language whatever the editor reads in, so the note is the same for every editor.
    with translation.override(settings.LANGUAGE_CODE):
        return _("From the network's case consultation (question %(number)s), anonymised.") % {
            "number": consultation.pk
        }


@require_GET
@mfa_required
def promotion_list(request: HttpRequest) -> HttpResponse:
    if not can_edit_knowledge(request.user):
        raise Http404
    consultations = list(consultations_for_promotion()[:LIST_LIMIT])
    access_log_record_list(request=request, objects=consultations, action="promotion_list")
    notes = {source_note_for(c): c.pk for c in consultations}
    promoted = set(
        KnowledgeArticlePage.objects.filter(source_note__in=list(notes)).values_list("source_note", flat=True)
    )
    items = [
        {"consultation": c, "texts": consultation_for_promotion(c), "promoted": source_note_for(c) in promoted}
        for c in consultations
    ]
    return render(request, "knowledge/promotion_list.html", {"items": items})


@require_POST
@mfa_required
def promote(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_edit_knowledge(request.user):
        raise Http404
    consultation = get_object_or_404(consultations_for_promotion(), pk=pk)
    access_log_record(request=request, obj=consultation, action="promote")
    texts = consultation_for_promotion(consultation)
    note = source_note_for(consultation)
    existing = KnowledgeArticlePage.objects.filter(source_note=note).first()
    if existing is not None:
        messages.info(request, _("This answer already became a knowledge article; you are editing that draft."))
        return redirect(reverse("wagtailadmin_pages:edit", args=[existing.pk]))
    body = "\n\n".join([_("The question"), texts["question"], _("The answer"), texts["answer"]])
    try:
        page = services.knowledge_article_draft_create(
            editor=request.user, title=texts["title"], intro="", body=body, source_note=note
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("knowledge:promotion_list")
    messages.success(request, _("A draft knowledge article was made. Edit it, then send it for review."))
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
