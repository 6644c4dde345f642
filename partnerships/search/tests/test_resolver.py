"""Resolution: names in either script, acronyms, old names and affiliation strings → one organisation."""

import pytest

from partnerships.organisations.models import Organisation
from partnerships.search.resolver import resolve

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
