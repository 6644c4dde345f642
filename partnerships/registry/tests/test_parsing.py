"""Turning real ROR records, schema v2 and v1, into registry entry fields."""

import zipfile

import pytest

from partnerships.registry.parsing import (
    RecordError,
    choose_chinese_name,
    choose_zip_member,
    iter_records,
    parse_record,
    short_id,
)

from .records import record


def test_v2_record_gives_every_field():
    """Sun Yat-sen University (schema v2): display name, Chinese label, place, website, relationships."""
    original = record("SYSU")

    entry = parse_record(original)

    assert entry["ror_id"] == "0064kty71"
    assert entry["schema_version"] == "2"
    assert entry["name"] == "Sun Yat-sen University"
    assert entry["name_zh"] == "中山大学"
    assert entry["aliases"] == []
    assert entry["acronyms"] == []
    assert entry["labels"] == [{"lang": "zh", "value": "中山大学"}]
    assert entry["types"] == ["education", "funder"]
    assert entry["status"] == "active"
    assert (entry["city"], entry["province"], entry["country"]) == ("Guangzhou", "Guangdong", "CN")
    assert entry["website"] == "https://www.sysu.edu.cn"
    assert entry["established"] == 1924
    assert len(entry["relationships"]) == 19
    assert {
        "type": "child",
        "id": "02z2yec16",
        "label": "Zhongshan Ophthalmic Center, Sun Yat-sen University",
    } in entry["relationships"]
    assert entry["record"] == record("SYSU")


def test_v2_record_without_chinese_name():
    """The University of Birmingham has a Welsh label and an English alias, and no Chinese name."""
    entry = parse_record(record("BIRMINGHAM"))

    assert entry["name"] == "University of Birmingham"
    assert entry["name_zh"] == ""
    assert entry["aliases"] == ["Birmingham University"]
    assert entry["labels"] == [{"lang": "cy", "value": "Prifysgol Birmingham"}]
    assert (entry["city"], entry["province"], entry["country"]) == ("Birmingham", "England", "GB")
    assert entry["website"] == "http://www.birmingham.ac.uk/index.aspx"
    assert {"type": "child", "id": "05c24ew78", "label": "Walsall College"} in entry["relationships"]


def test_v2_acronyms_and_parent():
    """Zhongshan Ophthalmic Center: an acronym, an alias, and SYSU as parent; no subdivision means no province."""
    entry = parse_record(record("ZOC"))

    assert entry["acronyms"] == ["ZOC"]
    assert entry["aliases"] == ["Zhongshan Ophthalmic Center"]
    assert entry["name_zh"] == "中山大学眼科中心"
    assert entry["province"] == ""
    assert entry["relationships"] == [{"type": "parent", "id": "0064kty71", "label": "Sun Yat-sen University"}]


def test_english_alias_tagged_zh_is_not_the_chinese_name():
    """Guangzhou Huali College has an English alias tagged `lang: zh`; the Chinese name is the Chinese label."""
    entry = parse_record(record("HUALI"))

    assert entry["name_zh"] == "广州华立学院"
    assert entry["aliases"] == ["Huali College of Guangdong University of Technology", "广东工业大学华立学院"]


def test_v1_record_gives_every_field():
    """A Huawei laboratory known only in schema v1: capitalised types and relationship types are lowered."""
    entry = parse_record(record("HUAWEI_LAB"))

    assert entry["ror_id"] == "000190731"
    assert entry["schema_version"] == "1"
    assert entry["name"] == "State Key Laboratory of Wireless Communication Access Technology"
    assert entry["name_zh"] == "无线通信接入技术国家重点实验室"
    assert entry["aliases"] == ["State Key Lab of Wireless Communication Access Technology"]
    assert entry["labels"] == [{"lang": "zh", "value": "无线通信接入技术国家重点实验室"}]
    assert entry["types"] == ["facility"]
    assert (entry["city"], entry["province"], entry["country"]) == ("Shenzhen", "Guangdong", "CN")
    assert entry["website"] == ""
    assert entry["established"] is None
    assert entry["relationships"] == [{"type": "parent", "id": "00cmhce21", "label": "Huawei Technologies (China)"}]


