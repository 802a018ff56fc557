"""Countries, cities and organizations named the way the region writes them.

- `country_code(name)`: ISO 3166-1 alpha-2 for a country name in Spanish or English, with or
  without accents, articles or "República de" ("Estados Unidos de América", "EE.UU.", "USA",
  "the United States of America", "Méjico", "Belice", "República Dominicana" ...). The member
  states (`enlace.core.reference_data.MEMBER_STATES`) are named by a table written here (the
  variants the reports use); every other country from pycountry (English names) and
  Babel/CLDR (Spanish and English names).
- `find_countries(text)`: every member state mentioned, in reading order.
- `city_lookup(name)` / `find_city(text)`: the region's capitals and meeting cities. A city is
  given back under one canonical name, the one the city uses itself ("Ciudad de Guatemala",
  "New Orleans", "Ciudad de Panamá"), so that "Nueva Orleans" and "New Orleans" are one place.
- `parse_place(text)`: (city, country) of a place line such as "Tegucigalpa, Honduras" or
  "Ciudad de Guatemala, República de Guatemala".
- `organization_code(name)` / `find_organizations(text)`: observers and partners (OIM/IOM,
  ACNUR/UNHCR ...) under the codes of enlace/core/data/organizations.csv (IOM, UNHCR, ILO ...),
  plus a few that table does not hold yet (OAS, SICA, PPT).
"""

from __future__ import annotations

import re
from functools import cache

from enlace.core.documents.text import fold, fold_keep_case, normalize_space
from enlace.core.reference_data import MEMBER_STATES, read_rows

# Folded (lower case, no accents) names; matching ignores dots and extra spaces.
_MEMBER_NAMES: dict[str, tuple[str, ...]] = {
    "BZ": ("belice", "belize"),
    "CA": ("canada",),
    "CR": ("costa rica",),
    "SV": ("el salvador", "salvador"),
    "US": (
        "estados unidos de america",
        "estados unidos de norteamerica",
        "estados unidos",
        "ee uu",
        "eeuu",
        "e e u u",
        "eua",
        "e u a",
        "united states of america",
        "united states",
        "usa",
        "u s a",
        "us",
        "u s",
    ),
    "GT": ("guatemala",),
    "HN": ("honduras",),
    "MX": ("mexico", "mejico", "estados unidos mexicanos", "united mexican states"),
    "NI": ("nicaragua",),
    "PA": ("panama",),
    "DO": ("republica dominicana", "rep dominicana", "dominican republic", "dominicana"),
}
# In running text only these spellings are looked for; "us" or "dominicana" alone would find
# English pronouns and adjectives. Capitals-only acronyms are matched case-sensitively.
_MEMBER_TEXT_NAMES: dict[str, tuple[str, ...]] = {
    **{
        code: names for code, names in _MEMBER_NAMES.items() if code not in ("US", "DO", "MX", "SV")
    },
    "SV": ("el salvador",),
    "US": (
        "estados unidos de america",
        "estados unidos de norteamerica",
        "estados unidos",
        "united states of america",
        "united states",
    ),
    "MX": ("mexico", "mejico", "estados unidos mexicanos", "united mexican states"),
    "DO": ("republica dominicana", "rep. dominicana", "dominican republic"),
}
_MEMBER_ACRONYMS = (
    (r"EE\.?\s?UU\.?", "US"),
    (r"E\.?\s?U\.?\s?A\.?", "US"),
    (r"U\.\s?S\.\s?A\.", "US"),
    (r"USA", "US"),
    (r"U\.\s?S\.", "US"),
    (r"US", "US"),
    (r"R\.\s?D\.", "DO"),
)

_PREFIXES = re.compile(
    r"^(?:(?:the|la|el|los|las)\s+)?(?:(?:republica|republic|estado|state|commonwealth|reino|"
    r"kingdom|gobierno|government|delegacion|delegation)\s+(?:de(?:l)?|of)\s+(?:la\s+|el\s+|the\s+)?)?"
)

