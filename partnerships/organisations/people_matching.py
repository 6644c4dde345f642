"""How alike two people are: the one comparison behind the duplicates page and the person form's "did you mean…?".

Names are compared after the folding used for organisation names (case, accents, punctuation), in
either order ("LI Wei" is "Wei Li"), run together ("Xiao Ming" is "Xiaoming"), and across scripts:
a Chinese name is read as pinyin, so 王小明 meets "Wang Xiaoming" (a family name with several
readings is tried with each: 曾 is "Zeng" as well as "Ceng"). Two different Chinese names are two
people however alike they romanise: 王小明 and 王晓明 are both "Wang Xiaoming".

What counts as evidence where is the callers' business: the duplicates page counts names only at a
shared organisation (a large register holds many a "Li Wei"), the form counts a typed name anywhere.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from partnerships.core.normalise import compact, has_chinese, simplify, tokens
from partnerships.core.pinyin import Style, lazy_pinyin
from partnerships.core.pinyin import pinyin as readings

FUZZY_MIN = 90  # rapidfuzz token_sort_ratio of two Latin names, out of 100
MAX_READINGS = 4  # of a Chinese family name (单 is Dan, Shan or Chan)

# Weight of each kind of evidence; several pieces combine as 1 - Π(1 - w).
SAME_EMAIL = 0.95
SAME_CHINESE_PERSON = 0.85  # at a shared organisation, as are the next three
SAME_LATIN_PERSON = 0.85
SAME_PINYIN_PERSON = 0.8
SIMILAR_LATIN_PERSON = 0.75  # scaled by the similarity
SAME_NAME_ANYWHERE = 0.6  # an equal name with no organisation in common

EMAIL, CHINESE, LATIN, PINYIN, SIMILAR = "email", "chinese", "latin", "pinyin", "similar"
NAME_KINDS = frozenset({CHINESE, LATIN, PINYIN})  # an equal name, in whichever script


def email_key(email: str) -> str:
    return (email or "").strip().casefold()


def chinese_key(name_zh: str) -> str:
    """Simplified characters without spaces: 王 曉明 is 王晓明."""
    return simplify("".join((name_zh or "").split()))


def romanised(text: str) -> str:
    """Chinese characters typed into a Latin name field read as pinyin; other text unchanged."""
    return " ".join(lazy_pinyin(simplify(text), v_to_u=True)) if has_chinese(text) else text


def pinyin_spellings(chinese: str) -> frozenset[str]:
    """A Chinese name in run-together pinyin, once per reading of its first character (the family name)."""
    if not chinese:
        return frozenset()
    first = readings(chinese[0], style=Style.NORMAL, heteronym=True, v_to_u=True)[0][:MAX_READINGS]
    rest = " ".join(lazy_pinyin(chinese[1:], v_to_u=True))
    return frozenset(compact(" ".join(tokens(f"{reading} {rest}", keep_stopwords=True))) for reading in first)


@dataclass(frozen=True)
class PersonKeys:
    """The normalised forms of one person's names and e-mail that matching compares, and how to show them."""

    email: str
    chinese: str
    latin: str  # folded Latin words in alphabetical order
    spellings: frozenset[str]  # Latin name run together, family name first and last
    pinyin: frozenset[str]  # Chinese name run together in pinyin
    words: frozenset[str]  # Latin words and pinyin syllables, for grouping people to compare
    latin_name: str
    name_zh: str

    @classmethod
    def of(cls, person) -> "PersonKeys":
        """From anything with a person's name fields: a saved Person, or one built from a form."""
        family = tokens(romanised(person.family_name or ""), keep_stopwords=True)
        given = tokens(romanised(person.given_name or ""), keep_stopwords=True)
        chinese = chinese_key(person.name_zh)
        syllables = tokens(" ".join(lazy_pinyin(chinese, v_to_u=True)), keep_stopwords=True) if chinese else []
        return cls(
            email=email_key(person.email),
            chinese=chinese,
            latin=" ".join(sorted(family + given)),
            spellings=frozenset({compact(" ".join(family + given)), compact(" ".join(given + family))} - {""}),
            pinyin=pinyin_spellings(chinese),
            words=frozenset(family + given + syllables),
            latin_name=person.latin_name,
            name_zh=person.name_zh or "",
        )


