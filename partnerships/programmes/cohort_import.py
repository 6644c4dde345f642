"""Cohort headcounts from a spreadsheet (XLSX or CSV, English or Chinese headers): all rows or none.

One row a programme and academic year. Every row is checked (each cohort with `full_clean()`)
before anything is written; a file with any bad row writes nothing and `ImportRefused` (from
`core.imports`, as the other imports) lists each problem by row and column. A (programme, year)
already recorded is updated, a new one created, an identical one left alone. Used by
`manage.py import_cohorts FILE` and the programmes' import page alike; see docs/programmes.md.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook  # parses with defusedxml when it is installed (it is a dependency)

from partnerships.core.changelog import change_context
from partnerships.core.imports import ImportRefused, RowError
from partnerships.core.permissions import has_model_permission

from .models import Cohort, Programme

MAX_ROWS = 5000
COUNTS = ("year_1", "year_2", "year_3", "year_4", "year_5", "graduated", "withdrawn", "dormant")
NULLABLE = ("applications", "offers", "intake")  # a blank cell is "not known", not zero
FIELDS = NULLABLE + COUNTS
COLUMNS = ("programme", "academic_year", *FIELDS)

# Headers as written, after `_fold` (NFKC, case-folded, "_" and "-" as spaces): their column.
HEADERS = {
    "programme": "programme",
    "program": "programme",
    "programme title": "programme",
    "program title": "programme",
    "项目": "programme",
    "项目名称": "programme",
    "专业": "programme",
    "专业名称": "programme",
    "academic year": "academic_year",
    "year": "academic_year",
    "学年": "academic_year",
    "applications": "applications",
    "applicants": "applications",
    "申请人数": "applications",
    "申请": "applications",
    "offers": "offers",
    "录取人数": "offers",
    "发放录取": "offers",
    "录取": "offers",
    "intake": "intake",
    "入学人数": "intake",
    "入学": "intake",
    "year 5+": "year_5",
    "五年级及以上": "year_5",
    "graduated": "graduated",
    "毕业": "graduated",
    "毕业人数": "graduated",
    "withdrawn": "withdrawn",
    "退学": "withdrawn",
    "退学人数": "withdrawn",
    "dormant": "dormant",
    "休学": "dormant",
    "休学人数": "dormant",
}
for _n, _zh in enumerate("一二三四五", start=1):
    HEADERS[f"year {_n}"] = HEADERS[f"year{_n}"] = HEADERS[f"{_zh}年级"] = f"year_{_n}"

YEAR = re.compile(r"^(\d{4})(?:\s*[/\-–—]\s*(\d{2}|\d{4}))?$")


@dataclass
class CohortImportResult:
    """What was (or, in a dry run, would be) written: cohorts as "programme 2024/25"."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False


def _fold(text) -> str:
    """Full-width digits, letters and punctuation as ASCII (NFKC), trimmed; None as ""."""
    return "" if text is None else unicodedata.normalize("NFKC", str(text)).strip()


def _header(text: str) -> str:
    return " ".join(_fold(text).casefold().replace("_", " ").replace("-", " ").split())


