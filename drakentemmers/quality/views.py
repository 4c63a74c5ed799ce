"""The member's checklist and declaration, the public verification page, and the platform team's pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.forms import apply_service_errors

from . import selectors, services
from .forms import CriterionForm, DeclarationForm, MarkWithdrawForm, ReviewDecisionForm, ReviewRequestForm
from .models import DECLARATION_VERSION, MarkStatus, QualityCriterion
from .permissions import (
    get_criterion_for_member,
    get_criterion_for_team,
    get_mark_for_team,
    get_pending_review_for_team,
    require_member,
    require_quality_team,
)


# --- Member --------------------------------------------------------------------------------------------
def _checklist_page(
    request: HttpRequest,
    *,
    bound: dict[int, ReviewRequestForm] | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    checklist = selectors.checklist_for(request.user, today=today)
    bound = bound or {}
    review_forms = {
        item.criterion.pk: bound.get(item.criterion.pk) or ReviewRequestForm(prefix=f"c{item.criterion.pk}")
        for item in checklist.items
        if item.by_review and item.met is not True and item.pending_review is None
    }
    rows = [(item, review_forms.get(item.criterion.pk)) for item in checklist.items]
    mark = selectors.current_mark(request.user)
    context = {
        "checklist": checklist,
        "rows": rows,
        "mark": mark,
        "mark_status": mark.status_on(today) if mark else "",
        "today": today,
        "page_errors": errors or [],
    }
    return render(request, "quality/my_mark.html", context, status=status)


@login_required
@require_GET
def my_mark(request: HttpRequest) -> HttpResponse:
    require_member(request.user)
    return _checklist_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def declaration(request: HttpRequest) -> HttpResponse:
    require_member(request.user)
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.declaration_sign(user=request.user)
        messages.success(request, _("Thank you: you signed the declaration."))
        return redirect("quality:my_mark")
    context = {"form": form, "version": DECLARATION_VERSION, "signed": selectors.latest_signature(request.user)}
    return render(request, "quality/declaration.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def review_request(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_criterion_for_member(request.user, pk)
    form = ReviewRequestForm(request.POST, prefix=f"c{criterion.pk}")
    if form.is_valid():
        try:
            services.review_request(user=request.user, criterion=criterion, note=form.cleaned_data["note"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):  # the privacy guard's refusal names the field
                apply_service_errors(form, error)
            else:
                return _checklist_page(request, errors=error.messages, status=400)
        else:
            messages.success(request, _("Your request is with the platform team. You will hear the result by e-mail."))
            return redirect("quality:my_mark")
    return _checklist_page(request, bound={criterion.pk: form}, status=400)


# --- Public verification -------------------------------------------------------------------------------
@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Whoever holds the code sees name, dates and status; nothing more. An unknown code: the same 404."""
    mark = selectors.mark_for_verification(code)
    if mark is None:
        raise Http404
    today = timezone.localdate()
    context = {"mark": mark, "status": mark.status_on(today), "statuses": MarkStatus, "today": today}
    return render(request, "quality/verify.html", context)


# --- Platform team -------------------------------------------------------------------------------------
@mfa_required
@require_GET
def team_marks(request: HttpRequest) -> HttpResponse:
    require_quality_team(request.user)
    status = request.GET.get("status", "")
    marks = list(selectors.marks_list(status=status)[: selectors.MARK_LIST_LIMIT])
    context = {
        "marks": marks,
        "status": status,
        "today": timezone.localdate(),
        "filters": [("", _("All")), ("valid", _("Valid")), ("notice", _("In notice")), *MarkStatus.choices[1:]],
        "pending_reviews": selectors.review_queue().count(),
    }
    return render(request, "quality/team/marks.html", context)


@mfa_required
@require_http_methods(["GET", "POST"])
def team_mark(request: HttpRequest, pk: int) -> HttpResponse:
    mark = get_mark_for_team(request.user, pk)
    form = MarkWithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_withdraw(mark=mark, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The mark has been withdrawn and the member informed."))
            return redirect("quality_team:marks")
    today = timezone.localdate()
    context = {
        "mark": mark,
        "mark_status": mark.status_on(today),
        "checklist": selectors.checklist_for(mark.user, today=today),
        "form": form,
    }
    return render(request, "quality/team/mark.html", context, status=400 if form.errors else 200)


@require_POST
@mfa_required
def team_mark_allow(request: HttpRequest, pk: int) -> HttpResponse:
    mark = get_mark_for_team(request.user, pk)
    services.mark_allow_new_award(mark=mark)
    messages.success(request, _("The member can be awarded a new mark once all criteria are met."))
    return redirect("quality_team:mark", pk=mark.pk)


@mfa_required
@require_http_methods(["GET", "POST"])
def team_criteria(request: HttpRequest) -> HttpResponse:
    require_quality_team(request.user)
    form = CriterionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_save(criterion=form.instance)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The criterion has been added."))
            return redirect("quality_team:criteria")
    context = {"criteria": QualityCriterion.objects.all(), "form": form}
    return render(request, "quality/team/criteria.html", context, status=400 if form.errors else 200)


@mfa_required
@require_http_methods(["GET", "POST"])
def team_criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_criterion_for_team(request.user, pk)
    form = CriterionForm(request.POST if request.method == "POST" else None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_save(criterion=form.instance)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The criterion has been saved."))
            return redirect("quality_team:criteria")
    context = {"criterion": criterion, "form": form}
    return render(request, "quality/team/criterion_edit.html", context, status=400 if form.errors else 200)


@mfa_required
@require_GET
def team_reviews(request: HttpRequest) -> HttpResponse:
    require_quality_team(request.user)
    return render(request, "quality/team/reviews.html", {"reviews": selectors.review_queue()})


@mfa_required
@require_http_methods(["GET", "POST"])
def team_review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_pending_review_for_team(request.user, pk)
    form = ReviewDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_decide(
                review=review,
                met=form.met,
                evidence_note=form.cleaned_data["evidence_note"],
                valid_until=form.cleaned_data["valid_until"],
                by=request.user,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The review has been recorded and the member informed."))
            return redirect("quality_team:reviews")
    return render(
        request, "quality/team/review_decide.html", {"review": review, "form": form}, status=400 if form.errors else 200
    )
