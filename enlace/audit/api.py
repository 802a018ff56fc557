from rest_framework import mixins, serializers, viewsets

from .filters import EventApiFilterSet
from .models import Event
from .permissions import AUDIT_READERS
from .selectors import event_list


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = [
            "sequence",
            "created_at",
            "actor_username",
            "organization_code",
            "country",
            "owner_country",
            "action",
            "object_type",
            "object_id",
            "summary",
            "ip",
            "request_id",
            "prev_hash",
            "hash",
        ]


class EventViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The audit trail of the auditor's scope (empty for every other role)."""

    allowed_roles = AUDIT_READERS
    serializer_class = EventSerializer
    filterset_class = EventApiFilterSet

    def get_queryset(self):
        return event_list(actor=self.request.user)
