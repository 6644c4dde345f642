"""The whole shipped registry: its own Chinese labels resolve to themselves, and the eval command runs."""

import io

import pytest
from django.core.management import call_command

from partnerships.search.evaluation import registry_name_rows, top1
from partnerships.search.index import get_index
from partnerships.search.resolver import Resolver

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def shipped_registry():
    call_command("load_ror", stdout=io.StringIO())


def test_chinese_labels_resolve_to_their_entry(shipped_registry):
    """Top-1 on the registry's Chinese labels, acronyms and aliases is at least 0.99."""
    index = get_index(registry_only=True)
    resolver = Resolver(index)

    def best(text):
        candidates = resolver.resolve(text).candidates
        return candidates[0].ror_id if candidates else None

    rows = registry_name_rows(index)
    assert len(rows) > 5000
    assert top1(rows, best) >= 0.99


def test_sun_yat_sen_in_the_shipped_registry(shipped_registry):
    for text in ("中山大学", "中山大學", "Sun Yat-sen Univ, Guangzhou 510275, Peoples R China"):
        assert Resolver(get_index(registry_only=True)).resolve(text).match.ror_id == "0064kty71"


def test_evaluate_matching_prints_the_table(shipped_registry):
    out = io.StringIO()
    call_command("evaluate_matching", "--dataset", "ror_api_logs_2023_train", "--skip-names", stdout=out)
    text = out.getvalue()
    assert "ror_api_logs_2023_train" in text and "Throughput" in text
