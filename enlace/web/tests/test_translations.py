from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_the_spanish_catalogue_is_complete():
    with (LOCALE / "es" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
            or message.fuzzy
        )
    ]
    assert untranslated == []
    assert len(catalogue) > 200


def test_placeholders_survive_translation():
    import re

    with (LOCALE / "es" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    pattern = re.compile(r"%\(\w+\)s")
    for message in catalogue:
        if message.id and isinstance(message.id, str):
            assert sorted(pattern.findall(message.id)) == sorted(pattern.findall(message.string)), (
                message.id
            )


def test_every_message_of_the_code_is_in_the_catalogue():
    """A message marked for translation in Python code or a template but missing from the
    catalogue would show in English to Spanish readers."""
    import re

    from babel.messages.extract import extract_from_dir

    with (LOCALE / "es" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        known = {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in read_po(handle, locale="es")
            if message.id
        }
    keywords = {
        "_": None,
        "gettext": None,
        "gettext_lazy": None,
        "gettext_noop": None,
        "ngettext": (1, 2),
        "ngettext_lazy": (1, 2),
        "pgettext": ((1, "c"), 2),
        "pgettext_lazy": ((1, "c"), 2),
    }
    root = LOCALE.parent
    missing = [
        f"{name}:{line} {message if isinstance(message, str) else message[0]!r}"
        for name, line, message, _comments, _context in extract_from_dir(
            root,
            keywords=keywords,
            method_map=[
                ("**/tests/**.py", "ignore"),
                ("**/migrations/**.py", "ignore"),
                ("**.py", "python"),
            ],
        )
        if (message if isinstance(message, str) else message[0]) not in known
    ]
    simple_tag = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        missing += [
            f"{template.relative_to(root)} {match.group(2)!r}"
            for match in simple_tag.finditer(text)
            if match.group(2) not in known
        ]
    assert missing == []