@dataclass(frozen=True)
class Match:
    """One way two people agree; `similarity` (out of 100) for similar names."""

    kind: str
    similarity: int = 100


def compare(a: PersonKeys, b: PersonKeys) -> list[Match]:
    """Every way the two agree, e-mail first; names that conflict (two different Chinese names) agree on nothing."""
    found = []
    if a.email and a.email == b.email:
        found.append(Match(EMAIL))
    if a.chinese and b.chinese:
        if a.chinese != b.chinese:
            return found  # two people who romanise alike
        found.append(Match(CHINESE))
    if a.latin and b.latin and (a.latin == b.latin or a.spellings & b.spellings):
        found.append(Match(LATIN))
    elif not (a.chinese and b.chinese) and (a.pinyin & b.spellings or b.pinyin & a.spellings):
        found.append(Match(PINYIN))
    elif a.latin and b.latin:
        similarity = int(fuzz.token_sort_ratio(a.latin, b.latin))
        if similarity >= FUZZY_MIN:
            found.append(Match(SIMILAR, similarity))
    return found


# The evidence about two people, as a code and its parameters: the duplicates page stores these and
# puts them into words in the reader's language. An equal name counts for more at a shared organisation.
REASONS = {
    "email": _("Same e-mail address (%(email)s)"),
    "chinese-at": _("Same Chinese name (%(name)s) at the same organisation (%(organisation)s)"),
    "chinese": _("Same Chinese name (%(name)s)"),
    "latin-at": _("Same name (%(name)s) at the same organisation (%(organisation)s)"),
    "latin": _("Same name (%(name)s)"),
    "pinyin-at": _(
        "Same name in Chinese characters and in pinyin (%(name)s, %(other)s) at the same organisation (%(organisation)s)"
    ),
    "pinyin": _("Same name in Chinese characters and in pinyin (%(name)s, %(other)s)"),
    "similar-at": _("Similar names (%(name)s, %(other)s) at the same organisation (%(organisation)s)"),
}


def evidence(match: Match, a: PersonKeys, b: PersonKeys, organisation=None) -> tuple[str, dict, float] | None:
    """The evidence as (code, parameters, weight); `organisation` stands for one both are at (its name, or its
    ID for the duplicates page, which names it when shown). Similar names say nothing without one (None)."""
    at = {"organisation": organisation} if organisation else {}
    if match.kind == EMAIL:
        return "email", {"email": a.email}, SAME_EMAIL
    if match.kind == CHINESE:
        if at:
            return "chinese-at", {"name": a.chinese, **at}, SAME_CHINESE_PERSON
        return "chinese", {"name": a.chinese}, SAME_NAME_ANYWHERE
    if match.kind == LATIN:
        if at:
            return "latin-at", {"name": a.latin_name, **at}, SAME_LATIN_PERSON
        return "latin", {"name": a.latin_name}, SAME_NAME_ANYWHERE
    if match.kind == PINYIN:
        chinese, latin = (a, b) if a.pinyin & b.spellings else (b, a)
        names = {"name": chinese.name_zh, "other": latin.latin_name}
        if at:
            return "pinyin-at", {**names, **at}, SAME_PINYIN_PERSON
        return "pinyin", names, SAME_NAME_ANYWHERE
    if match.kind == SIMILAR and at:
        names = {"name": a.latin_name, "other": b.latin_name}
        return "similar-at", {**names, **at}, SIMILAR_LATIN_PERSON * match.similarity / 100
    return None


def describe(match: Match, a: PersonKeys, b: PersonKeys, organisation: str | None = None) -> tuple[str, float] | None:
    """The evidence, in the reader's language, and its weight; `organisation` names one both are at."""
    found = evidence(match, a, b, organisation)
    if found is None:
        return None
    code, params, weight = found
    return REASONS[code] % params, weight
