"""A ModelAdmin mixin that access-logs reads of sensitive records in the Django admin (NEN 7513).

The change view shows the whole record and the history view its past values, so both are logged as reads.
Register it on every ModelAdmin of a model that holds confidential data (care requests, messages,
therapist profiles with BIG numbers, e-mails); a POST to the change view is a read as well.
"""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from .services import access_log_record


class AccessLoggedAdminMixin(admin.ModelAdmin):
    def _log_read(self, request: HttpRequest, object_id: str, action: str) -> None:
        obj = self.get_object(request, admin.utils.unquote(object_id)) if object_id else None
        if obj is not None and self.has_view_or_change_permission(request, obj):
            access_log_record(request=request, obj=obj, action=action)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None) -> HttpResponse:
        self._log_read(request, object_id, "admin_view")
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None) -> HttpResponse:
        self._log_read(request, object_id, "admin_history")
        return super().history_view(request, object_id, extra_context)
