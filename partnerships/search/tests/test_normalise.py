"""Text normalisation: both scripts folded into one token stream that names and queries share."""

from partnerships.core.normalise import compact, key, pinyin, segments, simplify, tokens
from partnerships.search.places import country_mentions


def test_casefold_punctuation_and_stopwords():
    """Case, punctuation, accents and little words do not matter."""
    assert key("The University of Birmingham") == key("UNIVERSITY  BIRMINGHAM.") == "university birmingham"
    assert key("Huánán Lǐgōng Dàxué") == "huanan ligong daxue"
    assert key("Xi'an Jiaotong University") == "xian jiaotong university"


def test_abbreviations_expand():
    """Publication abbreviations become the words of registry names."""
    assert key("1st Affil Hosp, Sun Yat-sen Univ") == "first affiliated hospital sun yat sen university"
    assert key("Natl Inst Technol") == key("National Institute of Technology")
    assert key("Chinese Acad Sci") == key("Chinese Academy of Sciences")
    assert key("State Key Lab") == key("State Key Laboratory")
    assert key("Coll Med") == key("College of Medical")


def test_traditional_to_simplified():
    """Traditional characters meet the simplified ones the registry mostly holds."""
    assert simplify("中山大學") == "中山大学"
    assert key("國立臺灣大學") == key("国立台湾大学")


def test_chinese_is_one_token_a_character():
    """A run of Chinese tokens is a substring, so a name can be found inside a longer string."""
    assert tokens("中山大学附属第一医院") == list("中山大学附属第一医院")


def test_pinyin_is_toneless_and_spaced():
    assert pinyin("中山大學") == "zhong shan da xue"
    assert compact(key("Zhongshan Daxue")) == compact(pinyin("中山大学"))


def test_segments_drop_postcodes_and_keep_pinyin_syllables():
    """Postcodes go; the parts of an affiliation are kept apart; stop words stay in the compact form."""
    parts = segments("Dept of Cardiology, Sun Yat-sen Univ, Guangzhou 510080, Peoples R China")
    assert [[folded for _, folded in part] for part, _ in parts] == [
        ["department", "cardiology"],
        ["sun", "yat", "sen", "university"],
        ["guangzhou"],
        ["people", "r", "china"],
    ]
    [(part, compacted)] = segments("shou du shi fan da xue")
    assert compacted == "shoudushifandaxue"


def test_glued_words_are_cut():
    """Copy-paste glues words together: "Peking UniversityShenzhen" and "ofUniversity"."""
    assert key("MacauUniversity of Science") == "macau university science"
    # A department or field glued to the institution that follows it; brand names stay whole.
    assert key("Materials ScienceShandong Normal University") == "material science shandong normal university"
    assert key("ShanghaiTech University") == "shanghaitech university"


def test_apostrophe_with_a_stray_space():
    """ "St. George' s" is "St George's"."""
    assert key("St. George' s, University of London") == key("St George's, University of London")


def test_country_mentions():
    """Countries, Web of Science's spellings and US states are recognised as places."""
    found = country_mentions(tokens("Guangzhou 510080, Peoples R China"))
    assert [code for *_, code in found] == ["CN"]
    assert [code for *_, code in country_mentions(tokens("Acme Widgets Ltd, Ohio"))] == ["US"]
    assert [code for *_, code in country_mentions(tokens("Birmingham B15 2TT, England"))] == ["GB"]
    assert [code for *_, code in country_mentions(tokens("Kowloon, HKSAR"))] == ["HK"]
    assert [code for *_, code in country_mentions(tokens("Guangdong-Hong Kong-Macao Greater Bay Area, China"))] == [
        "CN"
    ]


def test_html_entities_and_glued_of():
    """Strings scraped from web pages keep their entities; "Universityof" loses its glue."""
    assert key("Northwest A&amp;F University") == key("Northwest A&F University")
    assert key("Universityof Oxford") == key("University of Oxford")
