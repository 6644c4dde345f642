"""The HESA Aggregate Offshore Record for a reporting year, produced from the cohorts, with a
validation report of what would make the return wrong.

One row per aggregation (COUNTRY, LEVEL, TYPE) with the headcount split into active, dormant,
completed and withdrawn. What counts (docs/hesa-aor.md): programmes taught wholly at the partner's
campus, their cohort of the academic year starting in the reporting year (HESA's period runs from
1 August to 31 July). LEVEL and TYPE come from `AorCode` rows an admin keeps. Programmes split
between the two places are listed for a manual check rather than guessed at.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .choices import TEACHING, Location
from .models import AorCode, Cohort, Programme

HEADER = ["COUNTRY", "LEVEL", "TYPE", "HEADCOUNT", "ACTIVE", "DORMANT", "COMPLETED", "WITHDRAWN"]


@dataclass
class Row:
    country: str
    level: str
    type: str
    active: int = 0
    dormant: int = 0
    completed: int = 0
    withdrawn: int = 0
    programmes: list = field(default_factory=list)

    @property
    def headcount(self) -> int:
        return self.active + self.dormant + self.completed + self.withdrawn

    def cells(self) -> list:
        return [
            self.country, self.level, self.type, self.headcount, self.active, self.dormant, self.completed,
            self.withdrawn,
        ]  # fmt: skip


@dataclass
class Problem:
    programme: Programme
    message: str


@dataclass
class OffshoreReturn:
    year: int
    rows: list[Row]
    problems: list[Problem]

    @property
    def period(self) -> tuple[date, date]:
        return date(self.year, 8, 1), date(self.year + 1, 7, 31)


def offshore_return(year: int) -> OffshoreReturn:
    """The return for the reporting year starting 1 August `year`, and what is wrong with it."""
    start, end = date(year, 8, 1), date(year + 1, 7, 31)
    codes = {(c.field, c.value): c.code for c in AorCode.objects.all()}
    programmes = list(
        Programme.objects.filter(status__in=TEACHING).select_related("partner").order_by("title_en", "pk")
    )
    cohorts = {c.programme_id: c for c in Cohort.objects.filter(academic_year=year, programme__in=programmes)}
    rows: dict[tuple, Row] = {}
    problems = []
    for programme in programmes:
        cohort = cohorts.get(programme.pk)
        if programme.location != Location.PARTNER_CAMPUS:
            problems.append(
                Problem(programme, _("Not included: taught partly in Birmingham; check which students were offshore."))
            )
            continue
        if cohort is None:
            problems.append(
                Problem(programme, _("No cohort recorded for %(year)s.") % {"year": f"{year}/{(year + 1) % 100:02d}"})
            )
            continue
        problems.extend(_approval_problems(programme, start, end))
        problems.extend(_headcount_problems(programme, cohort))
        country = (programme.partner.country or "").upper()
        level, kind = (
            codes.get((AorCode.Field.LEVEL, programme.level)),
            codes.get((AorCode.Field.TYPE, programme.delivery_model)),
        )
        if not country or country == "GB":
            problems.append(Problem(programme, _("The partner has no country outside the UK.")))
            continue
        if level is None or kind is None:
            problems.append(
                Problem(
                    programme, _("No HESA code for its level or delivery model: add it under offshore return codes.")
                )
            )
            continue
        row = rows.setdefault((country, level, kind), Row(country, level, kind))
        row.active += cohort.enrolled
        row.dormant += cohort.dormant
        row.completed += cohort.graduated
        row.withdrawn += cohort.withdrawn
        row.programmes.append(programme)
    return OffshoreReturn(year, [rows[key] for key in sorted(rows)], problems)


def _approval_problems(programme: Programme, start: date, end: date) -> list[Problem]:
    found = []
    if programme.prc_valid_until and programme.prc_valid_until < end:
        found.append(
            Problem(
                programme,
                _("Running past its PRC approval, which ends on %(date)s.")
                % {"date": f"{programme.prc_valid_until:%Y-%m-%d}"},
            )
        )
    if programme.periodic_review_due and programme.periodic_review_due < start:
        found.append(
            Problem(
                programme,
                _("Its periodic review was due on %(date)s.") % {"date": f"{programme.periodic_review_due:%Y-%m-%d}"},
            )
        )
    return found


def _headcount_problems(programme: Programme, cohort: Cohort) -> list[Problem]:
    found = []
    if cohort.intake is not None and cohort.year_1 > cohort.intake:
        found.append(
            Problem(
                programme,
                _("%(year)s: more enrolled in year 1 (%(enrolled)s) than the intake (%(intake)s).")
                % {"year": cohort.year_label, "enrolled": cohort.year_1, "intake": cohort.intake},
            )
        )
    if cohort.intake and not cohort.enrolled and not (cohort.graduated or cohort.withdrawn or cohort.dormant):
        found.append(
            Problem(
                programme,
                _("%(year)s: an intake of %(intake)s but nobody enrolled, completed, withdrawn or dormant.")
                % {"year": cohort.year_label, "intake": cohort.intake},
            )
        )
    return found


def rows_for_export(result: OffshoreReturn) -> list[list]:
    return [HEADER, *(row.cells() for row in result.rows)]


def problems_for_export(result: OffshoreReturn) -> list[list]:
    """The validation report as a table: the page shows its first problems, the download all of them."""
    return [
        [_("Programme"), _("Partner"), _("Problem")],
        *([p.programme.title_en, str(p.programme.partner), p.message] for p in result.problems),
    ]
