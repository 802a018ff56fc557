"""The indicator catalogue: every number the dashboard, a data call, a release or the
semiannual report shows is a cell of one of these tables, and each is defined here once (code,
name in Spanish and English, what is counted, from which records, by which date).

A table crosses two dimensions. The period is a dimension too (trend tables); every table is
also filtered by a period, and the dashboard may filter by case type. Person tables count each
person once, so their cells add up to their totals:
- nationality is the first nationality recorded for the person (the Standard Format lists
  them in the order given), "unknown" when none is;
- origin region and sub-region are those of that nationality (a member state is
  intra-regional);
- exploitation is the case's single exploitation type, "multiple" when the case records more
  than one, "none" when it records none.
Route tables count legs, persons moved along legs, or (country, stage) stops of a case, which
are additive in their own unit, not in persons or cases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from enlace.cases.choices import AgeBand, CaseType, Sex
from enlace.core.choices import Region
from enlace.core.models import active_language

from .choices import Population, RouteStage, Unit

UNKNOWN = "unknown"
MULTIPLE = "multiple"
NONE = "none"
UNSPECIFIED = "unspecified"
PERIOD = "period"


@dataclass(frozen=True)
class Dimension:
    """A variable tables are broken down by. `vocabulary` names the controlled vocabulary of
    its codes; `fixed` dimensions have categories known in advance (all listed, zeros too),
    the others list the categories found in the data."""

    code: str
    name_es: str
    name_en: str
    fixed: bool = False
    vocabulary: str = ""
    extra: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.name_en if active_language() == "en" else self.name_es


DIMENSIONS: dict[str, Dimension] = {
    d.code: d
    for d in [
        Dimension("population", "Población", "Population", fixed=True),
        Dimension("sex", "Sexo", "Sex", fixed=True),
        Dimension("age_band", "Grupo de edad", "Age band", fixed=True),
        Dimension("nationality", "Nacionalidad", "Nationality", extra=(UNKNOWN,)),
        Dimension("origin_region", "Región de origen", "Origin region", fixed=True),
        Dimension("origin_subregion", "Subregión de origen", "Origin sub-region", fixed=True),
        Dimension(
            "exploitation",
            "Tipo de explotación",
            "Exploitation type",
            fixed=True,
            vocabulary="exploitation_type",
            extra=(MULTIPLE, NONE),
        ),
        Dimension("case_type", "Tipo de caso", "Case type", fixed=True),
        Dimension("owner_country", "País que reporta", "Reporting country"),
        Dimension("route_from", "Desde", "From"),
        Dimension("route_to", "Hacia", "To"),
        Dimension("route_country", "País en la ruta", "Country on the route"),
        Dimension("route_stage", "Papel en la ruta", "Role on the route", fixed=True),
        Dimension(
            "transport_mode",
            "Medio de transporte",
            "Transport mode",
            fixed=True,
            vocabulary="transport_mode",
            extra=(UNSPECIFIED,),
        ),
        Dimension(
            "document_nature",
            "Naturaleza del documento",
            "Document nature",
            fixed=True,
            vocabulary="document_nature",
        ),
        Dimension(
            "document_type",
            "Tipo de documento",
            "Document type",
            fixed=True,
            vocabulary="document_type",
        ),
        Dimension(PERIOD, "Periodo", "Period"),
    ]
}


@dataclass(frozen=True)
class Indicator:
    """One table of the catalogue. `source` is the record counted (person, case, leg, stop,
    document); `population` restricts person tables to one role group; `weight` names the
    record field to add up instead of counting records; `requestable` tables may be asked for
    in a data call (both their dimensions have fixed categories)."""

    code: str
    name_es: str
    name_en: str
    source: str
    unit: str
    row: str
    col: str
    counted_es: str
    counted_en: str
    population: str = ""
    weight: str = ""
    requestable: bool = False
    chart: str = "bar"
    date_es: str = "Fecha de identificación del caso"
    date_en: str = "Date the case was identified"
    records_es: str = (
        "Casos registrados en Enlace que no están en borrador, de los países "
        "que cuentan, y cifras agregadas presentadas a convocatorias de datos"
    )
    records_en: str = (
        "Cases recorded in Enlace that are not drafts, of the countries that "
        "count, and aggregate figures submitted to data calls"
    )
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return self.name_en if active_language() == "en" else self.name_es

    @property
    def counted(self) -> str:
        return self.counted_en if active_language() == "en" else self.counted_es

    @property
    def records(self) -> str:
        return self.records_en if active_language() == "en" else self.records_es

    @property
    def date(self) -> str:
        return self.date_en if active_language() == "en" else self.date_es

    @property
    def is_trend(self) -> bool:
        return self.col == PERIOD

    @property
    def dimensions(self) -> tuple[str, str]:
        return self.row, self.col

    def as_definition(self) -> dict:
        """The definition as published with a release (both languages)."""
        return {
            "code": self.code,
            "name_es": self.name_es,
            "name_en": self.name_en,
            "unit": self.unit,
            "rows": self.row,
            "columns": self.col,
            "population": self.population or None,
            "counted_es": self.counted_es,
            "counted_en": self.counted_en,
            "records_es": self.records_es,
            "records_en": self.records_en,
            "date_es": self.date_es,
            "date_en": self.date_en,
        }


_VICTIMS_ES = "Víctimas de trata (personas con el papel «víctima» en el caso)"
_VICTIMS_EN = "Trafficking victims (persons whose role in the case is victim)"
_MIGRANTS_ES = "Migrantes objeto de tráfico (papel «migrante objeto de tráfico»)"
_MIGRANTS_EN = "Smuggled migrants (role smuggled migrant)"
_SUSPECTS_ES = "Personas sospechosas, condenadas o facilitadoras"
_SUSPECTS_EN = "Suspects, convicted persons and facilitators"

INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in [
        Indicator(
            "PER_TREND",
            "Personas por población y periodo",
            "Persons by population and period",
            "person",
            Unit.PERSONS,
            "population",
            PERIOD,
            "Personas registradas en los casos, por su papel agrupado",
            "Persons recorded in the cases, by their grouped role",
            chart="line",
        ),
        Indicator(
            "VIC_AGE_SEX",
            "Víctimas por grupo de edad y sexo",
            "Victims by age band and sex",
            "person",
            Unit.PERSONS,
            "age_band",
            "sex",
            _VICTIMS_ES,
            _VICTIMS_EN,
            population=Population.VICTIM,
            requestable=True,
        ),
        Indicator(
            "VIC_NAT_SEX",
            "Víctimas por nacionalidad y sexo",
            "Victims by nationality and sex",
            "person",
            Unit.PERSONS,
            "nationality",
            "sex",
            _VICTIMS_ES + "; primera nacionalidad registrada",
            _VICTIMS_EN + "; first nationality recorded",
            population=Population.VICTIM,
            chart="map",
        ),
        Indicator(
            "VIC_EXP_SEX",
            "Víctimas por tipo de explotación y sexo",
            "Victims by exploitation type and sex",
            "person",
            Unit.PERSONS,
            "exploitation",
            "sex",
            _VICTIMS_ES + "; tipo de explotación del caso («varios» si hay más de uno)",
            _VICTIMS_EN + "; the case's exploitation type ('multiple' if more than one)",
            population=Population.VICTIM,
            requestable=True,
        ),
        Indicator(
            "VIC_ORIGIN_AGE",
            "Víctimas por región de origen y grupo de edad",
            "Victims by origin region and age band",
            "person",
            Unit.PERSONS,
            "origin_region",
            "age_band",
            _VICTIMS_ES + "; región de su primera nacionalidad",
            _VICTIMS_EN + "; region of their first nationality",
            population=Population.VICTIM,
            requestable=True,
        ),
        Indicator(
            "VIC_OWNER_SEX",
            "Víctimas por país que reporta y sexo",
            "Victims by reporting country and sex",
            "person",
            Unit.PERSONS,
            "owner_country",
            "sex",
            _VICTIMS_ES,
            _VICTIMS_EN,
            population=Population.VICTIM,
        ),
        Indicator(
            "MIG_NAT_SEX",
            "Migrantes objeto de tráfico por nacionalidad y sexo",
            "Smuggled migrants by nationality and sex",
            "person",
            Unit.PERSONS,
            "nationality",
            "sex",
            _MIGRANTS_ES + "; primera nacionalidad registrada",
            _MIGRANTS_EN + "; first nationality recorded",
            population=Population.SMUGGLED_MIGRANT,
            chart="map",
        ),
        Indicator(
            "MIG_SUB_AGE",
            "Migrantes objeto de tráfico por subregión de origen y edad",
            "Smuggled migrants by origin sub-region and age band",
            "person",
            Unit.PERSONS,
            "origin_subregion",
            "age_band",
            _MIGRANTS_ES + "; subregión de su primera nacionalidad",
            _MIGRANTS_EN + "; sub-region of their first nationality",
            population=Population.SMUGGLED_MIGRANT,
            requestable=True,
        ),
        Indicator(
            "MIG_ORIGIN_SEX",
            "Migrantes objeto de tráfico por región de origen y sexo",
            "Smuggled migrants by origin region and sex",
            "person",
            Unit.PERSONS,
            "origin_region",
            "sex",
            _MIGRANTS_ES + "; intrarregional si su primera nacionalidad es de un Estado miembro",
            _MIGRANTS_EN + "; intra-regional when their first nationality is a member state",
            population=Population.SMUGGLED_MIGRANT,
            requestable=True,
        ),
        Indicator(
            "MIG_OWNER_SEX",
            "Migrantes objeto de tráfico por país que reporta y sexo",
            "Smuggled migrants by reporting country and sex",
            "person",
            Unit.PERSONS,
            "owner_country",
            "sex",
            _MIGRANTS_ES,
            _MIGRANTS_EN,
            population=Population.SMUGGLED_MIGRANT,
        ),
        Indicator(
            "SUS_AGE_SEX",
            "Personas sospechosas por grupo de edad y sexo",
            "Suspects by age band and sex",
            "person",
            Unit.PERSONS,
            "age_band",
            "sex",
            _SUSPECTS_ES,
            _SUSPECTS_EN,
            population=Population.SUSPECT,
            requestable=True,
        ),
        Indicator(
            "SUS_NAT_SEX",
            "Personas sospechosas por nacionalidad y sexo",
            "Suspects by nationality and sex",
            "person",
            Unit.PERSONS,
            "nationality",
            "sex",
            _SUSPECTS_ES + "; primera nacionalidad registrada",
            _SUSPECTS_EN + "; first nationality recorded",
            population=Population.SUSPECT,
        ),
        Indicator(
            "CAS_TREND",
            "Casos por tipo y periodo",
            "Cases by type and period",
            "case",
            Unit.CASES,
            "case_type",
            PERIOD,
            "Casos",
            "Cases",
            chart="line",
        ),
        Indicator(
            "CAS_TYPE_OWNER",
            "Casos por tipo y país que reporta",
            "Cases by type and reporting country",
            "case",
            Unit.CASES,
            "owner_country",
            "case_type",
            "Casos",
            "Cases",
        ),
        Indicator(
            "CAS_EXP_TYPE",
            "Casos por tipo de explotación y tipo de caso",
            "Cases by exploitation type and case type",
            "case",
            Unit.CASES,
            "exploitation",
            "case_type",
            "Casos; tipo de explotación del caso («varios» si hay más de uno)",
            "Cases; the case's exploitation type ('multiple' if more than one)",
            requestable=True,
        ),
        Indicator(
            "RTE_FLOW",
            "Flujos en las rutas: origen, tránsito y destino",
            "Route flows: origin, transit and destination",
            "leg",
            Unit.PERSON_LEGS,
            "route_from",
            "route_to",
            "Víctimas y migrantes objeto de tráfico del caso, sumados en cada tramo de la "
            "ruta; el primer país es el origen, el último el destino, los demás tránsito",
            "Victims and smuggled migrants of the case, added up on every leg of the route; "
            "the first country is the origin, the last the destination, the others transit",
            weight="persons",
            chart="sankey",
        ),
        Indicator(
            "RTE_COUNTRY",
            "Casos por país en la ruta y su papel",
            "Cases by country on the route and its role",
            "stop",
            Unit.STOPS,
            "route_country",
            "route_stage",
            "Casos que pasan por el país, una vez por papel (origen, tránsito, destino)",
            "Cases whose route passes through the country, once per role (origin, transit, "
            "destination)",
            chart="map",
        ),
        Indicator(
            "RTE_MODE",
            "Tramos de ruta por medio de transporte y tipo de caso",
            "Route legs by transport mode and case type",
            "leg",
            Unit.LEGS,
            "transport_mode",
            "case_type",
            "Tramos de ruta registrados",
            "Route legs recorded",
        ),
        Indicator(
            "DOC_NATURE_TYPE",
            "Documentos usados por naturaleza y tipo",
            "Documents used by nature and type",
            "document",
            Unit.DOCUMENTS,
            "document_nature",
            "document_type",
            "Documentos de viaje o identidad usados en los casos",
            "Travel or identity documents used in the cases",
        ),
    ]
}

# The tables a release and the semiannual report publish, in order.
RELEASE_INDICATORS = list(INDICATORS)
REQUESTABLE = [code for code, indicator in INDICATORS.items() if indicator.requestable]


def indicator_get(code: str) -> Indicator:
    try:
        return INDICATORS[code]
    except KeyError:
        raise KeyError(code) from None


def fixed_categories(dimension: str) -> list[str]:
    """The categories of a fixed dimension, in display order."""
    from enlace.core.models import SubRegion, VocabularyTerm

    spec = DIMENSIONS[dimension]
    if dimension == "population":
        return list(Population.values)
    if dimension == "sex":
        return list(Sex.values)
    if dimension == "age_band":
        return list(AgeBand.values)
    if dimension == "origin_region":
        return [*Region.values, UNKNOWN]
    if dimension == "origin_subregion":
        return [*SubRegion.objects.order_by("sort_order").values_list("code", flat=True), UNKNOWN]
    if dimension == "case_type":
        return list(CaseType.values)
    if dimension == "route_stage":
        return list(RouteStage.values)
    if spec.vocabulary:
        codes = list(
            VocabularyTerm.objects.filter(vocabulary=spec.vocabulary)
            .order_by("sort_order", "code")
            .values_list("code", flat=True)
        )
        return codes + [code for code in spec.extra if code not in codes]
    raise ValueError(f"{dimension} has no fixed categories")


class Labels:
    """Category labels in the active language, read once per use (pages, files, reports)."""

    def __init__(self, language: str | None = None) -> None:
        self.language = language or active_language()
        self._cache: dict[str, dict[str, str]] = {}

    def _countries(self) -> dict[str, str]:
        from enlace.core.models import Country

        if "countries" not in self._cache:
            self._cache["countries"] = {
                iso2: (name_en if self.language == "en" else name_es)
                for iso2, name_es, name_en in Country.objects.values_list(
                    "iso2", "name_es", "name_en"
                )
            }
        return self._cache["countries"]

    def _vocabulary(self, name: str) -> dict[str, str]:
        from enlace.core.models import VocabularyTerm

        key = f"vocabulary:{name}"
        if key not in self._cache:
            self._cache[key] = {
                code: (label_en if self.language == "en" else label_es)
                for code, label_es, label_en in VocabularyTerm.objects.filter(
                    vocabulary=name
                ).values_list("code", "label_es", "label_en")
            }
        return self._cache[key]

    def _choices(self, choices) -> dict[str, str]:
        from django.utils import translation

        with translation.override(self.language):
            return {value: str(label) for value, label in choices}

    def _common(self) -> dict[str, str]:
        from django.utils import translation

        with translation.override(self.language):
            return {
                UNKNOWN: str(_("Unknown")),
                MULTIPLE: str(_("Multiple")),
                NONE: str(_("None recorded")),
                UNSPECIFIED: str(_("Not specified")),
            }

    def dimension(self, code: str) -> str:
        spec = DIMENSIONS[code]
        return spec.name_en if self.language == "en" else spec.name_es

    def category(self, dimension: str, code: str) -> str:
        common = self._common()
        if dimension in {"nationality", "owner_country", "route_country"}:
            return self._countries().get(code) or common.get(code, code)
        if dimension in {"route_from", "route_to"}:
            stage, _sep, country = code.partition(":")
            stages = self._choices(RouteStage.choices)
            name = self._countries().get(country) or common.get(country, country)
            return f"{name} ({stages.get(stage, stage).lower()})"
        if dimension == "population":
            return self._choices(Population.choices).get(code, code)
        if dimension == "sex":
            return self._choices(Sex.choices).get(code, code)
        if dimension == "age_band":
            return self._choices(AgeBand.choices).get(code, code)
        if dimension == "origin_region":
            return self._choices(Region.choices).get(code) or common.get(code, code)
        if dimension == "origin_subregion":
            from enlace.core.models import SubRegion

            if "subregions" not in self._cache:
                self._cache["subregions"] = {
                    s.code: (s.label_en if self.language == "en" else s.label_es)
                    for s in SubRegion.objects.all()
                }
            return self._cache["subregions"].get(code) or common.get(code, code)
        if dimension == "case_type":
            return self._choices(CaseType.choices).get(code, code)
        if dimension == "route_stage":
            return self._choices(RouteStage.choices).get(code, code)
        spec = DIMENSIONS.get(dimension)
        if spec and spec.vocabulary:
            return self._vocabulary(spec.vocabulary).get(code) or common.get(code, code)
        return common.get(code, code)

    def categories(self, dimension: str, codes: Iterable[str]) -> dict[str, str]:
        return {code: self.category(dimension, code) for code in codes}

    def indicator(self, indicator: Indicator) -> str:
        return indicator.name_en if self.language == "en" else indicator.name_es
