"""Results for the platform team: response rate, a chart and a table per question, open answers, exports."""

import csv
from io import BytesIO

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook

from drakentemmers.accounts.decorators import mfa_required
from drakentemmers.core.services import access_log_record
from drakentemmers.regions.selectors import reporting_regions

from .charts import bar_chart_svg
from .models import ANONYMOUS_RESULTS_THRESHOLD, QuestionKind, Questionnaire, RespondentGroup
from .permissions import get_questionnaire_for_manager
from .selectors import questionnaire_responses, questionnaire_results, questionnaire_sections


def _filters(request: HttpRequest) -> dict:
    region = request.GET.get("region", "")
    group = request.GET.get("role", "")
    return {
        "region_id": int(region) if region.isdigit() else None,
        "group": group if group in RespondentGroup.values else None,
    }


@mfa_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for_manager(request.user, pk)
    filters = _filters(request)
    outcome = questionnaire_results(questionnaire, **filters)
    charts = [
        {
            "result": result,
            "svg": bar_chart_svg(bars=result.bars, title=result.question.text, chart_id=f"chart-{result.question.pk}")
            if result.bars
            else "",
        }
        for result in outcome.questions
    ]
    context = {
        "questionnaire": questionnaire,
        "results": outcome,
        "charts": charts,
        "regions": reporting_regions(),
        "groups": RespondentGroup.choices,
        "filters": filters,
        "threshold": ANONYMOUS_RESULTS_THRESHOLD,
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/results.html", context)


def _rows(questionnaire: Questionnaire, filters: dict) -> tuple[list[str], list[list]] | None:
    """Header and one row per response (anonymous: no time, in random order); None below the threshold."""
    outcome = questionnaire_results(questionnaire, **filters)
    if not outcome.shown:
        return None
    questions = [q for section in questionnaire_sections(questionnaire) for q in section.questions.all()]
    from drakentemmers.regions.models import Region

    region_names = dict(Region.objects.values_list("pk", "name"))
    groups = dict(RespondentGroup.choices)
    header = (
        [_("Region"), _("Role")]
        + ([] if questionnaire.anonymous else [_("Submitted at")])
        + [q.text for q in questions]
    )
    rows = []
    for response in questionnaire_responses(questionnaire, **filters):
        row = [region_names.get(response.region_id, ""), str(groups.get(response.group, ""))]
        if not questionnaire.anonymous:
            row.append(response.submitted_at.strftime("%Y-%m-%d %H:%M") if response.submitted_at else "")
        for question in questions:
            value = response.answers.get(question.key, "")
            if question.kind == QuestionKind.REGION:
                value = region_names.get(value, "")
            elif isinstance(value, list):
                value = "; ".join(value)
            row.append(value)
        rows.append(row)
    return header, rows


def _below_threshold(questionnaire: Questionnaire) -> HttpResponse:
    return HttpResponse(
        _("Fewer than %(n)d answers: results of an anonymous questionnaire are not shown.")
        % {"n": ANONYMOUS_RESULTS_THRESHOLD},
        status=404,
        content_type="text/plain; charset=utf-8",
    )


@mfa_required
@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for_manager(request.user, pk)
    table = _rows(questionnaire, _filters(request))
    if table is None:
        return _below_threshold(questionnaire)
    access_log_record(request=request, obj=questionnaire, action="export")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vragenlijst-{questionnaire.pk}.csv"'
    response.write("\ufeff")  # so Excel reads the accents
    writer = csv.writer(response, delimiter=";")
    writer.writerow(table[0])
    writer.writerows([_csv_safe(cell) for cell in row] for row in table[1])
    return response


def _csv_safe(value):
    """Neutralise spreadsheet formulas in free text (=, +, -, @ at the start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _xlsx_append(sheet, row) -> None:
    """Append a row with every string stored as text: openpyxl would store "=..." (an answer, a question) as a
    formula. Unlike the CSV's leading quote, the cell then shows exactly what the respondent wrote."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


@mfa_required
@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_questionnaire_for_manager(request.user, pk)
    table = _rows(questionnaire, _filters(request))
    if table is None:
        return _below_threshold(questionnaire)
    access_log_record(request=request, obj=questionnaire, action="export")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Answers")[:31]
    for row in (table[0], *table[1]):
        _xlsx_append(sheet, row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="vragenlijst-{questionnaire.pk}.xlsx"'
    return response
