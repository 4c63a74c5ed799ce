from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only overview; the administrator may revoke a token by setting `revoked at`. Never the hash."""

    list_display = ["name", "prefix", "user", "scope", "created_at", "last_used_at", "expires_at", "revoked_at"]
    list_filter = ["scope"]
    search_fields = ["name", "prefix", "user__email"]
    fields = ["user", "name", "scope", "prefix", "created_with_mfa", "created_at", "last_used_at", "expires_at"]
    fields += ["revoked_at"]
    readonly_fields = [f for f in fields if f != "revoked_at"]

    def has_add_permission(self, request) -> bool:
        return False  # tokens are made by their owner, on the account page (the secret is shown once)
