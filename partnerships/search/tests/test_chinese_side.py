"""What Guangzhou actually writes: footnote markers, OCR'd postcodes, compass abbreviations, Taiwan's
namesakes, the short forms people say, names the registry lacks or gets wrong (issue 13's classes)."""

import pytest

from partnerships.core.normalise import postcodes, segments
from partnerships.search import index as index_module
from partnerships.search.index import CuratedName
from partnerships.search.resolver import resolve

from .conftest import entry

SYSU, SCAU, CUHK, GDPH = "0064kty71", "05v9jqt67", "00t33hh48", "045kpgw45"


@pytest.fixture
def curated(monkeypatch):
    """Curated names for the test registry, in place of the shipped file."""
    names = [
        CuratedName("scau", SCAU, "华农", "short"),
        CuratedName("sysu", SYSU, "中大", "short"),
        CuratedName("cuhk", CUHK, "中大", "short"),
        CuratedName("cuhk", CUHK, "香港中文大學", "name", "zh-Hant"),
        CuratedName("gdph", GDPH, "广东省人民医院", "name", "zh-Hans"),
        CuratedName("gdph", GDPH, "广东省第二人民医院", "not", "zh-Hans"),
        CuratedName("gzhmu", "", "广州医科大学", "name", "zh-Hans"),
        CuratedName("gzhmu", "", "Guangzhou Medical University", "name", "en"),
        CuratedName("sysu-memorial", "", "中山大学孙逸仙纪念医院", "name", "zh-Hans"),
        CuratedName("scau-zhujiang", "", "华南农业大学珠江学院", "name", "zh-Hans"),
    ]
    monkeypatch.setattr(index_module, "shipped_names", lambda: tuple(names))
    return names


@pytest.fixture
def registry(small_registry, curated):
    entry(SCAU, "South China Agricultural University", name_zh="华南农业大学", city="Guangzhou")
    entry(CUHK, "Chinese University of Hong Kong", acronyms=["CUHK"], city="Hong Kong", country="HK")
    entry(GDPH, "Guangdong Provincial People's Hospital", name_zh="广东省第二人民医院", city="Guangzhou")
    entry("03s8txj32", "Guangzhou University", name_zh="广州大学", city="Guangzhou")
    return small_registry


def answer(text):
    result = resolve(text, registry_only=True)
    return result.match.ror_id if result.match else None


@pytest.mark.parametrize(
    "text",
    [
        "2中山大学",
        "1．中山大学",
        "³中山大学 生命科学学院",
        "(1.State Key Laboratory of Biocontrol, Sun Yat-sen University, Guangzhou 510275, China",
        "SYSU中山大学",
        "Sun Yat-sen Univ, Guangzhou 5l0275, Peoples R China",
    ],
)
def test_markers_and_ocr_postcodes_are_not_part_of_the_name(registry, text):
    assert answer(text) == SYSU


def test_ocr_postcodes_are_read_as_postcodes_and_not_as_words():
    assert postcodes("Guangzhou 51O650, China; 5l0405") == ["510650", "510405"]
    words = [folded for part, _ in segments("Guangzhou 51O650") for _, folded in part]
    assert words == ["guangzhou"]


def test_compass_abbreviations_as_web_of_science_writes_them(registry):
    assert answer("S China Agr Univ, Coll Resources & Environm, Guangzhou 510642, Peoples R China") == SCAU


@pytest.mark.parametrize(
    "text",
    ["國立中山大學", "National Sun Yat-sen University, Kaohsiung", "Sun Yat-sen University, Taipei"],
)
def test_taiwan_namesakes_are_not_answered_with_the_mainland_university(registry, text):
    result = resolve(text, registry_only=True)
    assert result.match is None, result.reasons


def test_a_short_form_people_say_resolves(registry):
    assert answer("华农") == SCAU
    assert answer("华农 资源环境学院") == SCAU


