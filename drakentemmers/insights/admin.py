from django.contrib import admin

from .models import Comment, Endorsement, ModerationLogEntry, Report


class ModerationLogInline(admin.TabularInline):
    model = ModerationLogEntry
    fk_name = "report"
    extra = 0
    can_delete = False
    readonly_fields = ("action", "moderator", "fields_changed", "other_report", "created_at")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Moderation happens on /beheer/signalen/; the admin is for looking things up."""

    list_display = ("pk", "kind", "theme", "status", "is_public", "submitter_role", "created_at")
    list_filter = ("status", "kind", "theme", "is_public")
    readonly_fields = ("created_at", "moderated_at", "merged_into")
    filter_horizontal = ("regions",)
    inlines = [ModerationLogInline]


@admin.register(Endorsement)
class EndorsementAdmin(admin.ModelAdmin):
    list_display = ("report", "region", "created_at")
    raw_id_fields = ("report", "user")


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("report", "created_at")
    raw_id_fields = ("report", "author")
