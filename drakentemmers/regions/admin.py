from django.contrib import admin

from .models import Municipality, PostcodeArea, Province, Region


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "population", "year", "is_active"]
    list_filter = ["province", "is_active"]
    search_fields = ["code", "name"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "place_name", "municipality"]
    search_fields = ["code", "place_name", "municipality__name"]
    list_select_related = ["municipality"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "central_municipality", "year"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    filter_horizontal = ["municipalities"]
