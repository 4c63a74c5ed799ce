from django.contrib import admin

from .models import CriterionReview, DeclarationSignature, QualityCriterion, QualityMark


@admin.register(QualityCriterion)
class QualityCriterionAdmin(admin.ModelAdmin):
    list_display = ["kind", "threshold", "period_months", "is_active", "order"]
    list_filter = ["kind", "is_active"]


@admin.register(QualityMark)
class QualityMarkAdmin(admin.ModelAdmin):
    list_display = ["user", "status", "valid_from", "valid_until", "notice_until", "ended_on"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__last_name"]
    raw_id_fields = ["user", "withdrawn_by"]
    readonly_fields = ["code"]


@admin.register(CriterionReview)
class CriterionReviewAdmin(admin.ModelAdmin):
    list_display = ["user", "criterion", "status", "requested_at", "reviewed_at"]
    list_filter = ["status"]
    raw_id_fields = ["user", "reviewed_by"]


@admin.register(DeclarationSignature)
class DeclarationSignatureAdmin(admin.ModelAdmin):
    list_display = ["user", "version", "signed_at"]
    raw_id_fields = ["user"]
