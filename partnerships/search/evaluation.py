"""Scoring the resolver on labelled strings with ROR's definitions, and on the registry's own names."""

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from opencc import OpenCC

from partnerships.core.normalise import has_chinese, pinyin

from .datasets import LabelledRow
from .index import NameIndex

_S2T = OpenCC("s2t")


@dataclass
class Scores:
    """Counts with ROR's definitions: a wrong ID is a false positive, a missed one a false negative."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    unloaded_rows: int = 0
    unloaded_answered: int = 0

    @property
    def rows(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def precision_all(self) -> float:
        """Precision over every row, an answer for an organisation the registry does not hold counting
        as wrong: what a user of this registry sees."""
        answered = self.tp + self.fp + self.unloaded_answered
        return self.tp / answered if answered else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: frozenset[str], predicted: str | None) -> None:
        if gold:
            if predicted is None:
                self.fn += 1
            elif predicted in gold:
                self.tp += 1
            else:
                self.fp += 1  # a wrong ID; ROR does not also count it as a miss
        elif predicted is None:
            self.tn += 1
        else:
            self.fp += 1


def score_rows(
    rows: Iterable[LabelledRow], predict: Callable[[str], str | None], loaded: set[str]
) -> tuple[Scores, list[tuple[LabelledRow, str | None]]]:
    """Scores over rows whose gold organisation is loaded plus the no-match rows; rows naming an unloaded
    organisation only count how often something (necessarily wrong) was returned. Also returns the errors."""
    scores, errors = Scores(), []
    for row in rows:
        if row.gold and not row.gold & loaded:
            scores.unloaded_rows += 1
            if predict(row.text) is not None:
                scores.unloaded_answered += 1
            continue
        predicted = predict(row.text)
        scores.add(row.gold, predicted)
        if (predicted not in row.gold) if row.gold else predicted is not None:
            errors.append((row, predicted))
    return scores, errors


def registry_name_rows(index: NameIndex) -> list[LabelledRow]:
    """The registry's own Chinese labels, acronyms and aliases, each labelled with its entry."""
    rows = []
    for record in index.names:
        target = index.targets[record.target]
        if not target.ror_id or record.kind not in ("label", "acronym", "alias"):
            continue
        if record.kind == "label" and not has_chinese(record.text):
            continue
        rows.append(LabelledRow(record.text, frozenset({target.ror_id}), record.kind))
    return _dedupe(rows)


def variant_rows(index: NameIndex, *, seed: int = 2026) -> list[LabelledRow]:
    """Variants of the registry's names as people write them: traditional characters, toneless pinyin,
    大学/University dropped, address noise added."""
    rng = random.Random(seed)
    noise = {
        "CN": ["Guangzhou 510080, PR China", "Beijing 100871, China", "Peoples R China"],
        "HK": ["Kowloon, Hong Kong SAR", "Pokfulam, Hong Kong"],
        "MO": ["Taipa, Macau SAR, China"],
        "GB": ["London WC1E 6BT, UK", "Birmingham B15 2TT, United Kingdom"],
    }
    rows = []
    for record in index.names:
        target = index.targets[record.target]
        if not target.ror_id or record.kind not in ("name", "label"):
            continue
        gold = frozenset({target.ror_id})
        text = record.text
        if has_chinese(text):
            rows.append(LabelledRow(_S2T.convert(text), gold, "traditional"))
            rows.append(LabelledRow(pinyin(text), gold, "pinyin"))
            if text.endswith("大学") and len(text) > 4:
                rows.append(LabelledRow(text[:-2], gold, "drop-daxue"))
        else:
            if "University" in text and len(text.split()) > 2:
                dropped = text.replace("University of ", "").replace(" University", "").replace("University ", "")
                rows.append(LabelledRow(dropped.strip(), gold, "drop-university"))
            department = rng.choice(["Department of Chemistry", "School of Medicine", "Dept of Physics"])
            address = rng.choice(noise.get(target.country, ["Somewhere"]))
            rows.append(LabelledRow(f"{department}, {text}, {address}", gold, "address-noise"))
    return _dedupe(rows)


def _dedupe(rows: list[LabelledRow]) -> list[LabelledRow]:
    """A string that several entries share (a real ambiguity) is kept once, with all of them as gold."""
    merged: dict[str, LabelledRow] = {}
    for row in rows:
        seen = merged.get(row.text)
        merged[row.text] = row if seen is None else LabelledRow(row.text, seen.gold | row.gold, seen.split)
    return list(merged.values())


def top1(rows: list[LabelledRow], predict_top: Callable[[str], str | None]) -> float:
    """Share of rows whose best candidate (answered or not) is one of the gold IDs."""
    if not rows:
        return 0.0
    return sum(1 for row in rows if predict_top(row.text) in row.gold) / len(rows)


def throughput(texts: list[str], resolve_one: Callable[[str], object]) -> float:
    """Strings resolved per second, wall-clock."""
    started = time.perf_counter()
    for text in texts:
        resolve_one(text)
    return len(texts) / max(time.perf_counter() - started, 1e-9)
