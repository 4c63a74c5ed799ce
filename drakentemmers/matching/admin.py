from django.contrib import admin

from drakentemmers.core.admin_access_log import AccessLoggedAdminMixin

from .models import Candidacy, CareRequest, StatusChange


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "changed_by", "changed_at", "note"]
    can_delete = False


class CandidacyInline(admin.TabularInline):
    model = Candidacy
    extra = 0
    fields = ["therapist", "status", "decline_reason", "created_at", "responded_at", "reminded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(CareRequest)
class CareRequestAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "title", "kind", "organisation", "status", "created_at", "published_at", "matched_at"]
    list_filter = ["status", "kind", "setting", "urgency"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "created_by", "municipality", "postcode_area", "matched_therapist"]
    # Status changes only through the services, so the history stays complete.
    readonly_fields = ["status", "published_at", "matched_at", "treatment_started_at", "closed_at", "anonymised_at"]
    inlines = [CandidacyInline, StatusChangeInline]
