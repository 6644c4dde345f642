"""`manage.py load_ror`: the shipped files, a .jsonl, a .json array or a ROR zip; idempotent, all or nothing."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from partnerships.registry.models import RegistryEntry

from .records import record

pytestmark = pytest.mark.django_db


def load_ror(*args) -> str:
    out = io.StringIO()
    call_command("load_ror", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def rows() -> list[dict]:
    return list(RegistryEntry.objects.order_by("ror_id").values())


def test_loads_a_jsonl_file(tmp_path):
    """Each record becomes an entry, v2 and v1 alike, and the summary gives the counts."""
    path = write_jsonl(tmp_path / "ror.jsonl", [record("SYSU"), record("BIRMINGHAM"), record("HUAWEI_LAB")])

    output = load_ror(path)

    assert "3 created, 0 updated, 0 unchanged" in output
    sysu = RegistryEntry.objects.get(pk="0064kty71")
    assert (sysu.name, sysu.name_zh, sysu.schema_version) == ("Sun Yat-sen University", "中山大学", "2")
    assert RegistryEntry.objects.get(pk="000190731").schema_version == "1"


def test_running_twice_changes_nothing(tmp_path):
    """A second load of the same file finds every entry unchanged and writes nothing."""
    path = write_jsonl(tmp_path / "ror.jsonl", [record("SYSU"), record("ZOC"), record("HUAWEI_LAB")])
    load_ror(path)
    before = rows()

    output = load_ror(path)

    assert "0 created, 0 updated, 3 unchanged" in output
    assert rows() == before


def test_a_changed_record_updates_its_entry(tmp_path):
    """A later copy of a record replaces the stored entry's fields."""
    load_ror(write_jsonl(tmp_path / "old.jsonl", [record("SYSU"), record("ZOC")]))
    changed = record("SYSU")
    changed["names"].append({"lang": "en", "types": ["acronym"], "value": "SYSU"})
    changed["admin"]["last_modified"]["date"] = "2026-07-01"

    output = load_ror(write_jsonl(tmp_path / "new.jsonl", [changed, record("ZOC")]))

    assert "0 created, 1 updated, 1 unchanged" in output
    assert RegistryEntry.objects.get(pk="0064kty71").acronyms == ["SYSU"]


def test_an_older_copy_does_not_replace_a_newer_one(tmp_path):
    """A v1 record never replaces a v2 entry, nor an older v2 record a newer one."""
    load_ror(write_jsonl(tmp_path / "v2.jsonl", [record("SYSU")]))
    older = record("SYSU")
    older["admin"]["last_modified"]["date"] = "2020-01-01"
    older["names"][0]["value"] = "Zhongshan University"
    as_v1 = record("HUAWEI_LAB")
    as_v1["id"] = "https://ror.org/0064kty71"

    output = load_ror(write_jsonl(tmp_path / "old.jsonl", [older]))
    output += load_ror(write_jsonl(tmp_path / "v1.jsonl", [as_v1]))

    assert output.count("1 kept") == 2
    entry = RegistryEntry.objects.get(pk="0064kty71")
    assert (entry.name, entry.schema_version) == ("Sun Yat-sen University", "2")


def test_the_first_copy_of_an_id_in_a_load_wins(tmp_path):
    """The same ID twice in one load (v2 then v1, as in the shipped files) keeps the first."""
    as_v1 = record("HUAWEI_LAB")
    as_v1["id"] = "https://ror.org/0064kty71"

    output = load_ror(write_jsonl(tmp_path / "ror.jsonl", [record("SYSU"), as_v1]))

    assert "1 created" in output and "1 repeated IDs skipped" in output
    assert RegistryEntry.objects.get(pk="0064kty71").schema_version == "2"


def test_loads_a_json_array(tmp_path):
    """ROR's full dump is one JSON array of v2 records."""
    path = tmp_path / "v2.9-2026-06-ror-data.json"
    path.write_text(json.dumps([record("SYSU"), record("BIRMINGHAM")]), encoding="utf-8")

    load_ror(path)

    assert sorted(RegistryEntry.objects.values_list("pk", flat=True)) == ["0064kty71", "03angcq70"]


def test_loads_the_schema_v2_file_of_a_ror_zip(tmp_path):
    """A zip with a v1 and a `schema_v2` JSON file is read from the v2 one."""
    path = tmp_path / "v1.50-2024-07-29-ror-data.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("v1.50-2024-07-29-ror-data.json", json.dumps([record("HUAWEI_LAB")]))
        archive.writestr("v1.50-2024-07-29-ror-data_schema_v2.json", json.dumps([record("SYSU"), record("ZOC")]))
        archive.writestr("v1.50-2024-07-29-ror-data.csv", "id,name\n")

    output = load_ror(path)

    assert "2 created" in output
    assert set(RegistryEntry.objects.values_list("schema_version", flat=True)) == {"2"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ror.jsonl", '{"id": "https://ror.org/0064kty71"', "line 3: not valid JSON"),
        ("ror.jsonl", '{"id": "https://ror.org/0064kty71", "status": "active"}', "Record 3: .*neither"),
        ("ror.json", '{"items": []}', "expected a JSON array"),
        ("ror.txt", "", "expected a .jsonl, .json or .zip"),
    ],
)
def test_a_bad_file_writes_nothing(tmp_path, name, content, message):
    """A bad file stops the load with a clear message, and the records before the bad one are not kept."""
    path = tmp_path / name
    good = "".join(json.dumps(r) + "\n" for r in (record("SYSU"), record("ZOC"))) if name.endswith(".jsonl") else ""
    path.write_text(good + content, encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        call_command("load_ror", str(path), "--batch-size", "1", stdout=io.StringIO())

    assert RegistryEntry.objects.count() == 0


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        load_ror(tmp_path / "missing.jsonl")


def test_loads_the_shipped_files():
    """With no PATH: all 2,509 v2 records and the 2,034 records known only in v1; a second run changes nothing."""
    output = load_ror()

    assert RegistryEntry.objects.count() == 2509 + 2034
    assert RegistryEntry.objects.filter(schema_version="2").count() == 2509
    birmingham = RegistryEntry.objects.get(pk="03angcq70")
    assert birmingham.name == "University of Birmingham"
    assert RegistryEntry.objects.get(pk="0064kty71").name_zh == "中山大学"
    assert "4,543 created" in output
    assert "4,543 unchanged" in load_ror()
