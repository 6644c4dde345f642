"""Resolution: names in either script, acronyms, old names and affiliation strings → one organisation."""

import pytest

from partnerships.organisations.models import Organisation
from partnerships.search.index import NameIndex, Target
from partnerships.search.resolver import _Hit, _prefer_broader, resolve

from .conftest import entry

SYSU = "0064kty71"


@pytest.mark.parametrize(
    "text",
    [
        "中山大学",
        "中山大學",
        "SYSU",
        "Sun Yat-sen University",
        "Zhongshan Univ",
        "zhongshan daxue",
        "Zhong Shan Da Xue",
        "Sun Yat Sen Univ, Guangzhou 510275, Peoples R China",
        "Dept of Cardiology, 1st Affil Hosp, Sun Yat-sen Univ, Guangzhou 510080, Peoples R China",
        "School of Life Sciences, Sun Yat-sen University, Guangzhou, China",
    ],
)
def test_forms_of_one_name_resolve_to_it(small_registry, text):
    """Every usual way of writing Sun Yat-sen University finds it, with reasons."""
    result = resolve(text, registry_only=True)
    assert result.match is not None, result.reasons
    assert result.match.ror_id == SYSU
    assert result.reasons
    assert result.candidates[0].ror_id == SYSU


def test_other_universities(small_registry):
    assert resolve("华南理工大学", registry_only=True).match.ror_id == "0530pts50"
    assert resolve("SCUT, Guangzhou, China", registry_only=True).match.ror_id == "0530pts50"
    assert resolve("暨南大學", registry_only=True).match.ror_id == "02xe5ns62"
    assert resolve("Univ Birmingham, Sch Biosci, Birmingham B15 2TT, W Midlands, England").match.ror_id == "03angcq70"


def test_unit_of_a_recorded_hospital_resolves_to_the_hospital(small_registry):
    """When the registry has the First Affiliated Hospital, the more specific record wins."""
    entry("037p24858", "The First Affiliated Hospital, Sun Yat-sen University", city="Guangzhou")
    text = "Dept of Cardiology, 1st Affil Hosp, Sun Yat-sen Univ, Guangzhou 510080, Peoples R China"
    assert resolve(text, registry_only=True).match.ror_id == "037p24858"


def test_parent_named_beside_its_unit_wins(small_registry):
    """A laboratory named with its university resolves to the university, as ROR's data labels it."""
    result = resolve("State Key Laboratory of Biocontrol, Sun Yat-sen University, Guangzhou", registry_only=True)
    assert result.match.ror_id == SYSU
    assert {c.ror_id for c in result.candidates} >= {SYSU, "01bs5br94"}


@pytest.mark.parametrize(
    "text",
    ["Acme Widgets Ltd, Ohio", "Department of Physics, University of Alabama at Birmingham, AL, USA", "", "Oxford"],
)
def test_no_confident_match(small_registry, text):
    """Strings that name no loaded organisation get no answer, and say why."""
    result = resolve(text, registry_only=True)
    assert result.match is None
    assert result.reasons


def test_country_conflict_is_a_reason(small_registry):
    """A name found in a string that places it in another country is not trusted."""
    result = resolve("University of Oxford, Oxford, Mississippi, USA", registry_only=True)
    assert result.match is None
    assert any("record is GB" in reason for reason in result.candidates[0].reasons)


def test_organisation_records_win_over_registry_entries(small_registry):
    """The centre's own record carries the ROR ID too, and its own names (former names) are searched."""
    organisation = Organisation.objects.create(
        name_en="Sun Yat-sen University", name_zh="中山大学", ror_id=SYSU, former_names=["Canton Christian College"]
    )
    for text in ("中山大学", "Canton Christian College"):
        match = resolve(text).match
        assert (match.organisation_id, match.ror_id) == (organisation.pk, SYSU)
    assert resolve("Canton Christian College", registry_only=True).match is None


def test_organisation_without_ror_id(small_registry):
    """A partner that is in no registry is found by its own names."""
    organisation = Organisation.objects.create(name_en="Guangzhou Lingnan Widget Works", acronyms=["GLWW"])
    match = resolve("GLWW").match
    assert (match.organisation_id, match.ror_id) == (organisation.pk, "")


