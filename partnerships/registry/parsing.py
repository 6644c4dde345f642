"""Read ROR data files and turn each record, schema v1 or v2, into RegistryEntry field values.

Pure functions, no database: `parse_record()` maps one record, `iter_records()` reads a file.
ROR's records carry real errors (English or pinyin text tagged `lang: zh`, Chinese names with
no language tag, traditional and simplified forms side by side); the rules for choosing the
Chinese name below exist because of them.
"""

import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import hanzidentifier

# The records that ship with the product: schema v2 first, so its copy of an ID wins over v1's.
DATA_DIR = Path(__file__).resolve().parent / "data" / "ror"
SHIPPED_FILES = (DATA_DIR / "ror-v2-cn-hk-mo-gb.jsonl", DATA_DIR / "ror-v1-cn-hk-mo-gb.jsonl")

ROR_URL = "https://ror.org/"
# A ROR ID: a zero, six characters of Crockford base32, a two-digit checksum.
ROR_ID = re.compile(r"^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$")
# The CJK ideograph blocks (unified, extension A, compatibility, extensions B onwards).
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
LATIN = re.compile(r"[A-Za-z]")


class RecordError(ValueError):
    """A record or a file that cannot be read as ROR data; the message says where and why."""


def has_cjk(text: str) -> bool:
    return bool(text and CJK.search(text))


def short_id(value: str) -> str:
    """`https://ror.org/0064kty71` → `0064kty71`; raises RecordError for anything else."""
    ror_id = (value or "").strip().removeprefix(ROR_URL).removeprefix("ror.org/")
    if not ROR_ID.match(ror_id):
        raise RecordError(f"{value!r} is not a ROR ID")
    return ror_id


def parse_record(record: dict) -> dict:
    """One ROR record (schema v2 or v1, detected by its keys) as a dict of RegistryEntry fields."""
    if not isinstance(record, dict):
        raise RecordError(f"a ROR record is a JSON object, not {type(record).__name__}")
    try:
        if isinstance(record.get("names"), list):
            return _parse_v2(record)
        if "name" in record:
            return _parse_v1(record)
    except (KeyError, TypeError, AttributeError) as exc:
        raise RecordError(f"record {record.get('id', '?')}: unexpected shape ({exc!r})") from exc
    raise RecordError(f"record {record.get('id', '?')} has neither `names` (schema v2) nor `name` (schema v1)")


def _parse_v2(record: dict) -> dict:
    names = [
        {"lang": n.get("lang") or "", "types": n.get("types") or [], "value": n["value"].strip()}
        for n in record["names"]
        if (n.get("value") or "").strip()
    ]
    display = next((n["value"] for n in names if "ror_display" in n["types"]), None)
    display = display or next((n["value"] for n in names if "label" in n["types"]), None)
    if not display:
        raise RecordError(f"record {record.get('id', '?')} has no ror_display name")
    others = [n for n in names if n["value"] != display]
    chinese = [(n["lang"], "label" in n["types"], n["value"]) for n in others if "acronym" not in n["types"]]
    location = ((record.get("locations") or [{}])[0] or {}).get("geonames_details") or {}
    links = record.get("links") or []
    return _entry(
        record,
        schema_version="2",
        name=display,
        name_zh=choose_chinese_name(chinese),
        aliases=_unique(n["value"] for n in others if "alias" in n["types"]),
        acronyms=_unique(n["value"] for n in names if "acronym" in n["types"]),
        labels=[{"lang": n["lang"], "value": n["value"]} for n in others if "label" in n["types"]],
        city=location.get("name"),
        province=location.get("country_subdivision_name"),
        country=location.get("country_code"),
        website=next((link["value"] for link in links if link.get("type") == "website"), ""),
    )


def _parse_v1(record: dict) -> dict:
    name = (record["name"] or "").strip()
    if not name:
        raise RecordError(f"record {record.get('id', '?')} has no name")
    labels = [
        {"lang": label.get("iso639") or "", "value": label["label"].strip()}
        for label in record.get("labels") or []
        if (label.get("label") or "").strip()
    ]
    aliases = _unique(record.get("aliases") or [])
    # v1 aliases carry no language; a Chinese one counts only when no label is Chinese.
    chinese = [(label["lang"], True, label["value"]) for label in labels] + [(None, False, a) for a in aliases]
    address = (record.get("addresses") or [{}])[0] or {}
    city = address.get("geonames_city") or {}
    links = record.get("links") or []
    return _entry(
        record,
        schema_version="1",
        name=name,
        name_zh=choose_chinese_name(chinese),
        aliases=aliases,
        acronyms=_unique(record.get("acronyms") or []),
        labels=labels,
        city=address.get("city") or city.get("city"),
        province=(city.get("geonames_admin1") or {}).get("name"),
        country=(record.get("country") or {}).get("country_code"),
        website=links[0] if links else "",
    )


