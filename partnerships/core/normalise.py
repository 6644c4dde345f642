"""Text normalisation for matching organisation names: one folded token stream for both scripts.

Latin text is casefolded, stripped of accents and punctuation, and its abbreviations expanded
("1st Affil Hosp" → "first affiliated hospital"); Chinese text is converted to simplified
characters and split one character a token, so that a run of tokens is a substring.
"""

import html
import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

from partnerships.core.pinyin import lazy_pinyin

_T2S = OpenCC("t2s")

# Applied to indexed names and to queries alike, so the two meet in the same spelling.
ABBREVIATIONS = {
    "univ": "university",
    "universiti": "university",
    "universidad": "university",
    "universite": "university",
    "universitat": "university",
    "universita": "university",
    "uni": "university",
    "hosp": "hospital",
    "hosptial": "hospital",
    "inst": "institute",
    "institut": "institute",
    "instituto": "institute",
    "istituto": "institute",
    "coll": "college",
    "natl": "national",
    "nat": "national",
    "lab": "laboratory",
    "labs": "laboratory",
    "laboratories": "laboratory",
    "sci": "science",
    "sciences": "science",
    "technol": "technology",
    "tech": "technology",
    "technologies": "technology",
    "technological": "technology",
    "polytech": "polytechnic",
    "acad": "academy",
    "med": "medical",
    "affil": "affiliated",
    "affiliate": "affiliated",
    "ctr": "center",
    "cent": "center",
    "centre": "center",
    "centres": "center",
    "centers": "center",
    "res": "research",
    "engn": "engineering",
    "eng": "engineering",
    "dept": "department",
    "sch": "school",
    "fac": "faculty",
    "minist": "ministry",
    "int": "international",
    "intl": "international",
    "assoc": "association",
    "soc": "society",
    "fdn": "foundation",
    "corp": "corporation",
    "co": "company",
    "grp": "group",
    "econ": "economics",
    "agr": "agricultural",
    "agric": "agricultural",
    "educ": "education",
    "telecommun": "telecommunication",
    "commun": "communication",
    "comput": "computer",
    "autom": "automation",
    "mech": "mechanical",
    "elect": "electrical",
    "electron": "electronic",
    "phys": "physics",
    "math": "mathematics",
    "biol": "biology",
    "environ": "environmental",
    "bus": "business",
    "poly": "polytechnic",
    "polytechnical": "polytechnic",
    "hlth": "health",
    "mem": "memorial",
    "gen": "general",
    "prov": "provincial",
    "province": "provincial",
    "peoples": "people",
    "tradit": "traditional",
    "chin": "chinese",
    # Web of Science's compass points: "S China Agr Univ", "N China Elect Power Univ", "E China Normal Univ".
    "s": "south",
    "n": "north",
    "e": "east",
    "w": "west",
    "ne": "northeast",
    "nw": "northwest",
    "sw": "southwest",
    "1st": "first",
    "2nd": "second",
    "3rd": "third",
    "4th": "fourth",
    "5th": "fifth",
    "6th": "sixth",
    "7th": "seventh",
    "8th": "eighth",
    "9th": "ninth",
    "10th": "tenth",
}
STOPWORDS = frozenset({"of", "the", "and", "for", "at", "in", "on", "de", "del", "der", "des", "du", "la", "le", "di"})
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
# A Chinese character is a token of its own; a run of other letters and digits is one token, never
# running on into Chinese ("2中山大学" as copied from a PDF is the footnote "2" and 中山大学).
_TOKEN = re.compile(f"[{CJK}]|(?:(?![{CJK}])[^\\W_])+")
_SEGMENT_BREAK = BREAK = re.compile(r"[,;，；、()（）\[\]\n\t|/]+|\s-\s|#TAB#")
# A word in lower case glued to a capitalised one, as in "Peking UniversityShenzhen".
_GLUED = re.compile(r"(?<=[a-z]{2})(?=(?:University|Institute|College|Hospital|School|Academy)\b)")
# …and the name of a department or field glued to what follows: "Materials ScienceShandong Normal University".
_GLUED_AFTER = re.compile(
    r"\b(University|Institute|College|Hospital|Sciences?|Engineering|Technology|Medicine|Chemistry|Physics|"
    r"Department|School|Centre|Center|Laboratory|Academy)(?=[A-Z][a-z]|of\b)"
)
_POSTCODE = re.compile(r"^(?:\d+|[a-z]{1,2}\d[a-z\d]?|\d[a-z]{2}|[a-z]?\d{4,6}[a-z]?)$")
# A six-digit Chinese postcode read by OCR or typed with letters for digits: 51O650, 5l0405, 51OO8O.
_OCR_POSTCODE = re.compile(r"^(?=(?:[^0-9]*[0-9]){3})[0-9oil]{6}$")
_OCR_DIGITS = str.maketrans("oil", "011")


