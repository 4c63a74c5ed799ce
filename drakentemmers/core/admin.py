from django.contrib import admin

from .admin_access_log import AccessLoggedAdminMixin
from .models import AccessLogEntry, OutgoingEmail, ScheduledJobRun

# Bodies may hold live password-reset and invitation links: the admin never shows them.
OUTGOING_EMAIL_HIDDEN_FIELDS = frozenset({"body_text", "body_html"})


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ["subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    fields = readonly_fields = [
        f.name for f in OutgoingEmail._meta.fields if f.name not in OUTGOING_EMAIL_HIDDEN_FIELDS
    ]

    def has_add_permission(self, request) -> bool:
        return False  # mail is queued by the mail service only; an empty add form crashed on save

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "user_label", "action", "object_type", "object_id", "ip_address"]
    list_filter = ["object_type", "action"]
    search_fields = ["user_label", "object_id"]
    readonly_fields = [f.name for f in AccessLogEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ScheduledJobRun)
class ScheduledJobRunAdmin(admin.ModelAdmin):
    list_display = ["name", "last_enqueued_at", "last_success_at", "last_status", "last_finished_at"]
    readonly_fields = [f.name for f in ScheduledJobRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