def test_v1_chinese_alias_counts_when_no_label_is_chinese():
    """v1 aliases carry no language: a Chinese one becomes the Chinese name only when no label offers one."""
    data = record("HUAWEI_LAB")
    data["labels"] = []
    data["aliases"].append("无线通信接入技术国家重点实验室")

    assert parse_record(data)["name_zh"] == "无线通信接入技术国家重点实验室"


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        ([("zh", False, "Xiàmén Dàxué"), ("zh", True, "厦门大学")], "厦门大学"),  # pinyin tagged zh is skipped
        ([("zh", True, "Tiānmùshān Shíyànshì")], ""),  # nothing in Chinese characters
        ([("zh", True, "上海體育大學"), ("zh", False, "上海体育大学")], "上海体育大学"),  # simplified first
        ([("", True, "青岛市海慈医疗集团")], "青岛市海慈医疗集团"),  # untagged but Chinese
        ([("", True, "华大精准营养科技 (China)"), ("", True, "华大精准营养科技")], "华大精准营养科技"),
        ([("en", True, "寒武纪"), ("zh", True, "北京中科寒武纪科技有限公司")], "北京中科寒武纪科技有限公司"),
        ([("zh", False, "厦门市科技局"), ("zh", True, "厦门科学技术局")], "厦门科学技术局"),  # label before alias
    ],
)
def test_choose_chinese_name(candidates, expected):
    """The Chinese name must be written in Chinese characters, tagged zh if possible, simplified if possible."""
    assert choose_chinese_name(candidates) == expected


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"id": "https://ror.org/0064kty71"},
        {"id": "not-a-ror-id", "name": "Somewhere"},
        {"id": "https://ror.org/0064kty71", "names": [{"lang": "en", "types": ["alias"], "value": "Only an alias"}]},
    ],
)
def test_unreadable_records_are_refused(bad):
    """A record that is not an object, has no name or no valid ID raises RecordError."""
    with pytest.raises(RecordError):
        parse_record(bad)


def test_short_id():
    assert short_id("https://ror.org/03angcq70") == "03angcq70"
    assert short_id("03angcq70") == "03angcq70"
    with pytest.raises(RecordError):
        short_id("https://ror.org/")


def test_zip_member_prefers_schema_v2():
    """ROR's zips of 2024 hold a v1 and a v2 file; the v2 one is read. Newer zips hold one JSON file."""
    both = ["v1.50-2024-07-29-ror-data.json", "v1.50-2024-07-29-ror-data_schema_v2.json", "v1.50-ror-data.csv"]
    assert choose_zip_member(both) == "v1.50-2024-07-29-ror-data_schema_v2.json"
    assert (
        choose_zip_member(["v2.1-2025-01-ror-data.json", "v2.1-2025-01-ror-data.csv"]) == "v2.1-2025-01-ror-data.json"
    )
    with pytest.raises(RecordError, match="no .json"):
        choose_zip_member(["readme.txt"])
    with pytest.raises(RecordError, match="several"):
        choose_zip_member(["a.json", "b.json"])


def test_iter_records_refuses_unknown_files(tmp_path):
    (tmp_path / "records.csv").write_text("id\n")
    (tmp_path / "broken.zip").write_bytes(b"not a zip")
    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as archive:
        archive.writestr("notes.txt", "")

    for name, message in [
        ("records.csv", "expected a .jsonl, .json or .zip"),
        ("missing.jsonl", "no such file"),
        ("broken.zip", "not a readable zip"),
        ("empty.zip", "no .json"),
    ]:
        with pytest.raises(RecordError, match=message):
            list(iter_records(tmp_path / name))