def simplify(text: str) -> str:
    """Traditional Chinese characters to simplified ones; other text unchanged."""
    return _T2S.convert(text) if _CJK_CHAR.search(text) else text


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_chinese(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """One folded token: abbreviation expanded, a plain plural made singular."""
    word = ABBREVIATIONS.get(word, word)
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ics")):
        word = word[:-1]
    return word


def prepare(text: str) -> str:
    """Unicode-normalised, simplified, accent-free text with apostrophes and `&` settled; case kept."""
    text = unicodedata.normalize("NFKC", html.unescape(text or ""))  # "A&amp;F" from scraped pages
    text = _GLUED_AFTER.sub(r"\1 ", _GLUED.sub(" ", text))
    text = simplify(text)
    text = _strip_accents(text)
    text = re.sub(r"(?<=\w)['’`](?:\s(?=s\b))?(?=\w)", "", text)  # Xi'an, King's, "George' s" → Xian, Kings, Georges
    return text.replace("&", " and ")


def tokens(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """Folded tokens of a name: "The Univ. of Birmingham" → ["university", "birmingham"]."""
    out = []
    for raw in _TOKEN.findall(prepare(text).casefold()):
        if not keep_stopwords and raw in STOPWORDS:
            continue
        out.append(fold_word(raw))
    return out


def key(text: str) -> str:
    """The lookup key of a name: its folded tokens joined by spaces."""
    return " ".join(tokens(text))


def compact(key_text: str) -> str:
    """A key without spaces, so that "zhongshan daxue" meets "zhong shan da xue"."""
    return key_text.replace(" ", "")


def is_postcode(token: str) -> bool:
    """A postcode, a footnote number or a number of a street: no part of an organisation's name."""
    return (bool(_POSTCODE.match(token)) and any(c.isdigit() for c in token)) or bool(_OCR_POSTCODE.match(token))


def postcode_digits(token: str) -> str:
    """The digits of a six-digit postcode token, OCR letters read as digits ("51o650" → "510650"); else ""."""
    if len(token) == 6 and _OCR_POSTCODE.match(token):
        return token.translate(_OCR_DIGITS)
    return ""


def postcodes(text: str) -> list[str]:
    """The six-digit postcodes in a string, OCR letters read as digits: "Guangzhou 51O650" → ["510650"]."""
    found = (postcode_digits(raw) for raw in _TOKEN.findall(prepare(text).casefold()))
    return [digits for digits in found if digits]


def pinyin(text: str) -> str:
    """Toneless pinyin of the Chinese characters, one syllable a word: 中山大学 → "zhong shan da xue"."""
    return " ".join(p for p in lazy_pinyin(simplify(text)) if p.strip() and p.isalnum())


def segments(text: str) -> list[tuple[list[tuple[str, str]], str]]:
    """An affiliation string cut where it lists parts (commas, semicolons, brackets, slashes): for each
    part, its (original, folded) tokens without stop words and postcodes, and its compact form with
    the stop words kept (pinyin has syllables such as "du" and "de")."""
    out = []
    for part in _SEGMENT_BREAK.split(prepare(text)):
        toks, every = [], []
        for raw in _TOKEN.findall(part):
            low = raw.casefold()
            folded = fold_word(low)
            if is_postcode(folded):  # after folding, which spells "1st" as "first"
                continue
            every.append(low)
            if low not in STOPWORDS:
                toks.append((raw, folded))
        if toks:
            out.append((toks, "".join(every)))
    return out


def after_of(text: str) -> set[int]:
    """Positions, in the tokens `segments` keeps, of the tokens that follow "of" or "for" in the same
    part: "Tianjin University of Traditional Chinese Medicine" goes on past "Tianjin University"."""
    found, position = set(), 0
    for part in _SEGMENT_BREAK.split(prepare(text)):
        previous = ""
        for raw in _TOKEN.findall(part):
            low = raw.casefold()
            if is_postcode(fold_word(low)):
                continue
            if low not in STOPWORDS:
                if previous in ("of", "for"):
                    found.add(position)
                position += 1
            previous = low
    return found
