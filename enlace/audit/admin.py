from django.contrib import admin

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the trail can be browsed, never added to, changed or deleted here."""

    list_display = [
        "sequence",
        "created_at",
        "actor_username",
        "country",
        "action",
        "object_type",
        "object_id",
    ]
    list_filter = ["action", "country"]
    search_fields = ["actor_username", "object_id", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}