# Canonical name, ISO2, other spellings (folded). The canonical name is the city's own.
_CITIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Ciudad de Guatemala", "GT", ("guatemala city", "ciudad guatemala", "guatemala ciudad")),
    ("Antigua Guatemala", "GT", ("la antigua guatemala", "antigua")),
    ("Quetzaltenango", "GT", ("xela",)),
    ("Tegucigalpa", "HN", ("tegucigalpa m d c", "tegucigalpa mdc")),
    ("San Pedro Sula", "HN", ()),
    ("Roatán", "HN", ("isla de roatan", "roatan island")),
    ("La Ceiba", "HN", ()),
    ("San Salvador", "SV", ()),
    ("San José", "CR", ()),
    ("Managua", "NI", ()),
    ("Ciudad de Panamá", "PA", ("panama city", "ciudad panama")),
    ("Santo Domingo", "DO", ("santo domingo de guzman",)),
    ("La Romana", "DO", ()),
    ("Punta Cana", "DO", ()),
    ("Puerto Plata", "DO", ()),
    ("Belmopan", "BZ", ()),
    ("Belize City", "BZ", ("ciudad de belice", "ciudad belice", "belize city")),
    ("Ottawa", "CA", ()),
    ("Toronto", "CA", ()),
    ("Montreal", "CA", ("montreal",)),
    ("Vancouver", "CA", ()),
    ("Washington", "US", ("washington d c", "washington dc", "washington distrito de columbia")),
    ("New Orleans", "US", ("nueva orleans",)),
    ("Miami", "US", ()),
    ("Los Angeles", "US", ()),
    ("Houston", "US", ()),
    (
        "Ciudad de México",
        "MX",
        ("mexico city", "mexico d f", "mexico df", "cdmx", "ciudad de mejico", "distrito federal"),
    ),
    ("Cancún", "MX", ()),
    ("Puebla", "MX", ()),
    ("Tapachula", "MX", ()),
    ("Manzanillo", "MX", ()),
    ("Guadalajara", "MX", ()),
    ("Monterrey", "MX", ()),
    ("Puerto Vallarta", "MX", ()),
    ("Acapulco", "MX", ()),
    ("Tijuana", "MX", ()),
)
# Countries whose capital has the country's name: "Guatemala, Guatemala" is the capital.
_NAMESAKE_CAPITALS = {
    "GT": "Ciudad de Guatemala",
    "PA": "Ciudad de Panamá",
    "MX": "Ciudad de México",
    "BZ": "Belize City",
}

# Organizations: code (as in enlace/core/data/organizations.csv where it exists), acronyms that
# count only in capitals, and folded full names.
_ORGANIZATIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("ST", ("ST", "STCRM"), ("secretaria tecnica", "technical secretariat")),
    (
        "PPT",
        ("PPT", "PPTCRM"),
        (
            "presidencia pro tempore",
            "presidencia pro-tempore",
            "pro tempore presidency",
            "pro-tempore presidency",
        ),
    ),
    (
        "IOM",
        ("OIM", "IOM"),
        (
            "organizacion internacional para las migraciones",
            "international organization for migration",
        ),
    ),
    (
        "UNHCR",
        ("ACNUR", "UNHCR"),
        (
            "alto comisionado de las naciones unidas para los refugiados",
            "united nations high commissioner for refugees",
        ),
    ),
    ("UNICEF", ("UNICEF",), ("fondo de las naciones unidas para la infancia",)),
    (
        "UNODC",
        ("UNODC", "ONUDD"),
        (
            "oficina de las naciones unidas contra la droga y el delito",
            "united nations office on drugs and crime",
        ),
    ),
    (
        "ILO",
        ("OIT", "ILO", "OIT/IPEC", "IPEC"),
        (
            "organizacion internacional del trabajo",
            "international labour organization",
            "international labor organization",
        ),
    ),
    (
        "OAS",
        ("OEA", "OAS"),
        ("organizacion de los estados americanos", "organization of american states"),
    ),
    (
        "RROCM",
        ("RROCM",),
        (
            "red regional de organizaciones civiles para las migraciones",
            "regional network of civil organizations for migration",
        ),
    ),
    (
        "SICA",
        ("SICA",),
        ("sistema de la integracion centroamericana", "central american integration system"),
    ),
    ("UNFPA", ("UNFPA",), ("fondo de poblacion de las naciones unidas",)),
    (
        "IACHR",
        ("CIDH", "IACHR"),
        (
            "comision interamericana de derechos humanos",
            "inter-american commission on human rights",
        ),
    ),
)