def _cells(filename: str, content: bytes) -> list[list[str]]:
    """Every row of the first sheet (XLSX) or of the CSV (UTF-8 or GB18030), as text."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        try:
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            rows = [
                [_fold(int(c) if isinstance(c, float) and c.is_integer() else c) for c in row]
                for row in book.worksheets[0].iter_rows(values_only=True)
            ]
            book.close()
            return rows
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise ImportRefused(
                [RowError(0, "", _("Not a readable XLSX workbook (%(error)s).") % {"error": exc})]
            ) from exc
    if suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV in GB18030
            try:
                return [[_fold(c) for c in row] for row in csv.reader(io.StringIO(content.decode(encoding)))]
            except UnicodeDecodeError:
                continue
        raise ImportRefused([RowError(0, "", _("The CSV file is neither UTF-8 nor GB18030."))])
    raise ImportRefused([RowError(0, "", _("Upload an .xlsx or .csv file."))])


def _read_rows(filename: str, content: bytes, *, need_programme: bool):
    """(header labels by column, [(row number, {column: text})]) — or ImportRefused for the file."""
    numbered = [(n, row) for n, row in enumerate(_cells(filename, content), start=1) if any(row)]
    if not numbered:
        raise ImportRefused([RowError(0, "", _("The file is empty."))])
    if len(numbered) > MAX_ROWS + 1:
        raise ImportRefused([RowError(0, "", _("At most %(n)s rows at once.") % {"n": MAX_ROWS})])
    header_number, header_row = numbered[0]
    keys = [HEADERS.get(_header(h), _header(h).replace(" ", "_")) if h else "" for h in header_row]
    unknown = [h for h, k in zip(header_row, keys, strict=True) if k and k not in COLUMNS]
    twice = sorted({k for k in keys if k and keys.count(k) > 1})
    missing = [k for k in (("programme",) if need_programme else ()) + ("academic_year",) if k not in keys]
    if unknown or twice or missing:
        message = _("Columns: %(columns)s. Unknown: %(unknown)s; given twice: %(twice)s; missing: %(missing)s.") % {
            "columns": ", ".join(COLUMNS),
            "unknown": ", ".join(unknown) or "—",
            "twice": ", ".join(twice) or "—",
            "missing": ", ".join(missing) or "—",
        }
        raise ImportRefused([RowError(header_number, "", message)])
    labels = {k: h for h, k in zip(header_row, keys, strict=True) if k}
    rows = []
    for number, row in numbered[1:]:
        row = row + [""] * (len(keys) - len(row))
        values = {k: v for k, v in zip(keys, row, strict=False) if k}
        if any(v for k, v in zip(keys + [""] * len(row), row, strict=False) if not k):
            values[""] = "stray"  # a value under no header (or beyond the last one)
        rows.append((number, values))
    return labels, rows


def _academic_year(text: str) -> int:
    match = YEAR.match(text.removesuffix("学年").removesuffix(".0").strip())
    if not match:
        raise ValueError(_("Give the academic year as 2024, 2024/25 or 2024/2025."))
    start, end = int(match[1]), match[2]
    if end and int(end) != (start + 1 if len(end) == 4 else (start + 1) % 100):
        raise ValueError(_("%(value)s is not one academic year (2024/25 follows 2024).") % {"value": text})
    return start


def _count(text: str) -> int | None:
    value = text.replace(",", "").replace(" ", "").removesuffix(".0")
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(_("Give a whole number, such as 42."))
    return int(value)


class _Programmes:
    """Programmes named by pk or English (or Chinese) title, among those the user may see."""

    def __init__(self, user):
        queryset = Programme.objects.all() if user is None else Programme.objects.restrict(user, "view")
        self.by_pk, self.by_title = {}, {}
        for p in queryset.only("pk", "title_en", "title_zh"):
            self.by_pk[p.pk] = p
            for title in {p.title_en.casefold().strip(), p.title_zh.strip()} - {""}:
                self.by_title.setdefault(" ".join(title.split()), []).append(p)

    def find(self, text: str) -> Programme:
        found = [self.by_pk[int(text)]] if text.isdigit() and int(text) in self.by_pk else []
        found = found or self.by_title.get(" ".join(text.casefold().split()), [])
        if not found:
            raise ValueError(_("No programme %(value)s (give its English title or number).") % {"value": text})
        if len(found) > 1:
            raise ValueError(_("More than one programme is titled %(value)s; give its number.") % {"value": text})
        return found[0]


def _content(file_or_bytes) -> bytes:
    if isinstance(file_or_bytes, (bytes, bytearray)):
        return bytes(file_or_bytes)
    if isinstance(file_or_bytes, Path):
        return file_or_bytes.read_bytes()
    if hasattr(file_or_bytes, "seek"):
        file_or_bytes.seek(0)
    return file_or_bytes.read()


@transaction.atomic
def import_cohorts(
    file_or_bytes, filename: str, *, user=None, programme: Programme | int | None = None, dry_run: bool = False
) -> CohortImportResult:
    """Create or update a cohort per row of an XLSX or CSV file, all rows or none.

    `file_or_bytes`: bytes, a Path, or a file (an upload); `filename` says the format by its suffix.
    `programme` (a Programme or pk): every row is for it, and the programme column may be left out.
    `user`: programmes are those the user may see, the user needs to add and change cohorts, and
    the change log names the user. `dry_run`: check and report, write nothing.
    Raises `ImportRefused` (nothing written) with every problem if the file or any row is bad.
    """
    if user is not None and not (
        has_model_permission(user, Cohort, "add") and has_model_permission(user, Cohort, "change")
    ):
        raise PermissionDenied
    programmes = _Programmes(user)
    if programme is not None and not isinstance(programme, Programme):
        try:
            programme = programmes.find(str(programme))
        except ValueError as exc:
            raise ImportRefused([RowError(0, "programme", str(exc))]) from None
    elif programme is not None and programme.pk not in programmes.by_pk:
        raise ImportRefused([RowError(0, "programme", _("No such programme."))])
    labels, rows = _read_rows(filename, _content(file_or_bytes), need_programme=programme is None)

    errors, parsed = [], []
    for number, values in rows:
        problems = len(errors)
        if "" in values:
            errors.append(RowError(number, "", _("A value in a column with no header.")))
        chosen = programme
        named = values.get("programme", "")
        if named:
            try:
                chosen = programmes.find(named)
            except ValueError as exc:
                errors.append(RowError(number, labels["programme"], str(exc)))
            else:
                if programme is not None and chosen != programme:
                    message = _("This import is for %(programme)s only.") % {"programme": programme.title_en}
                    errors.append(RowError(number, labels["programme"], message))
        elif chosen is None:
            errors.append(RowError(number, labels["programme"], _("Name the programme.")))
        try:
            year = _academic_year(values.get("academic_year", ""))
        except ValueError as exc:
            errors.append(RowError(number, labels["academic_year"], str(exc)))
        counts = {}
        for name in FIELDS:
            if name in values:
                try:
                    counts[name] = _count(values[name])
                except ValueError as exc:
                    errors.append(RowError(number, labels[name], str(exc)))
                else:
                    if counts[name] is None and name in COUNTS:
                        counts[name] = 0
        if len(errors) == problems:
            parsed.append((number, chosen, year, counts))

    existing = {
        (c.programme_id, c.academic_year): c
        for c in Cohort.objects.select_related("programme").filter(
            programme__in={p.pk for _n, p, _y, _c in parsed}, academic_year__in={y for _n, _p, y, _c in parsed}
        )
    }
    planned, seen = [], {}
    for number, chosen, year, counts in parsed:
        key = (chosen.pk, year)
        if key in seen:
            message = _("%(programme)s %(year)s is already in row %(row)s.") % {
                "programme": chosen.title_en,
                "year": f"{year}/{(year + 1) % 100:02d}",
                "row": seen[key],
            }
            errors.append(RowError(number, labels["academic_year"], message))
            continue
        seen[key] = number
        cohort = existing.get(key) or Cohort(programme=chosen, academic_year=year)
        before = {name: getattr(cohort, name) for name in FIELDS}
        for name, value in counts.items():
            setattr(cohort, name, value)
        try:
            cohort.full_clean()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = "" if name == NON_FIELD_ERRORS else labels.get(name, name)
                errors.append(RowError(number, column, " ".join(messages)))
            continue
        changed = before != {name: getattr(cohort, name) for name in FIELDS}
        planned.append((cohort, cohort.pk is None, changed))
    if errors:
        raise ImportRefused(sorted(errors, key=lambda e: e.row))

    result = CohortImportResult(dry_run=dry_run)
    with change_context(user=user, source="import"):
        for cohort, new, changed in planned:
            label = f"{cohort.programme.title_en} {cohort.year_label}"
            if new:
                result.created.append(label)
            elif changed:
                result.updated.append(label)
                cohort.version += 1
            else:
                result.unchanged.append(label)
                continue
            if not dry_run:
                cohort.save()
    return result
