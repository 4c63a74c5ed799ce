from django.contrib import admin

from .models import ColleagueInvitation, InvitationOptOut, RecruitmentTarget


@admin.register(RecruitmentTarget)
class RecruitmentTargetAdmin(admin.ModelAdmin):
    list_display = ["region", "target", "updated_by", "updated_at"]
    list_select_related = ["region", "updated_by"]
    raw_id_fields = ["updated_by"]
    readonly_fields = ["updated_by", "updated_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region":
            from drakentemmers.regions.selectors import reporting_regions

            kwargs["queryset"] = reporting_regions()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ColleagueInvitation)
class ColleagueInvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are sent from the site, where the rate limit and the refusals apply."""

    list_display = ["email", "region", "invited_by", "created_at", "expires_at", "accepted_at", "declined_at"]
    list_select_related = ["region", "invited_by"]
    fields = ["email", "region", "invited_by", "created_at", "expires_at", "accepted_at", "accepted_by", "declined_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(InvitationOptOut)
class InvitationOptOutAdmin(admin.ModelAdmin):
    list_display = ["email_hash", "created_at"]
    readonly_fields = ["email_hash", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
