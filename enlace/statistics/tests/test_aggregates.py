"""Who counts where (enlace/statistics/scope.py): an officer's own cases count fully, other
countries' only through disclosure control and only if they contribute; sharing adds nothing;
the Secretariat and observers see protected regional figures; civil society sees none."""

from datetime import date

import pytest

from enlace.access.services import record_share
from enlace.accounts.choices import Role
from enlace.accounts.tests.factories import user_for
from enlace.statistics.aggregates import view_compute
from enlace.statistics.disclosure import TOTAL, ProtectedTable, release_recoverable_cells
from enlace.statistics.facts import facts_sync
from enlace.statistics.models import Aggregate
from enlace.statistics.periods import Period
from enlace.statistics.scope import statistics_scope

from .helpers import case_data, contributes, make_cases, person, victims

pytestmark = pytest.mark.django_db

YEAR = Period.parse("2025")
K = 11


def view_for(user, *, own_only=False, period=YEAR, **options):
    facts_sync()
    return view_compute(scope=statistics_scope(user), period=period, own_only=own_only, **options)


def others_part(region, own):
    """What the region view tells an officer about other countries: shown minus her own."""
    tables = []
    for code, table in region.tables.items():
        if table.protected is None:
            continue
        published = {
            cell: (None if value is None else value - own.tables[code].values.get(cell, 0))
            for cell, value in table.values.items()
        }
        tables.append(
            ProtectedTable(
                name=code,
                row_var=table.indicator.row,
                col_var=table.indicator.col,
                rows=table.rows,
                cols=table.cols,
                published=published,
                primary=table.protected.primary,
                secondary=table.protected.secondary,
                k=K,
                link_keys=table.protected.link_keys,
            )
        )
    return tables


def test_own_country_counts_in_full_others_small_cells_are_suppressed(users):
    contributes("CR", "MX")
    victims("CR", 3)  # three women aged 25, Guatemalan: a small cell, but CR's own
    victims("MX", 3, sex="M")
    victims("MX", 20, per_case=5)
    cr, mx = users["cr_liaison"], users["mx_liaison"]

    region = view_for(cr)
    table = region.tables["VIC_AGE_SEX"]
    # Mexico's 3 men are hidden, and so are its 20 women: otherwise 3 = 23 - 20.
    assert table.value("18_29", "M") is None
    assert table.value("18_29", "F") is None
    assert table.value("18_29", TOTAL) == 3 + 23
    # in the officer's own view, her 3 count as they are
    own = view_for(cr, own_only=True)
    assert own.tables["VIC_AGE_SEX"].value("18_29", "F") == 3
    assert own.tables["VIC_AGE_SEX"].total == 3

    # no cell gives away 1..k-1 of Mexico's persons, and none is recoverable from margins
    others = others_part(region, own)
    for protected in others:
        for cell, value in protected.published.items():
            assert value is None or value == 0 or value >= K, (protected.name, cell, value)
    assert not any(release_recoverable_cells(others).values())

    # Mexico's officer sees her own three men
    assert view_for(mx).tables["VIC_AGE_SEX"].value("18_29", "M") == 3


def test_secretariat_and_observers_see_every_cell_protected(users):
    contributes("CR", "MX")
    victims("CR", 3)
    victims("MX", 30, per_case=10)
    for key in ("st", "observer"):
        region = view_for(users[key])
        table = region.tables["VIC_AGE_SEX"]
        assert table.value("18_29", "F") == 33
        assert region.tables["VIC_OWNER_SEX"].value("CR", "F") is None  # CR's 3
        assert region.tables["VIC_OWNER_SEX"].value("MX", "F") is None  # derivable from 33
    assert statistics_scope(users["civil_society"]) is None
    assert statistics_scope(users["cr_admin"]) is None
    assert statistics_scope(users["sysadmin"]) is None


def test_non_contributing_countries_are_absent(users):
    contributes("CR", "MX")
    contributes("GT", value=False)
    victims("MX", 12, per_case=12)
    victims("GT", 40, per_case=10)
    victims("HN", 50, per_case=10)  # no law profile: nothing declared, nothing counted
    st = view_for(users["st"])
    assert st.tables["PER_TREND"].value("victim", TOTAL) == 12
    assert set(st.tables["VIC_OWNER_SEX"].rows) == {"CR", "MX"}
    cr = view_for(users["cr_liaison"])
    assert cr.tables["PER_TREND"].value("victim", TOTAL) == 12
    assert "GT" not in cr.case_countries and "HN" not in cr.case_countries
    # a non-contributing country's own officer still sees her cases, fully
    gt_officer = user_for(Role.LIAISON, "GT-NLO", "gt-liaison")
    own = view_for(gt_officer, own_only=True)
    assert own.tables["PER_TREND"].value("victim", TOTAL) == 40
    region = view_for(gt_officer)
    assert region.tables["PER_TREND"].value("victim", TOTAL) == 52


