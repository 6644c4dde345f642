"""pypinyin, with its phrase dictionary cut to the phrases that change a reading.

pypinyin reads Chinese through a dictionary of 47,000 phrases that it loads at import: about 40 MB
in every process, a sixth of an app worker. A phrase matters only where its reading differs from
its characters' default readings (长春 Chángchūn, not Zhǎngchūn; 重庆 Chóngqìng; 银行 yínháng):
about 8,800 of them, shipped here as `data/pinyin-phrases.json` (derived from pypinyin's own
dictionary, MIT; `data/LICENSE-pypinyin`). The others read the same character by character, so
leaving them out changes nothing but the memory, except where the longest-match segmentation
then splits a run of characters differently: on the 2,577 Chinese names and affiliation strings of
the shipped data, 4 readings changed, 3 of them for the better (院长春 → …yuàn Chángchūn).

Every module that reads pinyin imports it from here (a test holds that), so that this module is
the one that first imports pypinyin. After a pypinyin upgrade, `python -m partnerships.core.pinyin`
writes the file again (a test fails until it matches the installed pypinyin).
"""

import json
import os
import sys
from pathlib import Path

PHRASES = Path(__file__).resolve().parent / "data" / "pinyin-phrases.json"

if "pypinyin" not in sys.modules:  # the variable is read once, when pypinyin is first imported
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")

import pypinyin  # noqa: E402
from pypinyin import Style, lazy_pinyin, pinyin  # noqa: E402
from pypinyin.constants import PHRASES_DICT  # noqa: E402

__all__ = ["Style", "lazy_pinyin", "pinyin", "pinyin_for", "derive_phrases"]

if not PHRASES_DICT:  # the full dictionary was not loaded: add the phrases that matter
    pypinyin.load_phrases_dict(json.loads(PHRASES.read_text(encoding="utf-8")))


def pinyin_for(text: str) -> str:
    """Toneless pinyin, one syllable a word: 中山大学 → "zhong shan da xue"; other text is kept."""
    return " ".join(part.strip() for part in lazy_pinyin(text or "") if any(c.isalnum() for c in part))


def derive_phrases() -> dict[str, list[list[str]]]:
    """The phrases of the installed pypinyin's dictionary that read otherwise than their characters.

    Read from pypinyin's JSON files rather than its modules, which this process has loaded
    without the phrases."""
    package = Path(pypinyin.__file__).resolve().parent
    singles = json.loads((package / "pinyin_dict.json").read_text(encoding="utf-8"))
    phrases = json.loads((package / "phrases_dict.json").read_text(encoding="utf-8"))

    def default(character: str) -> str | None:
        readings = singles.get(str(ord(character)))
        return readings.split(",")[0] if readings else None

    return {
        phrase: readings
        for phrase, readings in sorted(phrases.items())
        if len(readings) != len(phrase)
        or any(default(character) != reading[0] for character, reading in zip(phrase, readings, strict=False))
    }


if __name__ == "__main__":
    PHRASES.write_text(json.dumps(derive_phrases(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {PHRASES}")
