"""What every all-or-nothing import reports: a problem a row (or entry), with the column (or field).

Imports check every row before writing anything; if any is bad they raise `ImportRefused` with all
the problems, so the page or command can list each one and nothing is half-written.
"""

from dataclasses import dataclass


@dataclass
class RowError:
    row: int  # as the file numbers it (a spreadsheet's header is row 1; a reference file's first entry is 1); 0: the file
    column: str
    message: str


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problem(s); nothing was imported")
        self.errors = errors