def _key(name: str) -> str:
    """Lookup key: folded, dots dropped, punctuation as spaces, single spaces."""
    text = fold(name).replace(".", " ").replace("’", "'")
    text = re.sub(r"[^\w' -]+", " ", text)
    return normalize_space(text.replace("-", " "))


def _pattern(name: str) -> str:
    """A regex for a folded name in running text: any spacing, optional dots."""
    words = [re.escape(word) for word in _key(name).split()]
    return r"[\s.-]*".join(words)


@cache
def _country_index() -> dict[str, str]:
    """Every known name key -> ISO2: members first (their table wins), then the world."""
    import pycountry
    from babel import Locale

    index: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        if not name:
            return
        key = _key(name)
        if key and key not in index:
            index[key] = code
        if "," in name:  # "Bolivia, Estado Plurinacional de" -> "Bolivia"
            head = _key(name.split(",")[0])
            if head and head not in index:
                index[head] = code

    for code, names in _MEMBER_NAMES.items():
        for name in names:
            index[_key(name)] = code
    territories = {lang: Locale(lang).territories for lang in ("es", "en")}
    for country in pycountry.countries:
        code = country.alpha_2
        for lang in ("es", "en"):
            add(territories[lang].get(code), code)
        add(country.name, code)
        add(getattr(country, "common_name", None), code)
        add(getattr(country, "official_name", None), code)
    return index


def country_code(name: str) -> str | None:
    """ISO2 code of a country name in Spanish or English (any case, with or without accents,
    articles, "República de"), or of an ISO2/ISO3 code; None when it is no country."""
    if not name or not name.strip():
        return None
    index = _country_index()
    key = _key(name)
    if key in index:
        return index[key]
    stripped = _key(_PREFIXES.sub("", fold(name).strip()))
    if stripped in index:
        return index[stripped]
    compact = name.strip()
    if re.fullmatch(r"[A-Z]{2,3}", compact):
        import pycountry

        country = (
            pycountry.countries.get(alpha_2=compact)
            if len(compact) == 2
            else pycountry.countries.get(alpha_3=compact)
        )
        if country is not None:
            return country.alpha_2
    return None


def is_member_state(code: str | None) -> bool:
    return code in MEMBER_STATES


@cache
def _member_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternatives = []
    for code, names in _MEMBER_TEXT_NAMES.items():
        for name in names:
            alternatives.append((_pattern(name), code))
    alternatives.sort(key=lambda pair: len(pair[0]), reverse=True)
    folded = re.compile(
        "|".join(
            rf"(?<![\w])(?P<{code}_{i}>{pattern})(?![\w])"
            for i, (pattern, code) in enumerate(alternatives)
        )
    )
    acronyms = re.compile(
        "|".join(
            rf"(?<![\w.])(?P<{code}_{i}>{pattern})(?![\w])"
            for i, (pattern, code) in enumerate(_MEMBER_ACRONYMS)
        )
    )
    return folded, acronyms


@cache
def _world_regex() -> re.Pattern[str]:
    keys = sorted(_country_index(), key=len, reverse=True)
    # Two-letter keys are ISO codes or acronyms: in running text they are noise.
    alternatives = [_pattern(key) for key in keys if len(key) > 3]
    return re.compile("|".join(rf"(?<![\w])(?:{alt})(?![\w])" for alt in alternatives))


