from django.contrib import admin

from .models import Accreditation, Enrolment, Session, Training


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


class AccreditationInline(admin.TabularInline):
    model = Accreditation
    extra = 0


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "audience", "format", "status", "capacity", "enrolment_deadline"]
    list_filter = ["status", "audience", "format"]
    search_fields = ["title"]
    raw_id_fields = ["municipality", "created_by"]
    filter_horizontal = ["trainers"]
    inlines = [SessionInline, AccreditationInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["training", "user", "audience", "status", "created_at"]
    list_filter = ["status", "audience"]
    raw_id_fields = ["training", "user"]
    # Places change only through the services (the lock against overbooking lives there).
    readonly_fields = ["status", "queued_at", "offer_expires_at", "certificate_code", "certificate_issued_at"]
