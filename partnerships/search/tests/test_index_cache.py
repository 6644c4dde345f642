"""The resolver's cached index: seen to be stale after any write, rebuilt without rereading what did not change."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.organisations.models import Organisation
from partnerships.registry.services import registry_load
from partnerships.search.index import get_index
from partnerships.search.resolver import resolve

from .conftest import entry


def _record(ror_id: str, name: str) -> dict:
    return {
        "id": f"https://ror.org/{ror_id}",
        "names": [{"value": name, "types": ["ror_display", "label"], "lang": "en"}],
        "status": "active",
        "types": ["education"],
        "locations": [{"geonames_details": {"name": "Guangzhou", "country_code": "CN"}}],
        "admin": {"last_modified": {"date": "2026-01-01", "schema_version": "2.1"}},
    }


def test_registry_updated_in_place_is_seen(db):
    """Loading a changed copy of a record (same number of entries) makes the next lookup rebuild."""
    registry_load([_record("0064kty71", "Sun Yat-sen University")])
    assert resolve("Sun Yat-sen University", registry_only=True).match is not None
    renamed = _record("0064kty71", "Zhongshan Polytechnic Academy")
    renamed["admin"]["last_modified"]["date"] = "2026-06-01"
    registry_load([renamed])
    assert resolve("Zhongshan Polytechnic Academy", registry_only=True).match.ror_id == "0064kty71"


def test_organisation_edit_rebuilds_without_rereading_the_registry(small_registry):
    first = get_index()
    organisation = Organisation.objects.create(name_en="Guangzhou Lab of Sea Cucumbers")
    with CaptureQueriesContext(connection) as queries:
        second = get_index()
    assert second is not first
    assert not any("registry_registryentry" in q["sql"] and "SELECT" in q["sql"] and "COUNT" not in q["sql"]
                   for q in queries.captured_queries)  # fmt: skip
    assert resolve("Guangzhou Lab of Sea Cucumbers").match.organisation_id == organisation.pk
    assert resolve("中山大学").match.ror_id == "0064kty71"


def test_a_new_entry_is_seen(small_registry):
    get_index()
    entry("02xe5ns63", "Guangzhou Institute of Sea Cucumbers", city="Guangzhou")
    assert resolve("Guangzhou Institute of Sea Cucumbers", registry_only=True).match.ror_id == "02xe5ns63"