def country_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO2) of each member state named in `text`, in reading order."""
    folded_regex, acronym_regex = _member_regexes()
    found = [
        (m.start(), m.end(), m.lastgroup.split("_")[0]) for m in folded_regex.finditer(fold(text))
    ]
    for match in acronym_regex.finditer(fold_keep_case(text)):
        start, end = match.span()
        if not any(s < end and start < e for s, e, _ in found):
            found.append((start, end, match.lastgroup.split("_")[0]))
    return sorted(found)


def find_countries(text: str, *, members_only: bool = True) -> list[str]:
    """ISO2 codes of the countries named in `text`, in order of first mention, each once.

    By default only the member states are looked for (reports mention them in lists such as
    "con la participación de los representantes de Belice, Canadá, ... y Panamá"); with
    `members_only=False` every country name of the world counts too.
    """
    mentions = country_mentions(text)
    if not members_only:
        folded = fold(text)
        taken = [(s, e) for s, e, _ in mentions]
        for match in _world_regex().finditer(folded):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            code = country_code(match.group())
            if code:
                mentions.append((start, end, code))
        mentions.sort()
    out: list[str] = []
    for _, _, code in mentions:
        if code not in out:
            out.append(code)
    return out


def match_country_at(text: str, position: int) -> tuple[str, int] | None:
    """(ISO2, end) when a country name starts exactly at `position` of `text`."""
    folded_regex, acronym_regex = _member_regexes()
    folded = fold(text)
    match = folded_regex.match(folded, position)
    if match:
        return match.lastgroup.split("_")[0], match.end()
    match = acronym_regex.match(fold_keep_case(text), position)
    if match:
        return match.lastgroup.split("_")[0], match.end()
    match = _world_regex().match(folded, position)
    if match:
        code = country_code(match.group())
        if code:
            return code, match.end()
    return None


# ---------------------------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------------------------


@cache
def _city_index() -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for canonical, code, aliases in _CITIES:
        for name in (canonical, *aliases):
            index.setdefault(_key(name), (canonical, code))
    return index


@cache
def _city_regex() -> re.Pattern[str]:
    keys = sorted(_city_index(), key=len, reverse=True)
    return re.compile("|".join(rf"(?<![\w])(?:{_pattern(key)})(?![\w])" for key in keys))


def city_lookup(name: str) -> tuple[str, str] | None:
    """(canonical name, ISO2) of a known city, in any of its spellings."""
    key = _key(name)
    found = _city_index().get(key)
    if found is None:
        key = re.sub(r"^(?:la ciudad de|ciudad de|the city of|city of)\s+", "", key)
        code = country_code(key) if key else None
        if code in _NAMESAKE_CAPITALS and key != _key(name):
            return _NAMESAKE_CAPITALS[code], code
        found = _city_index().get(key)
    return found


def find_city(text: str) -> tuple[str, str] | None:
    """The first known city named in `text`, as (canonical name, ISO2)."""
    match = _city_regex().search(fold(text))
    return city_lookup(match.group()) if match else None


def parse_place(text: str) -> tuple[str | None, str | None]:
    """(city, ISO2 country) of a place written "City, Country" or "City" or "Country".

    A known city comes back under its canonical name and gives its country when none is
    written; an unknown city followed by a country is kept as written. Either may be None.
    """
    text = normalize_space(text.strip(" \t.,;:-"))
    if not text:
        return None, None
    whole = city_lookup(text)
    if whole:
        return whole
    parts = [part.strip(" .;:") for part in text.split(",")]
    parts = [part for part in parts if part]
    country = None
    if len(parts) > 1:
        country = country_code(parts[-1])
        if country:
            parts = parts[:-1]
        else:
            # "México, D.F.", "Tegucigalpa, M.D.C.": a suffix of the city, not a country.
            joined = city_lookup(" ".join(parts[:2]))
            if joined:
                return joined
    if not parts:
        return None, country
    first = parts[0]
    known = city_lookup(first)
    if known:
        return known[0], country or known[1]
    first_country = country_code(first)
    if first_country:
        if country == first_country and first_country in _NAMESAKE_CAPITALS:
            return _NAMESAKE_CAPITALS[first_country], country
        if country is None and len(parts) == 1:
            return None, first_country
    if country and _looks_like_name(first):
        return first, country
    return None, country


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and text[:1].isupper() and not any(c.isdigit() for c in text)


# ---------------------------------------------------------------------------------------------
# Organizations
# ---------------------------------------------------------------------------------------------


@cache
def _organization_table() -> tuple[dict[str, str], dict[str, str]]:
    """(acronym -> code, folded name key -> code), merged with the core reference data so an
    organization the lead adds there is recognised here too."""
    acronyms: dict[str, str] = {}
    names: dict[str, str] = {}
    for code, acronym_list, name_list in _ORGANIZATIONS:
        acronyms.setdefault(code, code)
        for acronym in acronym_list:
            acronyms[acronym] = code
        for name in name_list:
            names[_key(name)] = code
    try:
        rows = read_rows("organizations.csv")
    except OSError:
        rows = []
    for row in rows:
        if row.get("kind") == "national_office" or not row.get("code"):
            continue
        code = row["code"]
        acronyms.setdefault(code, code)
        for column in ("acronym_es", "acronym_en"):
            if row.get(column):
                acronyms.setdefault(row[column], code)
        for column in ("name_es", "name_en"):
            if row.get(column):
                names.setdefault(_key(row[column]), code)
    return acronyms, names


@cache
def _organization_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    acronyms, names = _organization_table()
    acronym_regex = re.compile(
        "|".join(
            rf"(?<![\w])(?:{re.escape(acronym)})(?![\w])"
            for acronym in sorted(acronyms, key=len, reverse=True)
        )
    )
    name_regex = re.compile(
        "|".join(
            rf"(?<![\w])(?:{_pattern(name)})(?![\w])"
            for name in sorted(names, key=len, reverse=True)
        )
    )
    return acronym_regex, name_regex


def organization_code(name: str) -> str | None:
    """Code of an organization named by acronym ("OIM", "IOM", "ACNUR") or full name."""
    acronyms, names = _organization_table()
    stripped = name.strip().strip(".,;:()")
    if stripped in acronyms:
        return acronyms[stripped]
    stripped = re.sub(r"^(?:la|el|the)\s+", "", stripped, flags=re.IGNORECASE)
    if stripped in acronyms:
        return acronyms[stripped]
    return names.get(_key(stripped))


def organization_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, code) of each organization named in `text`, in reading order."""
    acronym_regex, name_regex = _organization_regexes()
    acronyms, names = _organization_table()
    found = [
        (m.start(), m.end(), names[_key(m.group())])
        for m in name_regex.finditer(fold(text))
        if _key(m.group()) in names
    ]
    for match in acronym_regex.finditer(fold_keep_case(text)):
        start, end = match.span()
        if not any(s < end and start < e for s, e, _ in found):
            found.append((start, end, acronyms[match.group()]))
    return sorted(found)


def find_organizations(text: str) -> list[str]:
    """Codes of the organizations named in `text`, in order of first mention, each once."""
    out: list[str] = []
    for _, _, code in organization_mentions(text):
        if code not in out:
            out.append(code)
    return out


def match_organization_at(text: str, position: int) -> tuple[str, int] | None:
    """(code, end) when an organization is named exactly at `position` of `text`."""
    acronym_regex, name_regex = _organization_regexes()
    acronyms, names = _organization_table()
    match = name_regex.match(fold(text), position)
    if match and _key(match.group()) in names:
        return names[_key(match.group())], match.end()
    match = acronym_regex.match(fold_keep_case(text), position)
    if match:
        return acronyms[match.group()], match.end()
    return None
