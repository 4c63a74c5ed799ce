from django.contrib import admin

from .models import IntervisionGroup, Meeting, SupervisionOffer


@admin.register(IntervisionGroup)
class IntervisionGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "theme", "region", "facilitator", "is_active")
    list_filter = ("is_active",)
    raw_id_fields = ("facilitator",)
    search_fields = ("name", "theme")


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("group", "starts_at", "location")
    raw_id_fields = ("group",)


@admin.register(SupervisionOffer)
class SupervisionOfferAdmin(admin.ModelAdmin):
    list_display = ("user", "is_active", "updated_at")
    raw_id_fields = ("user",)
