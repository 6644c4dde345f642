"""The evaluation's arithmetic (ROR's definitions) and the readers of the labelled sets."""

import json

import pytest

from partnerships.search.datasets import LabelledRow, load_dataset, ror_ids
from partnerships.search.evaluation import Scores, score_rows


def rows(*pairs):
    return [LabelledRow(text, frozenset(gold)) for text, gold in pairs]


def test_ror_definitions():
    """Right ID: TP. Wrong ID: FP only. No answer where one exists: FN. No answer where none exists: TN.
    Any answer where none exists: FP. A multi-label row is right with any of its labels."""
    answers = {"a": "X", "b": "Y", "c": None, "d": None, "e": "Z", "f": "Q"}
    data = rows(("a", {"X"}), ("b", {"X"}), ("c", {"X"}), ("d", set()), ("e", set()), ("f", {"P", "Q"}))
    scores, errors = score_rows(data, answers.get, loaded={"X", "P", "Q"})
    assert (scores.tp, scores.fp, scores.fn, scores.tn) == (2, 2, 1, 1)
    assert scores.precision == pytest.approx(2 / 4)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert [row.text for row, _ in errors] == ["b", "c", "e"]


def test_rows_naming_unloaded_organisations_are_counted_apart():
    """Only rows whose gold organisation is loaded are scored; answers on the others are counted separately."""
    data = rows(("a", {"X"}), ("b", {"NOTLOADED"}), ("c", {"NOTLOADED"}))
    scores, _ = score_rows(data, {"a": "X", "b": "X", "c": None}.get, loaded={"X"})
    assert (scores.rows, scores.tp, scores.unloaded_rows, scores.unloaded_answered) == (1, 1, 2, 1)


def test_empty_scores_are_zero_not_an_error():
    assert (Scores().precision, Scores().recall, Scores().f1) == (0.0, 0.0, 0.0)


def test_ror_ids_from_urls_bare_ids_and_noise():
    assert ror_ids(["https://ror.org/0064kty71", "03angcq70", "NP", "Some Company"]) == {"0064kty71", "03angcq70"}


def test_ror_ids_several_in_one_value():
    """The API-log CSVs put several IDs in one cell; every one of them is gold."""
    assert ror_ids(["https://ror.org/03cve4549; https://ror.org/05h33bt13"]) == {"03cve4549", "05h33bt13"}


def test_readers(tmp_path):
    """Each set's own format: S2AFF set literals with splits, CSV with `NP`, the two JSON shapes."""
    (tmp_path / "s2aff_gold.csv").write_text(
        "original_affiliation,original_labels_correct,labels,split\n"
        "\"Sun Yat-sen Univ, China\",yes,\"{'https://ror.org/0064kty71', 'https://ror.org/037p24858'}\",train\n"
        "Acme Corp,no,{'Acme Corp'},test\n",
        encoding="utf-8",
    )
    (tmp_path / "ror_api_logs_2023_train.csv").write_text(
        "\ufeffaffiliation,ror_id\nSYSU,https://ror.org/0064kty71\nOptics Group,NP\n", encoding="utf-8"
    )
    (tmp_path / "ror_api_affiliations_2019.json").write_text(
        json.dumps(
            [{"affiliation": "X", "ror_ids": []}, {"affiliation": "Y", "ror_ids": ["https://ror.org/03angcq70"]}]
        )
    )
    (tmp_path / "ror_api_names.json").write_text(
        json.dumps([{"affiliation": "Z", "ror-id": "https://ror.org/03angcq70"}])
    )
    s2aff = load_dataset("s2aff_gold", tmp_path)
    assert s2aff[0].gold == {"0064kty71", "037p24858"} and s2aff[0].split == "train"
    assert s2aff[1].gold == frozenset()
    assert [r.gold for r in load_dataset("ror_api_logs_2023_train", tmp_path)] == [{"0064kty71"}, frozenset()]
    assert [r.gold for r in load_dataset("ror_api_affiliations_2019", tmp_path)] == [frozenset(), {"03angcq70"}]
    assert load_dataset("ror_api_names", tmp_path)[0].gold == {"03angcq70"}


def test_shipped_data_sets_are_in_the_repository():
    """The labelled sets ship with the code, so the evaluation runs on a fresh machine."""
    assert len(load_dataset("s2aff_gold")) == 2364
    assert len(load_dataset("ror_api_logs_2023_train")) == 690
