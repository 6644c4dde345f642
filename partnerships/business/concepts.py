"""The bilingual concept lexicon (data/concepts.json) and the walk that finds its concepts in a text.

English is lower-cased, split into words at punctuation-free runs, lightly stemmed (plurals, -ing, -ed,
British spellings) and matched as phrases; Chinese is converted to simplified characters and matched as
substrings, keeping only those that do not straddle two of jieba's words ("储能" is not in "存储能力").
A match inside a longer match is dropped ("battery" in "lithium-ion battery"); the concept's broader
concepts are added at a lower weight instead, so related wording still meets.
"""

import json
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import jieba
from opencc import OpenCC

DATA = Path(__file__).parent / "data" / "concepts.json"

# A broader concept weighs this much of the concept that implies it, per step up the hierarchy.
BROADER_WEIGHT = 0.5
BROADER_DEPTH = 3

_T2S = OpenCC("t2s")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Runs of Chinese with the Latin letters and digits glued to them ("3D打印", "mRNA疫苗", "PCR仪").
_CHINESE_RUN = re.compile(r"[0-9a-z\-]*[\u3400-\u9fff][0-9a-z\-\u3400-\u9fff]*")
# Words, and the punctuation that ends a phrase (a decimal point does not: "PM2.5").
_ENGLISH = re.compile(r"[a-z0-9]+|[,;:!?()\[\]/\n。，；：！？、（）]|(?<!\d)\.|\.(?!\d)")
_BREAK = "|"
# Spelt one way before stemming, so that British and American texts meet.
_SPELLINGS = (
    ("aluminium", "aluminum"),
    ("sulph", "sulf"),
    ("colour", "color"),
    ("fibre", "fiber"),
    ("centre", "center"),
    ("tumour", "tumor"),
    ("mould", "mold"),
    ("orthopaed", "orthoped"),
    ("paediatric", "pediatric"),
    ("haem", "hem"),
    ("anaem", "anem"),
    ("oedema", "edema"),
    ("ageing", "aging"),
    ("litre", "liter"),
    ("metre", "meter"),
    ("programme", "program"),
    ("odour", "odor"),
    ("defence", "defense"),
    ("vapour", "vapor"),
)
_IZE = re.compile(r"is(ation|ations|e|es|ed|ing|er|ers)$")