def test_as_dict_is_the_command_shape(small_registry):
    result = resolve("SYSU", registry_only=True).as_dict()
    assert result["match"] == {"ror_id": SYSU, "organisation_id": None, "name": "Sun Yat-sen University"}
    assert set(result) == {"query", "match", "score", "reasons", "candidates"}
    assert len(result["candidates"]) <= 5


def test_a_city_after_a_name_is_not_another_name(small_registry):
    """ "Shandong Normal University Jinan" is that university in Jinan, not the University of Jinan."""
    entry("01wy3h363", "Shandong Normal University", city="Jinan")
    entry("02mjz6f26", "University of Jinan", city="Jinan")
    text = "College of Chemistry, Shandong Normal University Jinan 250014 Shandong China"
    assert resolve(text, registry_only=True).match.ror_id == "01wy3h363"


def test_a_chain_of_units_resolves_to_its_top(small_registry):
    """Laboratory → institute → academy, all named: the academy, as when only the institute is named."""
    entry("034t30j35", "Chinese Academy of Sciences", city="Beijing")
    entry("047yhep71", "Institute of Microbiology", city="Beijing", parents=["034t30j35"])
    entry("0517e3842", "State Key Laboratory of Microbial Resources", city="Beijing", parents=["047yhep71"])
    for text in (
        "State Key Laboratory of Microbial Resources, Institute of Microbiology, Chinese Academy of Sciences",
        "Institute of Microbiology, Chinese Academy of Sciences",
    ):
        assert resolve(text, registry_only=True).match.ror_id == "034t30j35"


def test_a_ministry_beside_its_unit_is_not_the_answer(small_registry):
    """A ministry designates laboratories and oversees institutes; the string's affiliation is the institute."""
    entry("02kxqx159", "Ministry of Natural Resources", city="Beijing")
    entry("01y34t753", "First Institute of Oceanography", city="Qingdao", parents=["02kxqx159"])
    text = "First Institute of Oceanography, Ministry of Natural Resources, Qingdao 266061, China"
    assert resolve(text, registry_only=True).match.ror_id == "01y34t753"


def test_a_confident_unit_is_not_handed_to_a_doubtful_parent():
    """The parent (or the organisation named last) wins a near tie only if it could be answered itself."""
    index = NameIndex()
    university = index.add_target(Target("032d4f246", None, "China Medical University", "", "", "CN", "active"))
    hospital = index.add_target(
        Target("0202bj006", None, "Sheng Jing Hospital", "", "", "CN", "active", parents=("032d4f246",))
    )
    ranked = [(hospital, (0.92, _Hit(hospital, "name", "", 0, 3, 1.0, ""), [])),
              (university, (0.88, _Hit(university, "name", "", 4, 7, 1.0, ""), []))]  # fmt: skip
    assert _prefer_broader(ranked, index, threshold=0.9)[0][0] == hospital
    assert _prefer_broader(ranked, index, threshold=0.85)[0][0] == university


def test_a_university_hospital_is_not_the_university(small_registry):
    """ "University College London Hospitals" names the hospitals' trust, not the college."""
    entry("02jx3x895", "University College London", city="London", country="GB")
    result = resolve("Elizabeth Garrett Anderson Obstetric Wing, University College London Hospitals")
    assert result.match is None
    assert any("another organisation" in reason for reason in result.candidates[0].reasons)


def test_greater_bay_area_is_not_hong_kong(small_registry):
    """ "Guangdong-Hong Kong-Macao" names a region of mainland China: no country conflict for a Guangzhou record."""
    result = resolve(
        "Guangdong-Hong Kong-Macao Joint Laboratory for Cell Fate Regulation, Sun Yat-sen University",
        registry_only=True,
    )
    assert result.match.ror_id == SYSU
    assert not any("record is CN" in reason for reason in result.reasons)


def test_organisation_named_last_is_where_it_is_named_last(small_registry):
    """An organisation named twice counts as named where it is named last: affiliations end with the institution."""
    entry("02zhqgq86", "University of Hong Kong", city="Hong Kong", country="HK")
    entry("01a099706", "Shantou University", city="Shantou")
    text = (
        "Joint Institute of Virology (Shantou University/The University of Hong Kong), Shantou University, "
        "Shantou, China"
    )
    assert resolve(text, registry_only=True).match.ror_id == "01a099706"
