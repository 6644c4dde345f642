"""Text analysis for the global search: the tokens a record is indexed under and the query made of a
search string. Both sides go through the same normalisation (`normalise.prepare`: NFKC, traditional →
simplified, accents stripped), so 中山大學 meets 中山大学 and "zhōngshān" meets "zhongshan".

A record's document holds, for Latin text, each word as written and as folded ("univ" and
"university"); for Chinese text, every character, every two-character run (so a part such as 中山 or
山大 matches), the words jieba finds, and, for names, pinyin (syllables, whole words, the whole name)
and initials ("zsdx"), plus abbreviation keys made of the first character of each word (中山大学 → 中大).
"""

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

import jieba

from partnerships.core.normalise import CJK, STOPWORDS, fold_word, prepare
from partnerships.core.pinyin import Style, lazy_pinyin

jieba.setLogLevel(logging.WARNING)

_WORD = re.compile(f"[{CJK}]+|[^\\W_]+")
_CJK_RUN = re.compile(f"^[{CJK}]+$")
# Generic heads of Chinese organisation names, dropped to make a short form (华南理工大学 → 华南理工).
_ZH_HEADS = ("大学", "学院", "医院", "研究所", "研究院", "公司", "中心")
MAX_TERM = 100


def _words(text: str) -> list[str]:
    return _WORD.findall(prepare(str(text)).casefold())


def _is_chinese(word: str) -> bool:
    return bool(_CJK_RUN.match(word))


@lru_cache(maxsize=4096)
def fine_segments(run: str) -> tuple[str, ...]:
    """A Chinese run cut into its smallest dictionary words: 中山大学 → 中山 · 大学, 华南理工大学 → 华南 · 理工 · 大学."""
    out = []
    for word in jieba.lcut(run, HMM=False):
        i = 0
        while i < len(word):
            # Two-character words first: organisation names are built of them, and their initials make
            # the usual abbreviations.
            for size in (2, 3, 1):
                piece = word[i : i + size]
                if size == 1 or (len(piece) == size and piece != word and jieba.dt.FREQ.get(piece)):
                    break
            if len(word) <= 2:
                piece = word
            out.append(piece)
            i += len(piece)
    return tuple(out)


def _pinyin(text: str) -> list[str]:
    return [p for p in lazy_pinyin(text) if p.isalnum()]


def _initials(text: str) -> str:
    return "".join(p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER) if p.isalnum())


def abbreviations(run: str) -> set[str]:
    """Chinese abbreviation keys: the first character of each word, and the name without its generic
    head (中山大学 → 中大, 中山; 华南理工大学 → 华理大, 华南理工). Irregular abbreviations (华工, 清华)
    are for the record's acronyms or aliases."""
    segments = fine_segments(run)
    keys = set()
    if len(segments) >= 2 and all(len(s) >= 2 for s in segments[:-1]):
        keys.add("".join(s[0] for s in segments))
    for head in _ZH_HEADS:
        if run.endswith(head) and len(run) - len(head) >= 2:
            keys.add(run[: -len(head)])
    keys.discard(run)
    return keys


def _chinese_tokens(run: str, *, name: bool) -> set[str]:
    out = set(run)
    out.update(run[i : i + 2] for i in range(len(run) - 1))
    out.update(w for w in jieba.lcut_for_search(run) if len(w) >= 2)
    for word in jieba.lcut(run):
        if len(word) >= 3:
            out.update(abbreviations(word))
    if name:
        syllables = _pinyin(run)
        out.update(syllables)
        out.add("".join(syllables))
        out.add(_initials(run))
        out.update("".join(_pinyin(seg)) for seg in fine_segments(run) if len(seg) >= 2)
        out.update("".join(_pinyin(word)) for word in jieba.lcut(run) if len(word) >= 2)
        out.update(abbreviations(run))
    return out


def name_keys(name: str) -> set[str]:
    """The compact forms a name is matched exactly or by prefix: "Sun Yat-sen University" →
    "sunyatsenuniversity"; 中山大学 → 中山大学, 中大, zhongshandaxue, zsdx."""
    words = [w for w in _words(name) if w not in STOPWORDS]
    keys = set()
    if words:
        keys.add("".join(words))
        keys.add("".join(fold_word(w) for w in words))
    chinese = "".join(w for w in words if _is_chinese(w))
    if chinese and len(chinese) == len("".join(words)):
        keys.add("".join(_pinyin(chinese)))
        keys.add(_initials(chinese))
        keys.update(abbreviations(chinese))
    return {k[:MAX_TERM] for k in keys if k}


def document_tokens(names, texts) -> set[str]:
    """Every token a record is found under, from its names (with pinyin) and its other text."""
    out = set()
    for values, is_name in ((names, True), (texts, False)):
        for value in values:
            for word in _words(value):
                if _is_chinese(word):
                    out.update(_chinese_tokens(word, name=is_name))
                else:
                    out.add(word)
                    out.add(fold_word(word))
            if is_name:
                out.update(name_keys(value))
    return {t[:MAX_TERM] for t in out if t}


def is_latin(token: str) -> bool:
    return not _CJK_RUN.search(token) and not any(ord(c) > 0x2FFF for c in token)


@dataclass
class Group:
    """One word of the query: it matches when any option matches, an option when all its tokens do.
    Latin options match as prefixes ("zhongs" finds "zhongshan"); `fuzzy` holds near spellings."""

    options: list[tuple[str, ...]]
    prefix: bool
    fuzzy: list[str] = field(default_factory=list)
    word: str = ""


@dataclass
class Query:
    text: str
    key: str  # compact: the whole query without spaces, for exact and prefix ranking
    groups: list[Group]

    @property
    def latin_words(self) -> list[str]:
        return [g.word for g in self.groups if g.prefix and len(g.word) >= 4]


def parse_query(text: str) -> Query:
    """The query a search string means: every word must match (Chinese as a run of characters or as jieba
    words, Latin as written or folded, as a prefix)."""
    groups = []
    words = [w for w in _words(text) if w not in STOPWORDS]
    for word in words:
        if _is_chinese(word):
            grams = tuple(word[i : i + 2] for i in range(len(word) - 1)) or (word,)
            segmented = tuple(w for w in jieba.lcut(word) if w)
            options = list(dict.fromkeys([grams, segmented, (word,)]))
            groups.append(Group(options=options, prefix=False, word=word))
        else:
            options = list(dict.fromkeys([(word,), (fold_word(word),)]))
            groups.append(Group(options=options, prefix=True, word=word))
    return Query(text=text, key="".join(words)[:MAX_TERM], groups=groups)


def group_matches(group: Group, tokens: set[str], *, strict: bool = True) -> bool:
    """Whether a record's tokens satisfy one query word (strict: without the near spellings)."""
    for option in group.options:
        if group.prefix:
            if all(any(t.startswith(o) for t in tokens) for o in option):
                return True
        elif all(o in tokens for o in option):
            return True
    return not strict and any(f in tokens for f in group.fuzzy)


def document_matches(group: Group, document: str) -> bool:
    """`group_matches` (strict) on a stored document, " token token … ", by substring search: a token
    begins with `o` when " o" occurs in it, and is `o` when " o " does (no token holds a space)."""
    return any(all((f" {o}" if group.prefix else f" {o} ") in document for o in option) for option in group.options)
