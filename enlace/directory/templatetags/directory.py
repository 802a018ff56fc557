"""Display helpers of the directory's pages."""

from django import template

from ..choices import NetworkRole, Population
from ..validators import language_name

register = template.Library()

_LABELS = {"network_roles": dict(NetworkRole.choices), "populations": dict(Population.choices)}


@register.filter
def language_names(codes) -> str:
    """ISO 639-1 codes as names in the active language: "es, en" -> "español, inglés"."""
    return ", ".join(language_name(code) for code in codes or [])


@register.filter
def choice_labels(codes, kind: str) -> list[str]:
    """Codes of a JSON list field as their labels (`kind`: network_roles or populations)."""
    labels = _LABELS.get(kind, {})
    return [str(labels.get(code, code)) for code in codes or []]


@register.filter
def confirm_badge_class(entry) -> str:
    return "text-bg-warning" if entry.to_confirm else "text-bg-success"