@dataclass(frozen=True)
class Concept:
    """One idea with the English and Chinese terms it is shown with."""

    id: str
    en: str
    zh: str


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, Concept]
    groups: dict[str, str]
    # concept id → ((ancestor id, weight), ...), nearest first
    ancestors: dict[str, tuple[tuple[str, float], ...]]
    # first stem → ((stems, concept id), ...)
    english: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    chinese: dict[str, str]
    chinese_lengths: tuple[int, ...]


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light, consistent stem: enough to make "batteries"/"battery" and "welding"/"welded" meet."""
    for british, american in _SPELLINGS:
        if word.startswith(british):
            word = american + word[len(british) :]
            break
    if len(word) > 6:
        word = _IZE.sub(r"iz\1", word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("sses"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    stripped = False
    if len(word) > 5 and word.endswith("ing"):
        word, stripped = word[:-3], True
    elif len(word) > 5 and word.endswith("ed"):
        word, stripped = word[:-2], True
    if stripped and len(word) > 3 and word[-1] == word[-2] and word[-1] != "s":
        word = word[:-1]  # "controlled" → "control", "modelling" → "model"
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def english_words(text: str) -> list[str]:
    """Stemmed words of the Latin part of a lower-cased text, with a break at punctuation."""
    text = text.replace("’", "'").replace("'s ", " ")
    return [_BREAK if len(w) == 1 and not w.isalnum() else stem(w) for w in _ENGLISH.findall(text)]


def _is_chinese(term: str) -> bool:
    return bool(_CJK.search(term))


@cache
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    rows = json.loads(DATA.read_text(encoding="utf-8"))["concepts"]
    concepts, groups, parents = {}, {}, {}
    english: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    chinese: dict[str, str] = {}
    for row in rows:
        cid = row["id"]
        concepts[cid] = Concept(cid, row["en"][0], row["zh"][0])
        groups[cid] = row.get("group", "")
        parents[cid] = tuple(row.get("broader", ()))
        for term in row["en"] + [t for t in row["zh"] if not _is_chinese(t)]:
            words = tuple(english_words(term.lower()))
            if words and _BREAK not in words:
                english.setdefault(words[0], []).append((words, cid))
        for term in row["zh"]:
            if _is_chinese(term):
                chinese.setdefault(_T2S.convert(term.lower()), cid)
    ancestors = {cid: _ancestors(cid, parents) for cid in concepts}
    return Lexicon(
        concepts=concepts,
        groups=groups,
        ancestors=ancestors,
        english={first: tuple(sorted(set(v), key=lambda p: (-len(p[0]), p))) for first, v in english.items()},
        chinese=chinese,
        chinese_lengths=tuple(sorted({len(t) for t in chinese}, reverse=True)),
    )


def _ancestors(cid: str, parents: dict[str, tuple[str, ...]]) -> tuple[tuple[str, float], ...]:
    found: dict[str, float] = {}
    frontier, weight = [cid], 1.0
    for _ in range(BROADER_DEPTH):
        weight *= BROADER_WEIGHT
        frontier = sorted({p for c in frontier for p in parents.get(c, ()) if p in parents})
        for p in frontier:
            if p != cid:
                found.setdefault(p, weight)
    return tuple(found.items())


@cache
def _segmenter() -> jieba.Tokenizer:
    """A jieba of our own that knows the lexicon's terms; the shared jieba.dt is left as it is."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for term in sorted(lexicon().chinese):
        tokenizer.add_word(term)
    return tokenizer


def _english_spans(text: str) -> list[tuple[int, int, str]]:
    words, index, spans = english_words(text), lexicon().english, []
    for i, word in enumerate(words):
        for phrase, cid in index.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                spans.append((i, i + len(phrase), cid))
    return spans


def _chinese_spans(text: str) -> list[tuple[int, int, str]]:
    lex, spans = lexicon(), []
    for run_match in _CHINESE_RUN.finditer(text):
        run, offset = run_match.group(), run_match.start()
        # Which jieba word each character belongs to, to reject matches that straddle two words.
        word_of, starts, ends, position = [], set(), set(), 0
        for n, word in enumerate(_segmenter().cut(run, HMM=False)):
            starts.add(position)
            word_of.extend([n] * len(word))
            position += len(word)
            ends.add(position)
        for start in range(len(run)):
            for size in lex.chinese_lengths:
                cid = lex.chinese.get(run[start : start + size]) if start + size <= len(run) else None
                if cid is None:
                    continue
                end = start + size
                # Long terms are specific enough to trust anywhere ("锂电池" in "锂/电池健康状态").
                aligned = size > 2 or (start in starts and end in ends)
                within = size > 1 and word_of[start] == word_of[end - 1]
                if aligned or within:
                    spans.append((offset + start, offset + end, cid))
    return spans


def _outermost(spans: list[tuple[int, int, str]]) -> list[str]:
    """Concepts of the spans not inside a longer span (overlapping spans are both kept)."""
    kept, reach = [], -1
    for _start, end, cid in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        if end > reach:
            kept.append(cid)
            reach = end
    return kept


@lru_cache(maxsize=20_000)
def mentions(text: str) -> dict[str, float]:
    """Concept id → weight for a text: 1 for a concept it names, less for the broader ones implied."""
    text = (text or "").lower()
    if _CJK.search(text):
        text = _T2S.convert(text)
    found = set(_outermost(_english_spans(text))) | set(_outermost(_chinese_spans(text)))
    weights = dict.fromkeys(sorted(found), 1.0)
    ancestors = lexicon().ancestors
    for cid in sorted(found):
        for parent, weight in ancestors[cid]:
            if weights.get(parent, 0.0) < weight:
                weights[parent] = weight
    return weights
