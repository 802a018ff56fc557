from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_the_spanish_catalogue_is_complete():
    with (LOCALE / "es" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    untranslated = [message.id for message in catalogue if message.id and (
        not message.string or (isinstance(message.string, tuple) and not all(message.string))
        or message.fuzzy)]
    assert untranslated == []
    assert len(catalogue) > 200


def test_placeholders_survive_translation():
    import re

    with (LOCALE / "es" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    pattern = re.compile(r"%\(\w+\)s")
    for message in catalogue:
        if message.id and isinstance(message.id, str):
            assert sorted(pattern.findall(message.id)) == sorted(
                pattern.findall(message.string)), message.id
