from django.contrib import admin

from drakentemmers.core.admin_access_log import AccessLoggedAdminMixin

from .models import (
    Expertise,
    FundingRoute,
    Language,
    Method,
    Organisation,
    OrganisationInvitation,
    OrganisationMembership,
    Profession,
    TargetGroup,
    TherapistProfile,
    WorkLocation,
)


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug", "is_active", "order"]
    list_editable = ["is_active", "order"]
    search_fields = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_nl"]}


@admin.register(Profession)
class ProfessionAdmin(VocabularyAdmin):
    list_display = [*VocabularyAdmin.list_display, "is_trainee"]


for model in (Expertise, Method, Language, FundingRoute, TargetGroup):
    admin.site.register(model, VocabularyAdmin)


class WorkLocationInline(admin.TabularInline):
    model = WorkLocation
    extra = 0
    raw_id_fields = ["municipality", "postcode_area"]


@admin.register(TherapistProfile)
class TherapistProfileAdmin(AccessLoggedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "status", "profession", "accepting", "availability_confirmed_at"]
    list_filter = ["status", "profession", "accepting"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "big_number"]
    raw_id_fields = ["user", "verified_by"]
    filter_horizontal = ["target_groups", "expertise", "methods", "languages", "funding_routes"]
    inlines = [WorkLocationInline]
    list_select_related = ["user", "profession"]


class MembershipInline(admin.TabularInline):
    model = OrganisationMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "municipality"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "kvk_number", "contact_email"]
    raw_id_fields = ["municipality", "postcode_area", "verified_by"]
    filter_horizontal = ["covered_municipalities"]
    inlines = [MembershipInline]
    list_select_related = ["municipality"]


@admin.register(OrganisationInvitation)
class OrganisationInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "created_at", "expires_at", "accepted_at"]
    raw_id_fields = ["organisation", "invited_by", "accepted_by"]
