from django import template

register = template.Library()


@register.filter
def label(code, labels: dict):
    """The label of a vocabulary code in the active language (the code when unknown)."""
    return labels.get(code, code) if labels else code


@register.filter
def labels_of(codes, labels: dict) -> str:
    return ", ".join(labels.get(code, code) for code in codes or [])


@register.filter
def times(value, factor):
    return int(value) * int(factor)