def test_sharing_a_case_adds_nothing_to_statistics(users):
    contributes("CR", "MX")
    victims("CR", 15, per_case=15)
    [shared] = victims("MX", 4, per_case=4)
    before = view_for(users["cr_liaison"])
    record_share(
        actor=users["mx_liaison"],
        record=shared,
        audience="network",
        expected_version=shared.version,
    )
    after = view_for(users["cr_liaison"])
    for code, table in before.tables.items():
        assert after.tables[code].values == table.values, code
    assert after.tables["VIC_AGE_SEX"].value("18_29", "F") is None  # 15 + Mexico's 4


def test_drafts_edits_and_deletions_reach_the_store(users):
    from enlace.cases.services import case_delete, case_update

    contributes("CR")
    make_cases("CR", [case_data(status="draft", persons=[person() for _ in range(5)])])
    [case] = victims("CR", 2, per_case=2)
    own = view_for(users["cr_liaison"], own_only=True)
    assert own.tables["PER_TREND"].value("victim", TOTAL) == 2  # the draft's 5 do not count
    assert own.tables["PER_TREND"].value("victim", "2025-08") == 2

    data = case_data(day=date(2025, 3, 2), persons=[person(), person(), person(sex="M")])
    from enlace.cases.serializers import CaseSerializer

    serializer = CaseSerializer(data=data, context={"actor": None})
    serializer.is_valid(raise_exception=True)
    case = case_update(
        actor=users["cr_liaison"],
        case=case,
        data=serializer.validated_data,
        expected_version=case.version,
    )
    own = view_for(users["cr_liaison"], own_only=True)
    assert own.tables["PER_TREND"].value("victim", "2025-08") == 0
    assert own.tables["PER_TREND"].value("victim", "2025-03") == 3
    assert own.tables["VIC_AGE_SEX"].value("18_29", "M") == 1

    case_delete(actor=users["cr_liaison"], case=case, expected_version=case.version)
    own = view_for(users["cr_liaison"], own_only=True)
    assert own.tables["PER_TREND"].value("victim", TOTAL) == 0
    assert not Aggregate.objects.filter(indicator="PER_TREND", row="victim").exists()


def test_full_rebuild_equals_incremental_sync(users):
    contributes("CR", "MX")
    victims("CR", 7, nationality="NI")
    make_cases(
        "MX",
        [
            case_data(
                case_type="smuggling",
                exploitation=[],
                persons=[person("smuggled_migrant", "M", 30, "CU") for _ in range(12)]
                + [person("suspect", "M", 41, "MX")],
                route=[("CU", "PA", "air"), ("PA", "MX", "bus"), ("MX", "US", "on_foot")],
                documents=["counterfeit", "genuine"],
            )
        ],
    )
    facts_sync()
    incremental = sorted(
        Aggregate.objects.values_list(
            "indicator", "owner_country", "month", "case_type", "row", "col", "value"
        )
    )
    facts_sync(full=True)
    rebuilt = sorted(
        Aggregate.objects.values_list(
            "indicator", "owner_country", "month", "case_type", "row", "col", "value"
        )
    )
    assert incremental == rebuilt
    flows = {(row, col): value for _i, _c, _m, _t, row, col, value in rebuilt if _i == "RTE_FLOW"}
    assert flows == {
        ("origin:CU", "transit:PA"): 12,
        ("transit:PA", "transit:MX"): 12,
        ("transit:MX", "destination:US"): 12,
    }
    stops = {
        (row, col) for indicator, *_rest, row, col, _v in rebuilt if indicator == "RTE_COUNTRY"
    }
    assert stops == {("CU", "origin"), ("PA", "transit"), ("MX", "transit"), ("US", "destination")}


def test_person_dimensions(users):
    contributes("CR")
    make_cases(
        "CR",
        [
            case_data(
                exploitation=["SexualExploitation", "ForcedLabour"],
                persons=[person("victim", "F", 15, "HT"), person("victim", "F", None, None)],
            ),
            case_data(exploitation=[], persons=[person("victim", "M", 8, "CR")]),
        ],
    )
    own = view_for(users["cr_liaison"], own_only=True)
    ages = own.tables["VIC_AGE_SEX"]
    assert ages.value("12_17", "F") == 1 and ages.value("unknown", "F") == 1
    assert ages.value("0_11", "M") == 1
    exploitation = own.tables["VIC_EXP_SEX"]
    assert exploitation.value("multiple", "F") == 2 and exploitation.value("none", "M") == 1
    origin = own.tables["VIC_ORIGIN_AGE"]
    assert origin.value("extra", "12_17") == 1 and origin.value("intra", "0_11") == 1
    assert origin.value("unknown", "unknown") == 1
    nationality = own.tables["VIC_NAT_SEX"]
    assert nationality.rows == ["CR", "HT", "unknown"]  # by code, never by count
