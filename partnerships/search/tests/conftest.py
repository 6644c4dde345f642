"""A small registry built in the test: enough namesakes and relatives to exercise resolution."""

import pytest

from partnerships.registry.models import RegistryEntry
from partnerships.search.index import clear_index
from tests.conftest import (  # noqa: F401  (fixtures, found by name)
    editor,
    editor_client,
    nobody,
    profile,
    viewer,
    viewer_client,
)


def entry(ror_id, name, *, name_zh="", aliases=(), acronyms=(), city="", country="CN", parents=(), status="active"):
    labels = [{"lang": "zh", "value": name_zh}] if name_zh else []
    relationships = [{"type": "parent", "id": p, "label": ""} for p in parents]
    return RegistryEntry.objects.create(
        ror_id=ror_id,
        name=name,
        name_zh=name_zh,
        aliases=list(aliases),
        acronyms=list(acronyms),
        labels=labels,
        types=["education"],
        status=status,
        city=city,
        country=country,
        relationships=relationships,
        schema_version="2",
        record={},
    )


@pytest.fixture(autouse=True)
def fresh_index():
    """Each test sees the records it made, not an index cached by another test."""
    clear_index()
    yield
    clear_index()


@pytest.fixture
def small_registry(db):
    return {
        "sysu": entry(
            "0064kty71",
            "Sun Yat-sen University",
            name_zh="中山大学",
            aliases=["Zhongshan University"],
            acronyms=["SYSU"],
            city="Guangzhou",
        ),
        "scut": entry(
            "0530pts50",
            "South China University of Technology",
            name_zh="华南理工大学",
            acronyms=["SCUT"],
            city="Guangzhou",
        ),
        "jnu": entry("02xe5ns62", "Jinan University", name_zh="暨南大学", city="Guangzhou"),
        "birmingham": entry(
            "03angcq70", "University of Birmingham", aliases=["Birmingham University"], city="Birmingham", country="GB"
        ),
        "oxford": entry("052gg0110", "University of Oxford", city="Oxford", country="GB"),
        "lab": entry(
            "01bs5br94",
            "State Key Laboratory of Biocontrol",
            city="Guangzhou",
            parents=["0064kty71"],
        ),
    }
