"""CSV and XLSX export of whatever a list page shows, with spreadsheet formulas neutralised."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FORMATS = ("csv", "xlsx")


def neutralise(value):
    """Make a cell inert: text that a spreadsheet would evaluate gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def table_rows(table):
    """Header and body rows of a django-tables2 table, every row (not one page), as plain text."""
    return [[neutralise(cell) for cell in row] for row in table.as_values(exclude_columns=("actions",))]


def export_response(table, fmt: str, basename: str) -> HttpResponse:
    rows = table_rows(table)
    filename = f"{basename}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")  # so Excel opens UTF-8 (Chinese names) correctly
        csv.writer(response).writerows(rows)
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(basename[:31])
        for row in rows:
            sheet.append(row)
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        workbook.save(response)
    # Translated (Chinese) file names need RFC 6266 encoding, not a Latin-1 header.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
