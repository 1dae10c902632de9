from django.contrib import admin

from .models import CoachProfile


@admin.register(CoachProfile)
class CoachProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "area_name", "radius_km", "timezone"]
    search_fields = ["user__email", "area_name"]
