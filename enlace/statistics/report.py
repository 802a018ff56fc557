"""The semiannual regional report (PDF or DOCX, Spanish or English): highlights, charts and
tables of the period.

The report is a publication, so it shows published figures only: those of the latest release
of the period when there is one, otherwise the same regional tables protected the same way
(`services.release_compute`, threshold k by default, nothing stored). A highlight whose figure
is suppressed is left out or says so; a suppressed cell prints as `x`.

Charts: in the PDF, vector charts of reportlab.graphics. In the DOCX, PNG images rendered by
reportlab's renderPM when its backend (rlPyCairo) is installed, otherwise the chart's figures
as a table (`CHARTS_AS_IMAGES` tells which)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from babel.numbers import format_decimal
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .disclosure import SUPPRESSED, TOTAL
from .indicators import INDICATORS, Labels
from .periods import Period

Cell = tuple[str, str]


def _top_legs(flows, count: int) -> list[tuple[int, str, str]]:
    """The `count` route legs (from, to) with most persons, as (value, from, to)."""
    return sorted(
        (
            (value, row, col)
            for (row, col), value in flows.values.items()
            if TOTAL not in (row, col) and value
        ),
        reverse=True,
    )[:count]


def _renderpm_available() -> bool:
    try:
        from reportlab.graphics import renderPM
        from reportlab.graphics.shapes import Drawing

        renderPM.drawToString(Drawing(2, 2), fmt="PNG")
    except Exception:  # no backend: renderPM raises its own error class, or ImportError
        return False
    return True


CHARTS_AS_IMAGES = _renderpm_available()


@dataclass
class PublishedTable:
    """A published table, from a release or freshly protected: None marks a suppressed cell."""

    code: str
    row_var: str
    col_var: str
    rows: list[str]
    cols: list[str]
    values: dict[Cell, int | None]

    def value(self, row: str, col: str = TOTAL) -> int | None:
        return self.values.get((row, col))

    def row_totals(self) -> list[tuple[str, int | None]]:
        return [(row, self.values.get((row, TOTAL))) for row in self.rows]


@dataclass
class ReportData:
    period: Period
    language: str
    k: int
    rounding: int | None
    source: str
    tables: dict[str, PublishedTable]
    previous: dict[str, PublishedTable]
    countries: list[str]
    submitted: dict[str, list[str]]
    labels: Labels = field(init=False)

    def __post_init__(self) -> None:
        self.labels = Labels(self.language)

    def table(self, code: str) -> PublishedTable | None:
        return self.tables.get(code)

    def number(self, value: int | None) -> str:
        if value is None:
            return SUPPRESSED
        return format_decimal(value, locale=self.language)

    def percent(self, part: int | None, whole: int | None) -> str | None:
        if part is None or not whole:
            return None
        return format_decimal(100 * part / whole, format="#,##0.0", locale=self.language) + " %"


def _from_release(release) -> dict[str, PublishedTable]:
    return {
        table.indicator: PublishedTable(
            code=table.indicator,
            row_var=table.row_var,
            col_var=table.col_var,
            rows=list(table.rows),
            cols=list(table.cols),
            values={(row, col): value for row, col, value in table.cells},
        )
        for table in release.tables.all()
    }


def _published(period: Period) -> tuple[dict[str, PublishedTable], dict]:
    from .aggregates import default_k
    from .selectors import release_latest
    from .services import release_compute

    release = release_latest(period.code)
    if release is not None:
        return _from_release(release), {
            "k": release.k,
            "rounding": release.rounding,
            "source": release.slug,
            "countries": release.sources.get("case_countries", []),
            "submitted": release.sources.get("submitted", {}),
        }
    view = release_compute(period=period, k=default_k())
    tables = {
        code: PublishedTable(
            code=code,
            row_var=table.indicator.row,
            col_var=table.indicator.col,
            rows=table.rows,
            cols=table.cols,
            values=dict(table.values),
        )
        for code, table in view.tables.items()
        if not table.is_empty
    }
    return tables, {
        "k": view.k,
        "rounding": None,
        "source": "",
        "countries": view.case_countries,
        "submitted": view.submitted,
    }


def report_data(period: Period, language: str) -> ReportData:
    tables, meta = _published(period)
    previous, _meta = _published(period.previous())
    return ReportData(
        period=period,
        language=language,
        k=meta["k"],
        rounding=meta["rounding"],
        source=meta["source"],
        tables=tables,
        previous=previous,
        countries=meta["countries"],
        submitted=meta["submitted"],
    )


def period_label(period: Period) -> str:
    if period.granularity == "semester":
        half = period.first % 12 // 6 + 1
        return (
            _("first semester of %(year)s") if half == 1 else _("second semester of %(year)s")
        ) % {"year": period.year}
    if period.granularity == "quarter":
        return _("quarter %(quarter)s of %(year)s") % {
            "quarter": period.first % 12 // 3 + 1,
            "year": period.year,
        }
    if period.granularity == "month":
        return period.code
    return str(period.year)


# ---------------------------------------------------------------------------------------------
# Highlights and charts (in the active language)
# ---------------------------------------------------------------------------------------------


def _top(
    table: PublishedTable | None, count: int, exclude: set[str] = frozenset()
) -> list[tuple[str, int]]:
    if table is None:
        return []
    shown = [
        (row, value)
        for row, value in table.row_totals()
        if value is not None and value > 0 and row not in exclude
    ]
    return sorted(shown, key=lambda item: (-item[1], item[0]))[:count]


def highlights(data: ReportData) -> list[str]:
    """Sentences built from published figures only; a suppressed figure is never inferred."""
    lines: list[str] = []
    labels = data.labels
    # totals from whole-period tables: they include submitted aggregates, a trend by month
    # cannot
    for code, sentence in (
        ("VIC_AGE_SEX", _("%(n)s victims of trafficking in persons were identified in the region")),
        ("MIG_ORIGIN_SEX", _("%(n)s smuggled migrants were identified")),
        ("SUS_AGE_SEX", _("%(n)s suspects, convicted persons or facilitators were recorded")),
    ):
        table, previous = data.table(code), data.previous.get(code)
        value = table.value(TOTAL) if table else None
        if value is None:
            continue
        text = sentence % {"n": data.number(value)}
        before = previous.value(TOTAL) if previous else None
        if before:
            change = format_decimal(
                100 * (value - before) / before, format="+#,##0.0;-#,##0.0", locale=data.language
            )
            text += _(" (%(before)s in the previous period, %(change)s %%)") % {
                "before": data.number(before),
                "change": change,
            }
        lines.append(text + ".")
    ages = data.table("VIC_AGE_SEX")
    if ages is not None:
        total = ages.value(TOTAL)
        share = data.percent(ages.value(TOTAL, "F"), total)
        if share:
            lines.append(_("Women and girls are %(share)s of the victims.") % {"share": share})
        children = [ages.value("0_11"), ages.value("12_17")]
        if None not in children:
            share = data.percent(sum(children), total)
            if share:
                lines.append(
                    _("Children and adolescents (0-17 years) are %(share)s of the victims.")
                    % {"share": share}
                )
    exploitation = _top(data.table("VIC_EXP_SEX"), 1, {"none"})
    if exploitation:
        code, value = exploitation[0]
        lines.append(
            _("The most frequent exploitation type is %(type)s (%(n)s victims).")
            % {"type": labels.category("exploitation", code), "n": data.number(value)}
        )
    for code, sentence in (
        ("VIC_NAT_SEX", _("Most frequent nationalities of victims: %(list)s.")),
        ("MIG_NAT_SEX", _("Most frequent nationalities of smuggled migrants: %(list)s.")),
    ):
        top = _top(data.table(code), 3, {"unknown"})
        if top:
            lines.append(
                sentence
                % {
                    "list": ", ".join(
                        f"{labels.category('nationality', row)} ({data.number(value)})"
                        for row, value in top
                    )
                }
            )
    origin = data.table("MIG_ORIGIN_SEX")
    if origin is not None:
        share = data.percent(origin.value("extra"), origin.value(TOTAL))
        if share:
            lines.append(
                _("%(share)s of the smuggled migrants come from outside the region.")
                % {"share": share}
            )
    flows = data.table("RTE_FLOW")
    if flows is not None:
        top = _top_legs(flows, 3)
        if top:
            lines.append(
                _("Main route legs: %(list)s.")
                % {
                    "list": "; ".join(
                        f"{labels.category('route_from', row)} → "
                        f"{labels.category('route_to', col)} ({data.number(value)})"
                        for value, row, col in top
                    )
                }
            )
    documents = data.table("DOC_NATURE_TYPE")
    if documents is not None:
        fraudulent = [
            documents.value(row) for row in documents.rows if row not in {"genuine", "none"}
        ]
        if fraudulent and None not in fraudulent and sum(fraudulent):
            lines.append(
                _("%(n)s false or fraudulently used documents were detected.")
                % {"n": data.number(sum(fraudulent))}
            )
    return lines


@dataclass
class Chart:
    title: str
    kind: str  # "line", "bar" (vertical, grouped) or "hbar"
    categories: list[str]
    series: list[tuple[str, list[int | None]]]


def charts(data: ReportData) -> list[Chart]:
    labels = data.labels
    found: list[Chart] = []
    trend = data.table("PER_TREND")
    if trend is not None:
        found.append(
            Chart(
                labels.indicator(INDICATORS["PER_TREND"]),
                "line",
                trend.cols,
                [
                    (
                        labels.category("population", row),
                        [trend.value(row, col) for col in trend.cols],
                    )
                    for row in trend.rows
                    if row != "other"
                ],
            )
        )
    ages = data.table("VIC_AGE_SEX")
    if ages is not None:
        found.append(
            Chart(
                labels.indicator(INDICATORS["VIC_AGE_SEX"]),
                "bar",
                [labels.category("age_band", row) for row in ages.rows],
                [
                    (labels.category("sex", col), [ages.value(row, col) for row in ages.rows])
                    for col in ages.cols
                    if col != "X"
                ],
            )
        )
    for code, dimension in (("VIC_EXP_SEX", "exploitation"), ("MIG_SUB_AGE", "origin_subregion")):
        table = data.table(code)
        if table is None:
            continue
        rows = [(row, value) for row, value in table.row_totals() if value != 0]
        if rows:
            found.append(
                Chart(
                    labels.indicator(INDICATORS[code]),
                    "hbar",
                    [labels.category(dimension, row) for row, _v in rows],
                    [(_("Total"), [value for _row, value in rows])],
                )
            )
    flows = data.table("RTE_FLOW")
    if flows is not None:
        top = _top_legs(flows, 10)
        if top:
            found.append(
                Chart(
                    _("Main route legs"),
                    "hbar",
                    [
                        f"{labels.category('route_from', row)} → {labels.category('route_to', col)}"
                        for _v, row, col in top
                    ],
                    [(_("Persons"), [value for value, _r, _c in top])],
                )
            )
    return found


def _drawing(chart: Chart, width: float = 450, height: float = 220):
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    palette = [
        colors.HexColor(value)
        for value in ("#0b3d5c", "#f2a900", "#3a8dde", "#8c564b", "#2ca02c", "#d62728")
    ]
    if chart.kind == "hbar":
        height = max(height, 40 + 16 * len(chart.categories))
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 12, chart.title, fontName="Helvetica-Bold", fontSize=9))
    data = [
        [value if value is not None else 0 for value in values] for _name, values in chart.series
    ] or [[0]]
    if chart.kind == "line":
        plot = HorizontalLineChart()
        plot.data = [list(values) for _name, values in chart.series] or [[0]]
        plot.joinedLines = 1
    elif chart.kind == "hbar":
        plot = HorizontalBarChart()
        plot.data = data
    else:
        plot = VerticalBarChart()
        plot.data = data
    left = 170 if chart.kind == "hbar" else 40
    plot.x, plot.y = left, 40
    plot.width, plot.height = width - left - 100, height - 70
    plot.categoryAxis.categoryNames = [name.replace("→", "»")[:38] for name in chart.categories]
    plot.categoryAxis.labels.fontSize = 6
    plot.valueAxis.labels.fontSize = 7
    plot.valueAxis.valueMin = 0
    if chart.kind == "line":
        plot.categoryAxis.labels.angle = 45
        plot.categoryAxis.labels.boxAnchor = "ne"
        for index in range(len(chart.series)):
            plot.lines[index].strokeColor = palette[index % len(palette)]
            plot.lines[index].strokeWidth = 1.5
    else:
        for index in range(len(chart.series)):
            plot.bars[index].fillColor = palette[index % len(palette)]
        if chart.kind == "bar":
            plot.categoryAxis.labels.angle = 30
            plot.categoryAxis.labels.boxAnchor = "ne"
    drawing.add(plot)
    if len(chart.series) > 1:
        legend = Legend()
        legend.x, legend.y = width - 90, height - 30
        legend.fontSize = 7
        legend.colorNamePairs = [
            (palette[index % len(palette)], name)
            for index, (name, _values) in enumerate(chart.series)
        ]
        drawing.add(legend)
    return drawing


def _table_lines(data: ReportData, table: PublishedTable) -> list[list[str]]:
    labels = data.labels
    if table.code == "RTE_FLOW":  # too wide as a matrix: one line per published leg
        lines = [[labels.dimension("route_from"), labels.dimension("route_to"), _("Persons")]]
        cells = sorted(
            ((row, col), value)
            for (row, col), value in table.values.items()
            if TOTAL not in (row, col) and value != 0
        )
        lines += [
            [
                labels.category("route_from", row),
                labels.category("route_to", col),
                data.number(value),
            ]
            for (row, col), value in cells
        ]
        return lines
    header = [labels.dimension(table.row_var)]
    header += [labels.category(table.col_var, col) for col in table.cols] + [_("Total")]
    lines = [header]
    for row in [*table.rows, TOTAL]:
        lines.append(
            [_("Total") if row == TOTAL else labels.category(table.row_var, row)]
            + [data.number(table.values.get((row, col))) for col in [*table.cols, TOTAL]]
        )
    return lines


def _texts(data: ReportData) -> dict[str, str]:
    title = _("Regional report on trafficking in persons and migrant smuggling")
    method = _(
        "Figures count the cases recorded in Enlace by the member states that contribute to "
        "regional statistics (%(countries)s) and the aggregate tables submitted to data "
        "calls. Every figure passed disclosure control: cells of 1 to %(k1)s persons are "
        "suppressed and shown as “%(x)s”, and further cells are suppressed so that no "
        "suppressed cell can be derived from totals. Definitions of every table are on the "
        "statistics definitions page of Enlace."
    ) % {"countries": ", ".join(data.countries) or "—", "k1": data.k - 1, "x": SUPPRESSED}
    if data.submitted:
        method += " " + _("Aggregates submitted by: %(list)s.") % {
            "list": "; ".join(
                f"{country} ({', '.join(titles)})" for country, titles in data.submitted.items()
            )
        }
    source = (
        _("Source: release %(release)s.") % {"release": data.source}
        if data.source
        else _(
            "Source: regional tables protected at the time of writing (no release "
            "has been published for this period)."
        )
    )
    return {
        "title": title,
        "subtitle": _("CRM Liaison Officers Network"),
        "period": period_label(data.period).capitalize(),
        "generated": _("Generated on %(date)s") % {"date": timezone.localdate().isoformat()},
        "method": method,
        "source": source,
        "highlights": _("Highlights"),
        "charts": _("Charts"),
        "tables": _("Tables"),
        "nothing": _("No published figure is available for this period."),
    }


def _pdf(text: str) -> str:
    """Text for a PDF paragraph: XML-escaped, and in the standard fonts' WinAnsi encoding,
    which has no arrow."""
    return escape(text).replace("→", "»")


def report_pdf(data: ReportData, progress: Callable[[int, str], None] | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        KeepTogether,
        ListFlowable,
        ListItem,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    texts = _texts(data)
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], fontSize=10, leading=14, spaceAfter=6)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    story = [
        Paragraph(_pdf(texts["title"]), styles["Title"]),
        Paragraph(_pdf(f"{texts['subtitle']} · {texts['period']}"), styles["Heading3"]),
        Paragraph(_pdf(texts["generated"]), small),
        Spacer(1, 8),
        Paragraph(_pdf(texts["method"]), body),
        Paragraph(_pdf(texts["source"]), body),
        Paragraph(_pdf(texts["highlights"]), styles["Heading2"]),
    ]
    lines = highlights(data)
    if lines:
        story.append(
            ListFlowable(
                [ListItem(Paragraph(_pdf(line), body)) for line in lines], bulletType="bullet"
            )
        )
    else:
        story.append(Paragraph(_pdf(texts["nothing"]), body))
    if progress:
        progress(40, _("Drawing charts"))
    found = charts(data)
    if found:
        story.append(Paragraph(_pdf(texts["charts"]), styles["Heading2"]))
        story += [KeepTogether([_drawing(chart), Spacer(1, 10)]) for chart in found]
    if progress:
        progress(60, _("Writing tables"))
    story += [PageBreak(), Paragraph(_pdf(texts["tables"]), styles["Heading2"])]
    cell = ParagraphStyle("cell", parent=small, fontSize=7, leading=8)
    for code, table in data.tables.items():
        lines = _table_lines(data, table)
        grid = Table(
            [[Paragraph(_pdf(str(value)), cell) for value in line] for line in lines],
            repeatRows=1,
            hAlign="LEFT",
        )
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1f7")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story += [
            Paragraph(
                _pdf(f"{code} · {data.labels.indicator(INDICATORS[code])}"), styles["Heading4"]
            ),
            grid,
            Spacer(1, 8),
        ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        title=texts["title"],
        author="Enlace",
        subject=texts["period"],
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    document.build(story)
    return buffer.getvalue()


def report_docx(data: ReportData, progress: Callable[[int, str], None] | None = None) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    texts = _texts(data)
    document = Document()
    document.add_heading(texts["title"], level=0)
    document.add_paragraph(f"{texts['subtitle']} · {texts['period']}")
    document.add_paragraph(texts["generated"])
    document.add_paragraph(texts["method"])
    document.add_paragraph(texts["source"])
    document.add_heading(texts["highlights"], level=1)
    lines = highlights(data)
    for line in lines or [texts["nothing"]]:
        document.add_paragraph(line, style="List Bullet" if lines else None)
    if progress:
        progress(40, _("Drawing charts"))
    found = charts(data)
    if found:
        document.add_heading(texts["charts"], level=1)
    for chart in found:
        if CHARTS_AS_IMAGES:
            from reportlab.graphics import renderPM

            image = renderPM.drawToString(_drawing(chart), fmt="PNG", dpi=150)
            document.add_picture(io.BytesIO(image), width=Cm(16))
        else:
            document.add_paragraph(chart.title, style="Heading 3")
            grid = document.add_table(rows=1, cols=1 + len(chart.series))
            grid.style = "Table Grid"
            grid.rows[0].cells[0].text = ""
            for index, (name, _values) in enumerate(chart.series, start=1):
                grid.rows[0].cells[index].text = name
            for position, category in enumerate(chart.categories):
                cells = grid.add_row().cells
                cells[0].text = category
                for index, (_name, values) in enumerate(chart.series, start=1):
                    cells[index].text = data.number(values[position])
    if progress:
        progress(60, _("Writing tables"))
    document.add_heading(texts["tables"], level=1)
    for code, table in data.tables.items():
        document.add_heading(f"{code} · {data.labels.indicator(INDICATORS[code])}", level=3)
        lines = _table_lines(data, table)
        grid = document.add_table(rows=0, cols=len(lines[0]))
        grid.style = "Table Grid"
        for line in lines:
            cells = grid.add_row().cells
            for cell, value in zip(cells, line, strict=True):
                cell.text = str(value)
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(8)
    core = document.core_properties
    core.title = texts["title"]
    core.subject = texts["period"]
    core.language = data.language
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def semiannual_report(
    *,
    period: str,
    language: str,
    file_format: str,
    progress: Callable[[int, str], None] | None = None,
) -> bytes:
    """The report as bytes. Syncs the aggregate store first when the period has no release
    (its tables are then protected now, from the store)."""
    from .facts import facts_sync
    from .selectors import release_latest

    if file_format not in {"pdf", "docx"}:
        raise ValueError(file_format)
    if language not in {"es", "en"}:
        raise ValueError(language)
    parsed = Period.parse(period)
    if release_latest(parsed.code) is None or release_latest(parsed.previous().code) is None:
        facts_sync()
    with translation.override(language):
        if progress:
            progress(10, _("Reading the published figures"))
        data = report_data(parsed, language)
        content = (report_pdf if file_format == "pdf" else report_docx)(data, progress)
        if progress:
            progress(95, _("Saving"))
    return content
