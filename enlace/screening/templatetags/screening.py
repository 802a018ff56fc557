from django import template

register = template.Library()


@register.filter
def label(code, labels: dict):
    """The label of a code (the code itself when unknown)."""
    return labels.get(code, code) if labels else code


@register.filter
def percent(score) -> str:
    """A score in [0, 1] as a whole percentage, as officers read it."""
    try:
        return f"{round(float(score) * 100)}%"
    except (TypeError, ValueError):
        return ""
