"""/api/v1/workplan/: the work plan read-only over HTTP, for the same readers as the pages.

- `GET /api/v1/workplan/`: the published versions, newest first (the first is in force).
- `GET /api/v1/workplan/{number}/`: one version as plan JSON (areas -> objectives ->
  activities with responsible codes, schedule, references, notes; its history) and the
  entries flagged for lacking activities or responsible parties."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from . import selectors
from .models import PlanVersion
from .permissions import WORKPLAN_READERS


class PlanVersionSerializer(serializers.ModelSerializer):
    # Plain text, not an enum: "source" names other choice sets in the schema already.
    source = serializers.CharField(read_only=True, help_text="import or edit")

    class Meta:
        model = PlanVersion
        fields = ["number", "updated_on", "source", "source_name", "title", "published_at"]
        read_only_fields = fields


class PlanVersionDetailSerializer(PlanVersionSerializer):
    plan = serializers.SerializerMethodField(
        help_text="areas -> objectives -> activities (code, text, responsible codes, "
        "responsible_other, schedule {state, date}, references, notes) and history"
    )
    flags = serializers.SerializerMethodField(
        help_text="entries lacking activities (no_activity) or responsible parties (no_responsible)"
    )

    class Meta(PlanVersionSerializer.Meta):
        fields = [*PlanVersionSerializer.Meta.fields, "plan", "flags"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_plan(self, version: PlanVersion) -> dict[str, Any]:
        plan = selectors.version_as_json(version)
        return {"areas": plan["areas"], "history": plan["history"]}

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "objective": {"type": "string"},
                    "code": {"type": "string", "nullable": True},
                    "flags": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    )
    def get_flags(self, version: PlanVersion) -> list[dict[str, Any]]:
        tree = selectors.plan_tree(version)
        return [
            {
                "objective": node.objective.code,
                "code": group.activity.code if group else None,
                "flags": list((group or node).flags),
            }
            for node, group in tree.flagged
        ]


class WorkPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Published versions of the network's work plan."""

    allowed_roles = WORKPLAN_READERS
    queryset = PlanVersion.objects.none()  # for the schema only; reads go through selectors
    lookup_field = "number"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.version_list(actor=self.request.user)

    def get_serializer_class(self):
        return PlanVersionDetailSerializer if self.action == "retrieve" else PlanVersionSerializer
