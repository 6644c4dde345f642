"""CSV and XLSX export of whatever a list page shows, with spreadsheet formulas neutralised.

Exports stream: rows are read from the database in chunks and written as they come, so a year of
interactions neither sits in a worker's memory nor waits for the last row before the first byte.
CSV goes straight to the client; XLSX is written row by row to a temporary file by openpyxl's
write-only mode (the zip can only be sent once complete) and then sent from disk.
"""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

# A cell starting with one of these is run as a formula by Excel and LibreOffice (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FORMATS = ("csv", "xlsx")
CHUNK = 500  # rows read from the database at a time (and held, with their linked records)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Make a cell inert: text that a spreadsheet would evaluate gets a leading apostrophe."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def table_rows(table):
    """Header and body rows of a table, every row (not one page), as plain text, read in chunks."""
    for row in table.export_rows(exclude=("actions",), chunk_size=CHUNK):
        yield [neutralise(cell) for cell in row]


class _Echo:
    """A file-like object whose write() hands back what it was given: csv.writer into a generator."""

    def write(self, value):
        return value


def _csv_lines(rows):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel opens UTF-8 (Chinese names) correctly
    for row in rows:
        yield writer.writerow(row)


def export_response(table, fmt: str, basename: str):
    return rows_response(table_rows(table), fmt, basename)


def rows_response(rows, fmt: str, basename: str):
    """A download of `rows` (header first; cells already neutralised) as CSV or XLSX, dated today."""
    filename = f"{basename}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    else:
        # Imported here: openpyxl takes 15 MB a process, for the few that ever write a spreadsheet.
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(basename[:31])
        for row in rows:
            sheet.append(row)
        spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
        workbook.save(spool)
        spool.seek(0)
        response = FileResponse(spool, content_type=XLSX_TYPE)
    # Translated (Chinese) file names need RFC 6266 encoding, not a Latin-1 header.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
