"""The access-log page for the platform team (NEN 7513): who read which record, when, from where."""

import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from drakentemmers.core.selectors import access_log_query, security_failures_repeated
from drakentemmers.core.services import access_log_record_query

from .decorators import mfa_required
from .forms import AccessLogFilterForm
from .permissions import can_query_access_log

PAGE_SIZE = 50
# The kinds of record the platform logs reads of; a fixed list, so the form costs no query.
OBJECT_TYPES = [
    ("matching.carerequest", gettext_lazy("Care request")),
    ("conversations.thread", gettext_lazy("Conversation")),
    # Reads logged before contact and request messages moved into the shared conversations.
    ("directory.conversation", gettext_lazy("Conversation (before the move to the shared inbox)")),
    ("directory.therapistprofile", gettext_lazy("Therapist profile")),
    ("matching.message", gettext_lazy("Message about a care request")),
    ("accounts.user", gettext_lazy("Account (data export)")),
    ("core.outgoingemail", gettext_lazy("Outgoing e-mail")),
    ("core.accesslogentry", gettext_lazy("Access log")),
    # Logins, failed logins, MFA failures, lock-outs, password and MFA changes (core.services.security_event_record).
    ("security.event", gettext_lazy("Login or security event")),
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_response(rows) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    header = [_("Time"), _("User id"), _("User (at the time)"), _("Action"), _("Kind of record"), _("Record number")]
    header += [_("Path"), _("IP address")]

    def lines():
        yield writer.writerow(header)
        for e in rows.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    *(e.created_at.isoformat(), e.user_id or "", e.user_label, e.action),
                    *(e.object_type, e.object_id, e.path, e.ip_address or ""),
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toegangslog-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@require_GET
@mfa_required
def access_log(request: HttpRequest) -> HttpResponse:
    if not can_query_access_log(request.user):
        raise Http404
    form = AccessLogFilterForm(request.GET or None, object_types=OBJECT_TYPES)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = access_log_query(**filters) if not form.is_bound or form.is_valid() else access_log_query().none()
    export = request.GET.get("format") == "csv"
    access_log_record_query(request=request, action="export" if export else "query")
    if export:
        return _csv_response(rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "repeated_failures": security_failures_repeated()}
    return render(request, "accounts/access_log.html", context)