def test_a_short_form_with_two_readings_gives_candidates_unless_the_context_decides(registry):
    ambiguous = resolve("中大", registry_only=True)
    assert ambiguous.match is None
    assert {c.ror_id for c in ambiguous.candidates} == {SYSU, CUHK}
    assert answer("中大，广州") == SYSU  # the city in Chinese
    assert answer("中大, 510275") == SYSU  # a Guangzhou postcode
    assert answer("中大，香港") == CUHK
    assert answer("香港中文大學") == CUHK  # a name the record lacks, in traditional characters


def test_a_label_that_names_another_organisation_is_set_aside_and_the_right_name_counts(registry):
    assert answer("广东省人民医院") == GDPH
    assert answer("广东省第二人民医院") is None


def test_an_organisation_the_registry_does_not_hold_gets_no_namesake(registry):
    result = resolve("广州医科大学附属第一医院", registry_only=True)
    assert result.match is None
    assert "which the registry does not hold" in result.reasons[0]
    assert all(c.ror_id for c in result.candidates)  # the unheld organisation is no candidate to pick
    assert answer("Guangzhou Medical University, Guangzhou 511436, China") is None
    assert answer("广州大学") == "03s8txj32"


def test_a_city_named_in_chinese_agrees(registry):
    result = resolve("中山大学，广州", registry_only=True)
    assert any("city Guangzhou named" in reason for reason in result.reasons)


def test_a_name_that_goes_on_with_of_is_a_longer_name(registry):
    """ "Hunan University of Arts and Science" is not Hunan University; "Shengjing Hospital of China
    Medical University" is still the hospital (a hospital "of" its university is that hospital)."""
    entry("05htk5m33", "Hunan University", name_zh="湖南大学", city="Changsha")
    entry("0202bj006", "Shengjing Hospital", city="Shenyang")
    assert answer("Hunan University of Arts and Science, Changde, China") is None
    assert answer("College of Chemistry, Hunan University, Changsha 410082, China") == "05htk5m33"
    assert answer("Department of Cardiology, Shengjing Hospital of China Medical University") == "0202bj006"


def test_tone_marks_as_written_tell_namesakes_apart(registry):
    """暨南大学 (Guangzhou) and 济南大学 (Jinan) are both "Jinan Daxue" without tones."""
    entry("02mjz6f26", "University of Jinan", name_zh="济南大学", city="Jinan")
    assert resolve("Jinan Daxue", registry_only=True).match is None  # either: no confident answer
    assert answer("Jìnán Dàxué") == "02xe5ns62"
    assert answer("Jǐnán Dàxué") == "02mjz6f26"
    assert answer("Guǎngzhōu Dàxué") == "03s8txj32"


def test_a_unit_the_registry_does_not_hold_answers_its_parent_an_independent_college_does_not(registry):
    """A hospital named with its university (中山大学孙逸仙纪念医院) is the university's when the
    registry lacks the hospital; an independent college named after its founder is an institution of
    its own: no answer rather than the founder."""
    result = resolve("中山大学孙逸仙纪念医院 心内科", registry_only=True)
    assert result.match.ror_id == SYSU and "which the registry does not hold" in result.reasons[-1]
    assert answer("华南农业大学珠江学院") is None
    assert answer("华南农业大学资源环境学院") == SCAU


def test_a_unit_with_its_own_record_is_answered_in_chinese_with_its_parent_among_the_candidates(registry):
    entry("01xqdxh54", "South China Botanical Garden", name_zh="中国科学院华南植物园", city="Guangzhou",
          parents=["034t30j35"])  # fmt: skip
    entry("034t30j35", "Chinese Academy of Sciences", name_zh="中国科学院", city="Beijing")
    result = resolve("中国科学院华南植物园，广州 510650", registry_only=True)
    assert result.match.ror_id == "01xqdxh54"
    assert [c.ror_id for c in result.candidates[:2]] == ["01xqdxh54", "034t30j35"]
    # In English, outside the centre's province, publications are labelled with the parent.
    english = resolve("State Key Laboratory of Biocontrol, Sun Yat-sen University", registry_only=True)
    assert english.match.ror_id == SYSU
