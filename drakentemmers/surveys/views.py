"""Answering through the personal link, the member's list, and the platform team's builder."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.decorators import sensitive_page
from drakentemmers.core.forms import apply_service_errors
from drakentemmers.core.views import invitation_unavailable

from . import services
from .forms import CONDITION_KINDS, AnswerForm, QuestionForm, QuestionnaireForm, SectionForm
from .models import Question, Questionnaire, QuestionnaireStatus, Section
from .permissions import get_invitation_for_token, get_questionnaire_for_manager, require_manager
from .selectors import invitations_for_user, questionnaire_sections


@sensitive_page
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link: no login needed. "Save as draft" keeps the answers; "Submit" makes the one response."""
    try:
        invitation = get_invitation_for_token(token)
    except Http404:
        return invitation_unavailable(request)
    questionnaire = invitation.questionnaire
    if invitation.accepted_at is not None:
        return render(request, "surveys/done.html", {"questionnaire": questionnaire})
    if not services.questionnaire_is_open(questionnaire):
        return render(request, "surveys/closed.html", {"questionnaire": questionnaire}, status=410)
    sections = questionnaire_sections(questionnaire)
    is_draft = request.POST.get("action") == "draft"
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        sections=sections,
        draft=is_draft,
        initial_answers=_initial(invitation.draft, sections),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if is_draft:
                services.response_draft_save(invitation=invitation, answers=form.answers)
            else:
                services.response_submit(invitation=invitation, answers=form.answers)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if is_draft:
                messages.success(
                    request, _("Your answers are saved as a draft. You can continue later with the same link.")
                )
                return redirect(request.path)
            return render(request, "surveys/done.html", {"questionnaire": questionnaire, "just_submitted": True})
    context = {
        "invitation": invitation,
        "questionnaire": questionnaire,
        "form": form,
        "has_draft": bool(invitation.draft),
    }
    return render(request, "surveys/answer.html", context, status=400 if form.errors else 200)


def _initial(draft: dict, sections) -> dict:
    return dict(draft or {})


@login_required
@require_GET
def my_questionnaires(request: HttpRequest) -> HttpResponse:
    invitations = list(invitations_for_user(request.user)[:50])
    return render(request, "surveys/mine.html", {"invitations": invitations})


# --- the builder (platform team) -------------------------------------------------------------------------


@mfa_required
@require_GET
def manage_list(request: HttpRequest) -> HttpResponse:
    require_manager(request.user)
    from .selectors import questionnaire_overview

    return render(request, "surveys/manage_list.html", {"rows": questionnaire_overview()})


@mfa_required
@require_http_methods(["GET", "POST"])
def manage_create(request: HttpRequest) -> HttpResponse:
    require_manager(request.user)
    return _questionnaire_form(request, Questionnaire())


@mfa_required
@require_http_methods(["GET", "POST"])
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _questionnaire_form(request, get_questionnaire_for_manager(request.user, pk))


def _questionnaire_form(request: HttpRequest, questionnaire: Questionnaire) -> HttpResponse:
    form = QuestionnaireForm(request.POST if request.method == "POST" else None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_save(questionnaire=form.instance, user=request.user)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The questionnaire is saved."))
            return redirect("surveys:builder", pk=questionnaire.pk)
    status = 400 if form.errors else 200
    return render(request, "surveys/manage_form.html", {"form": form, "questionnaire": questionnaire}, status=status)


@mfa_required
@require_http_methods(["GET", "POST"])
def builder(request: HttpRequest, pk: int) -> HttpResponse:
    """The sections and questions, with forms to add a section and, per section, a question."""
    questionnaire = get_questionnaire_for_manager(request.user, pk)
    section_form = SectionForm(questionnaire=questionnaire, prefix="section")
    posted_section, posted_form = None, None
    action = request.POST.get("action") if request.method == "POST" else None
    try:
        if action == "add_section":
            section_form = SectionForm(request.POST, questionnaire=questionnaire, prefix="section")
            if section_form.is_valid():
                section_form.instance.questionnaire = questionnaire
                services.section_save(section=section_form.instance)
                messages.success(request, _("Section added."))
                return redirect(request.path)
        elif action == "add_question":
            posted_section = get_object_or_404(
                Section, pk=_int(request.POST.get("section")), questionnaire=questionnaire
            )
            posted_form = QuestionForm(request.POST, questionnaire=questionnaire, prefix=_prefix(posted_section))
            if posted_form.is_valid():
                posted_form.instance.section = posted_section
                services.question_save(question=posted_form.instance)
                messages.success(request, _("Question added."))
                return redirect(request.path)
        elif action in ("open", "close"):
            return _open_or_close(request, questionnaire, action)
        elif request.method == "POST":
            return redirect(request.path)
    except ValidationError as error:
        apply_service_errors(posted_form if action == "add_question" else section_form, error)
    sections = questionnaire_sections(questionnaire)
    conditions = [(q.pk, str(q)) for s in sections for q in s.questions.all() if q.kind in CONDITION_KINDS]
    rows = []
    for section in sections:
        form = (
            posted_form
            if section == posted_section
            else QuestionForm(questionnaire=questionnaire, prefix=_prefix(section))
        )
        form.fields["show_if_question"].choices = [("", _("Always show")), *conditions]  # one query for all forms
        rows.append((section, form, section == posted_section))
    section_form.fields["show_if_question"].choices = [("", _("Always show")), *conditions]
    context = {
        "questionnaire": questionnaire,
        "rows": rows,
        "section_form": section_form,
        "editable": questionnaire.status == QuestionnaireStatus.DRAFT,
    }
    has_errors = section_form.errors or (posted_form is not None and posted_form.errors)
    return render(request, "surveys/builder.html", context, status=400 if has_errors else 200)


def _prefix(section: Section) -> str:
    """One add-question form per section, each with its own field ids."""
    return f"question-{section.pk}"


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def _open_or_close(request: HttpRequest, questionnaire: Questionnaire, action: str) -> HttpResponse:
    try:
        if action == "open":
            count = services.questionnaire_open(questionnaire=questionnaire, user=request.user)
            message = ngettext(
                "The questionnaire is open; %(count)d new invitation is on its way.",
                "The questionnaire is open; %(count)d new invitations are on their way.",
                count,
            )
            messages.success(request, message % {"count": count})
        else:
            services.questionnaire_close(questionnaire=questionnaire)
            messages.success(request, _("The questionnaire is closed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:builder", pk=questionnaire.pk)


@mfa_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for_manager(request.user, pk)
    question = get_object_or_404(Question, pk=question_pk, section__questionnaire=questionnaire)
    form = QuestionForm(
        request.POST if request.method == "POST" else None, instance=question, questionnaire=questionnaire
    )
    if request.method == "POST":
        try:
            if request.POST.get("action") == "delete":
                services.question_delete(question=question)
                messages.success(request, _("Question deleted."))
                return redirect("surveys:builder", pk=questionnaire.pk)
            if form.is_valid():
                services.question_save(question=form.instance)
                messages.success(request, _("Question saved."))
                return redirect("surveys:builder", pk=questionnaire.pk)
        except ValidationError as error:
            apply_service_errors(form, error)
    context = {"form": form, "questionnaire": questionnaire, "question": question}
    return render(request, "surveys/question_form.html", context, status=400 if form.errors else 200)


@require_POST
@mfa_required
def section_delete(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for_manager(request.user, pk)
    section = get_object_or_404(Section, pk=section_pk, questionnaire=questionnaire)
    try:
        services.section_delete(section=section)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:builder", pk=questionnaire.pk)
