"""Read-only metadata: who wrote when in which thread. Message texts are not for the admin screen.

Still a read of who talked to whom about what (the subject), so the change and history views are access-logged.
"""

from django.contrib import admin

from drakentemmers.core.admin_access_log import AccessLoggedAdminMixin

from .models import Message, Participant, Thread


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ParticipantInline(ReadOnlyInline):
    model = Participant
    fields = ["user", "party_type", "party_id"]
    readonly_fields = fields


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["author", "author_party_label", "created_at", "privacy_confirmed"]
    readonly_fields = fields


@admin.register(Thread)
class ThreadAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "subject", "kind", "created_at", "last_message_at"]
    list_filter = ["kind"]
    search_fields = ["subject"]
    fields = ["kind", "subject", "about_type", "about_id", "created_at", "last_message_at"]
    readonly_fields = fields
    inlines = [ParticipantInline, MessageInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
