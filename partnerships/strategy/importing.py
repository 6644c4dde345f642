"""Objectives from a spreadsheet (XLSX or CSV, English or Chinese headers): all rows or none.

Every row is checked before anything is written; a file with any bad row writes nothing and the
report names each row, column and problem. Objectives are matched by code: a new code is created,
a known one updated (a row identical to the record changes nothing). Used by the admin page
(`/objectives/import/`) and `manage.py import_objectives FILE` alike.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from partnerships.core.imports import ImportRefused, RowError
from partnerships.core.models import College
from partnerships.organisations.models import Person

from .models import Objective

COLUMNS = ("code", "title_en", "title_zh", "college", "owner_email", "period_start", "period_end", "description")
# Headers as a Chinese-side spreadsheet may have them.
ALIASES = {
    "编号": "code",
    "代码": "code",
    "英文标题": "title_en",
    "标题": "title_en",
    "中文标题": "title_zh",
    "学院": "college",
    "负责人邮箱": "owner_email",
    "负责人": "owner_email",
    "起始年份": "period_start",
    "开始年份": "period_start",
    "结束年份": "period_end",
    "说明": "description",
    "描述": "description",
}
MAX_ROWS = 5000


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def read_table(name: str, content: bytes) -> list[dict]:
    """The rows of an XLSX or CSV file as dicts by column name; refuses a file it cannot read."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            raise ImportRefused(
                [RowError(0, "", _("Not a readable XLSX workbook (%(error)s).") % {"error": exc})]
            ) from exc
        table = [
            ["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)
        ]
    elif suffix == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV in GB18030
            try:
                text = content.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportRefused([RowError(0, "", _("The CSV file is neither UTF-8 nor GB18030."))])
        table = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ImportRefused([RowError(0, "", _("Upload an .xlsx or .csv file."))])
    table = [row for row in table if any(row)]
    if not table:
        raise ImportRefused([RowError(0, "", _("The file is empty."))])
    if len(table) > MAX_ROWS + 1:
        raise ImportRefused([RowError(0, "", _("At most %(n)s rows at once.") % {"n": MAX_ROWS})])
    header = [ALIASES.get(h, h.lower().replace(" ", "_")) for h in table[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown or "code" not in header or "title_en" not in header:
        message = _("Columns must include code and title_en (others: %(others)s); unknown: %(unknown)s.") % {
            "others": ", ".join(COLUMNS[2:]),
            "unknown": ", ".join(unknown) or "—",
        }
        raise ImportRefused([RowError(1, "", message)])
    return [dict(zip(header, row + [""] * (len(header) - len(row)), strict=False)) for row in table[1:]]


@transaction.atomic
def objectives_import(rows: list[dict]) -> ImportResult:
    """Create or update an objective per row; raises ImportRefused (nothing written) if any row is bad."""
    colleges = {c.code.lower(): c for c in College.objects.all()}
    colleges.update({c.name_en.lower(): c for c in College.objects.all()})
    colleges.update({c.name_zh: c for c in College.objects.all() if c.name_zh})
    existing = Objective.objects.in_bulk([row.get("code", "") for row in rows], field_name="code")
    errors, planned, seen = [], [], set()
    for number, row in enumerate(rows, start=2):
        code = row.get("code", "").strip()
        if code in seen:
            errors.append(RowError(number, "code", _("The code %(code)s is already in row above.") % {"code": code}))
            continue
        seen.add(code)
        objective = existing.get(code) or Objective(code=code)
        before = {
            f: getattr(objective, f)
            for f in ("title_en", "title_zh", "college_id", "owner_id", "period_start", "period_end", "description")
        }
        objective.title_en = row.get("title_en", "")
        objective.title_zh = row.get("title_zh", "")
        objective.description = row.get("description", "")
        college = row.get("college", "").strip()
        objective.college = colleges.get(college.lower()) or colleges.get(college) if college else None
        if college and objective.college is None:
            errors.append(RowError(number, "college", _("No college %(value)s in the profile.") % {"value": college}))
        email = row.get("owner_email", "").strip()
        objective.owner = Person.objects.filter(email__iexact=email).first() if email else None
        if email and objective.owner is None:
            errors.append(RowError(number, "owner_email", _("No person with the e-mail %(value)s.") % {"value": email}))
        for column in ("period_start", "period_end"):
            value = row.get(column, "").strip().removesuffix(".0")
            if value and not value.isdigit():
                errors.append(RowError(number, column, _("Give a year, such as 2026.")))
                value = ""
            setattr(objective, column, int(value) if value else None)
        try:
            objective.full_clean(validate_unique=objective.pk is not None)
        except ValidationError as exc:
            errors += [RowError(number, f, " ".join(m)) for f, m in exc.message_dict.items()]
        after = {f: getattr(objective, f) for f in before}
        planned.append((objective, objective.pk is None, before != after))
    if errors:
        raise ImportRefused(errors)
    result = ImportResult()
    for objective, new, changed in planned:
        if new:
            objective.save()
            result.created.append(objective.code)
        elif changed:
            objective.version += 1
            objective.save()
            result.updated.append(objective.code)
        else:
            result.unchanged.append(objective.code)
    return result
