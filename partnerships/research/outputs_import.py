"""Research outputs from RIS and BibTeX files, with DOI de-duplication: all entries or none.

RIS is read with rispy and BibTeX with bibtexparser 2 (LaTeX accents decoded), as reference managers
(EndNote, Zotero, Mendeley) and publishers export them. Each entry becomes an output of the kind its
type says (a journal article or paper: publication; a patent; a dataset; software), linked to the
chosen projects and partners.

A DOI is the output's identity: an entry whose DOI is already recorded is not made again but
linked to the projects and partners (so an output shared by two projects is one record), and the
same DOI twice in a file is one output. Every entry is checked before anything is written; a file
with any bad entry writes nothing and the report names each entry and problem.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partnerships.core.imports import ImportRefused, RowError

from .choices import OutputKind
from .models import Output, normalise_doi

MAX_ENTRIES = 2000

RIS_KINDS = {
    "PAT": OutputKind.PATENT,
    "DATA": OutputKind.DATASET,
    "DBASE": OutputKind.DATASET,
    "COMP": OutputKind.SOFTWARE,
}
BIBTEX_KINDS = {"patent": OutputKind.PATENT, "dataset": OutputKind.DATASET, "software": OutputKind.SOFTWARE}


@dataclass
class Entry:
    """One entry of the file, as read: what an output needs, and where it was in the file."""

    number: int
    kind: str
    title: str
    authors: str = ""
    year: int | None = None
    venue: str = ""
    doi: str = ""
    url: str = ""


@dataclass
class OutputsResult:
    created: list[Output] = field(default_factory=list)
    linked: list[Output] = field(default_factory=list)  # already recorded (same DOI): linked, not made again


def read_entries(name: str, content: bytes) -> list[Entry]:
    suffix = Path(name).suffix.lower()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused([RowError(0, "", _("The file is not UTF-8 text."))]) from None
    if suffix in (".ris", ".txt"):
        entries = _ris(text)
    elif suffix in (".bib", ".bibtex"):
        entries = _bibtex(text)
    else:
        raise ImportRefused([RowError(0, "", _("Upload a .ris or .bib file."))])
    if not entries:
        raise ImportRefused([RowError(0, "", _("The file holds no entries."))])
    if len(entries) > MAX_ENTRIES:
        raise ImportRefused([RowError(0, "", _("At most %(n)s entries at once.") % {"n": MAX_ENTRIES})])
    return entries


def _ris(text: str) -> list[Entry]:
    try:
        records = rispy.loads(text, skip_unknown_tags=True)
    except Exception as exc:  # rispy raises IOError and others for a malformed file
        raise ImportRefused([RowError(0, "", _("Not a readable RIS file (%(error)s).") % {"error": exc})]) from exc
    entries = []
    for number, record in enumerate(records, start=1):
        urls = record.get("urls") or []
        entries.append(
            Entry(
                number=number,
                kind=RIS_KINDS.get(record.get("type_of_reference", ""), OutputKind.PUBLICATION),
                title=(record.get("title") or record.get("primary_title") or "").strip(),
                authors="; ".join(record.get("authors") or record.get("first_authors") or []),
                year=_year(record.get("year") or record.get("publication_year") or record.get("date") or ""),
                venue=(
                    record.get("secondary_title") or record.get("journal_name") or record.get("publisher") or ""
                ).strip(),
                doi=(record.get("doi") or "").strip(),
                url=urls[0] if urls else "",
            )
        )
    return entries


def _bibtex(text: str) -> list[Entry]:
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    if library.failed_blocks:
        errors = [
            RowError(0, "", _("Unreadable BibTeX near line %(line)s.") % {"line": block.start_line + 1})
            for block in library.failed_blocks
        ]
        raise ImportRefused(errors)
    entries = []
    for number, entry in enumerate(library.entries, start=1):
        fields = {key.lower(): str(value.value) for key, value in entry.fields_dict.items()}
        authors = [a.strip() for a in re.split(r"\s+and\s+", fields.get("author", "")) if a.strip()]
        entries.append(
            Entry(
                number=number,
                kind=BIBTEX_KINDS.get(entry.entry_type.lower(), OutputKind.PUBLICATION),
                title=_unbrace(fields.get("title", "")),
                authors="; ".join(authors),
                year=_year(fields.get("year", "")),
                venue=_unbrace(fields.get("journal") or fields.get("booktitle") or fields.get("publisher") or ""),
                doi=fields.get("doi", "").strip(),
                url=fields.get("url", "").strip(),
            )
        )
    return entries


def _year(value: str) -> int | None:
    found = re.search(r"\b(1[89]\d\d|2[01]\d\d)\b", str(value))
    return int(found.group(1)) if found else None


def _unbrace(value: str) -> str:
    return re.sub(r"\s+", " ", value.replace("{", "").replace("}", "")).strip()


@transaction.atomic
def outputs_import(entries: list[Entry], *, projects=(), partners=()) -> OutputsResult:
    """Create (or, by DOI, find) an output per entry and link it to the projects and partners;
    raises ImportRefused, writing nothing, if any entry is bad."""
    errors, planned, by_doi = [], [], {}
    known = {o.doi: o for o in Output.objects.filter(doi__in=[normalise_doi(e.doi) for e in entries if e.doi])}
    for entry in entries:
        doi = normalise_doi(entry.doi)
        if doi and doi in by_doi:
            continue  # the same DOI earlier in the file: one output
        if doi and doi in known:
            by_doi[doi] = known[doi]
            planned.append((known[doi], False))
            continue
        output = Output(
            kind=entry.kind,
            title=entry.title[:500],
            authors=entry.authors,
            year=entry.year,
            venue=entry.venue[:300],
            doi=entry.doi,
            url=entry.url[:500],
        )
        try:
            output.full_clean(validate_unique=False)
        except ValidationError as exc:
            errors += [RowError(entry.number, name, " ".join(messages)) for name, messages in exc.message_dict.items()]
            continue
        if output.doi:
            by_doi[output.doi] = output
        planned.append((output, True))
    if errors:
        raise ImportRefused(errors)
    result = OutputsResult()
    for output, new in planned:
        if new:
            output.save()
            result.created.append(output)
        else:
            result.linked.append(output)
        output.projects.add(*projects)
        output.partners.add(*partners)
    return result
