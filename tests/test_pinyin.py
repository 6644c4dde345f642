"""pypinyin loaded with only the phrases that change a reading (partnerships/core/pinyin.py)."""

import ast
from pathlib import Path

from pypinyin.constants import PHRASES_DICT

from partnerships.core.pinyin import PHRASES, derive_phrases, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_phrases_are_those_of_the_installed_pypinyin():
    import json

    assert json.loads(PHRASES.read_text(encoding="utf-8")) == derive_phrases(), (
        "pypinyin changed: run `python -m partnerships.core.pinyin` and commit the file"
    )


def test_the_process_holds_the_short_dictionary_not_the_whole_one():
    # 47,000 phrases when something imported pypinyin before partnerships.core.pinyin did.
    assert 5_000 < len(PHRASES_DICT) < 15_000


def test_phrases_that_change_a_reading_still_read_right():
    assert lazy_pinyin("长春") == ["chang", "chun"]
    assert lazy_pinyin("重庆大学") == ["chong", "qing", "da", "xue"]
    assert lazy_pinyin("中国银行") == ["zhong", "guo", "yin", "hang"]
    assert lazy_pinyin("厦门大学") == ["xia", "men", "da", "xue"]
    assert lazy_pinyin("中山大学") == ["zhong", "shan", "da", "xue"]


def test_only_the_wrapper_imports_pypinyin():
    offenders = []
    for path in (ROOT / "partnerships").rglob("*.py"):
        if path.name == "pinyin.py" and path.parent.name == "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if any(name.split(".")[0] == "pypinyin" for name in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
