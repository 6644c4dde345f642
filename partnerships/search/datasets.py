"""Readers for the labelled affiliation sets in data/affiliations-dev/, each row as (text, gold ROR IDs, split)."""

import ast
import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(settings.BASE_DIR) / "data" / "affiliations-dev"
ROR_ID = re.compile(r"(?:https?://ror\.org/)?(0[a-z0-9]{6}[0-9]{2})\b")


@dataclass(frozen=True)
class LabelledRow:
    """One affiliation string and the ROR IDs it names; an empty `gold` means "no match"."""

    text: str
    gold: frozenset[str]
    split: str = ""


def ror_ids(values) -> frozenset[str]:
    """Nine-character IDs from ROR URLs or bare IDs, several to a value ("https://ror.org/03cve4549;
    https://ror.org/05h33bt13"); anything else (names, `NP`) is dropped."""
    return frozenset(match.group(1) for value in values for match in ROR_ID.finditer(value))


def read_s2aff(path: Path) -> Iterator[LabelledRow]:
    # `labels` is a Python set literal; labels that are names rather than ROR URLs mean "not in ROR".
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            labels = ast.literal_eval(row["labels"]) if row["labels"].strip() else set()
            yield LabelledRow(row["original_affiliation"], ror_ids(labels), row["split"])


def read_affiliation_csv(path: Path) -> Iterator[LabelledRow]:
    """`affiliation,ror_id` CSVs: Crossref assertions and the hand-labelled API logs (`NP` = no match)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            yield LabelledRow(row["affiliation"], ror_ids([row["ror_id"]]), "train")


def read_ror_api_json(path: Path) -> Iterator[LabelledRow]:
    """The ROR API's functional-test files: `ror_ids` (a list, maybe empty) or `ror-id` (one URL)."""
    for item in json.loads(path.read_text(encoding="utf-8")):
        gold = item.get("ror_ids", item.get("ror-id", []))
        yield LabelledRow(item["affiliation"], ror_ids([gold] if isinstance(gold, str) else gold))


def read_chinese_side(path: Path) -> Iterator[LabelledRow]:
    """The Chinese-side development set (`search/data/chinese-side-dev.csv`): the organisation named
    and, where the string also names it, its parent — either counts as right; the split is the class."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            gold = ror_ids(row["ror_ids"].split()) | ror_ids(row["parent_ror_ids"].split())
            yield LabelledRow(row["text"], gold, row["class"])


# The centre's own set, shipped with the product (an absolute path: not under --data-dir).
CHINESE_SIDE = Path(__file__).resolve().parent / "data" / "chinese-side-dev.csv"

DATASETS = {
    "s2aff_gold": ("s2aff_gold.csv", read_s2aff),
    "ror_api_affiliations_2019": ("ror_api_affiliations_2019.json", read_ror_api_json),
    "ror_api_names": ("ror_api_names.json", read_ror_api_json),
    "crossref_2023_train": ("crossref_2023_train.csv", read_affiliation_csv),
    "ror_api_logs_2023_train": ("ror_api_logs_2023_train.csv", read_affiliation_csv),
    "chinese_side_dev": (CHINESE_SIDE, read_chinese_side),
}


def load_dataset(name: str, data_dir: Path = DATA_DIR) -> list[LabelledRow]:
    filename, reader = DATASETS[name]
    return list(reader(data_dir / filename))