def _entry(record: dict, *, city, province, country, website, **fields) -> dict:
    established = record.get("established")
    return {
        "ror_id": short_id(record.get("id")),
        **fields,
        "city": (city or "").strip(),
        "province": (province or "").strip(),
        "country": (country or "").strip().upper(),
        "website": (website or "").strip(),
        "types": _unique(str(t).lower() for t in record.get("types") or []),
        "status": (record.get("status") or "active").lower(),
        "established": established if isinstance(established, int) and 0 < established < 32768 else None,
        "relationships": [
            {"type": rel["type"].lower(), "id": short_id(rel["id"]), "label": rel.get("label") or ""}
            for rel in record.get("relationships") or []
        ],
        "record": record,
    }


def choose_chinese_name(candidates: Iterable[tuple[str | None, bool, str]]) -> str:
    """The best Chinese name among (lang, is_label, value) candidates, or "".

    Only a value written in Chinese characters counts, whatever its tag says: ROR has English and
    pinyin names tagged `zh`, and Chinese ones with no tag. Preference: tagged `zh`, then
    simplified characters, then no Latin letters mixed in, then labels before aliases, then order.
    """
    ranked = []
    for index, (lang, is_label, value) in enumerate(candidates):
        if has_cjk(value):
            tagged_zh = (lang or "").lower().startswith("zh")
            simplified = hanzidentifier.is_simplified(value)
            ranked.append(
                (not tagged_zh, not simplified, bool(LATIN.search(value)), not is_label, index, value.strip())
            )
    return min(ranked)[-1] if ranked else ""


def _unique(values: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for value in values:
        value = (value or "").strip()
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out


# --- files -------------------------------------------------------------------------------------


def iter_records(path: str | Path) -> Iterator[dict]:
    """Every record in a ROR file: `.jsonl` (streamed), `.json` (one array), or a `.zip` of such a `.json`."""
    path = Path(path)
    if not path.is_file():
        raise RecordError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _iter_jsonl(path)
    elif suffix == ".json":
        with path.open("rb") as handle:
            yield from _json_array(handle, path.name)
    elif suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                member = choose_zip_member(archive.namelist())
                with archive.open(member) as handle:
                    yield from _json_array(handle, f"{path.name}:{member}")
        except zipfile.BadZipFile as exc:
            raise RecordError(f"{path.name}: not a readable zip file ({exc})") from exc
    else:
        raise RecordError(f"{path.name}: expected a .jsonl, .json or .zip file")


def choose_zip_member(names: list[str]) -> str:
    """The JSON file to read in a ROR dump zip: the `schema_v2` one when there are two schemas."""
    candidates = [n for n in names if n.lower().endswith(".json") and not n.startswith("__MACOSX/")]
    if not candidates:
        raise RecordError("the zip file holds no .json file")
    v2 = [n for n in candidates if "schema_v2" in n.lower()]
    if v2:
        return v2[0]
    data = [n for n in candidates if n.lower().endswith("ror-data.json")]
    if len(candidates) == 1 or len(data) == 1:
        return data[0] if data else candidates[0]
    raise RecordError(f"the zip file holds several .json files and none is marked schema_v2: {', '.join(candidates)}")


def _iter_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{path.name}, line {number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise RecordError(f"{path.name}, line {number}: expected a JSON object")
            yield record


def _json_array(handle, name: str) -> Iterator[dict]:
    # ROR's full dump is one array; json.load holds it in memory (about 1–2 GB for ~120k records).
    try:
        data = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RecordError(f"{name}: not valid JSON ({exc})") from exc
    if not isinstance(data, list):
        raise RecordError(f"{name}: expected a JSON array of ROR records, found a {type(data).__name__}")
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise RecordError(f"{name}, item {number}: expected a JSON object")
        yield record
