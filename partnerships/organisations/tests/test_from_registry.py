"""Making the centre's organisation record from a registry entry."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from partnerships.core.models import ObjectChange
from partnerships.core.pinyin import pinyin_for
from partnerships.organisations.choices import OrganisationKind
from partnerships.organisations.from_registry import organisation_from_registry, organisation_kind
from partnerships.organisations.models import Organisation
from partnerships.registry.models import RegistryEntry
from partnerships.registry.parsing import parse_record
from partnerships.registry.tests.records import record


def entry(name: str) -> RegistryEntry:
    return RegistryEntry.objects.create(**parse_record(record(name)))


@pytest.mark.django_db
def test_fills_the_organisation_from_the_entry():
    """Names, pinyin, kind, place, website and ROR ID come from the entry."""
    organisation = organisation_from_registry(entry=entry("SYSU"))

    organisation.refresh_from_db()
    assert organisation.name_en == "Sun Yat-sen University"
    assert organisation.name_zh == "中山大学"
    assert organisation.pinyin == "zhong shan da xue"
    assert organisation.kind == OrganisationKind.UNIVERSITY
    assert (organisation.city, organisation.province, organisation.country) == ("Guangzhou", "Guangdong", "CN")
    assert organisation.website == "https://www.sysu.edu.cn"
    assert organisation.ror_id == "0064kty71"
    assert organisation.parent is None


@pytest.mark.django_db
def test_aliases_take_the_other_names_and_labels():
    """Aliases and labels in other languages become other names; acronyms stay acronyms."""
    zoc = organisation_from_registry(entry=entry("ZOC"))
    birmingham = organisation_from_registry(entry=entry("BIRMINGHAM"))

    assert zoc.acronyms == ["ZOC"]
    assert zoc.aliases == ["Zhongshan Ophthalmic Center"]
    assert zoc.kind == OrganisationKind.HOSPITAL
    assert birmingham.aliases == ["Birmingham University", "Prifysgol Birmingham"]
    assert (birmingham.name_zh, birmingham.pinyin) == ("", "")


@pytest.mark.django_db
def test_links_the_parent_already_recorded():
    """An entry whose ROR parent is already an organisation gets it as parent (v1 entries too)."""
    sysu = organisation_from_registry(entry=entry("SYSU"))
    huawei = organisation_from_registry(entry=entry("HUAWEI"))

    zoc = organisation_from_registry(entry=entry("ZOC"))
    lab = organisation_from_registry(entry=entry("HUAWEI_LAB"))

    assert zoc.parent == sysu
    assert lab.parent == huawei
    assert lab.kind == OrganisationKind.RESEARCH_INSTITUTE
    assert huawei.kind == OrganisationKind.COMPANY


@pytest.mark.django_db
def test_links_children_already_recorded_without_a_parent():
    """Organisations the entry lists as children get it as parent, unless they already have one; the change is logged."""
    zoc = organisation_from_registry(entry=entry("ZOC"))
    other_parent = Organisation.objects.create(name_en="Guangdong Provincial Health Commission")
    supercomputer = Organisation.objects.create(
        name_en="National Supercomputer Center in Guangzhou", ror_id="042999n30", parent=other_parent
    )

    sysu = organisation_from_registry(entry=entry("SYSU"))

    zoc.refresh_from_db()
    supercomputer.refresh_from_db()
    assert zoc.parent == sysu
    assert zoc.version == 2
    assert supercomputer.parent == other_parent
    change = ObjectChange.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation), object_id=str(zoc.pk)
    ).first()
    assert change.action == "update" and change.diff() == [("parent", None, sysu.pk)]


@pytest.mark.django_db
def test_a_ror_id_already_recorded_is_refused():
    """A second organisation with the same ROR ID is refused, naming the one that has it."""
    sysu_entry = entry("SYSU")
    organisation_from_registry(entry=sysu_entry)

    with pytest.raises(ValidationError, match="Sun Yat-sen University.*0064kty71"):
        organisation_from_registry(entry=sysu_entry)

    assert Organisation.objects.filter(ror_id="0064kty71").count() == 1


@pytest.mark.parametrize(
    ("types", "kind"),
    [
        (["education", "funder"], OrganisationKind.UNIVERSITY),
        (["funder", "healthcare"], OrganisationKind.HOSPITAL),
        (["funder", "government"], OrganisationKind.GOVERNMENT),
        (["company", "funder"], OrganisationKind.COMPANY),
        (["facility", "funder"], OrganisationKind.RESEARCH_INSTITUTE),
        (["funder", "nonprofit"], OrganisationKind.FUNDER),
        (["archive"], OrganisationKind.OTHER),
        (["nonprofit"], OrganisationKind.OTHER),
        ([], OrganisationKind.OTHER),
    ],
)
def test_organisation_kind(types, kind):
    """The most specific ROR type decides; `funder` only when nothing more specific is there."""
    assert organisation_kind(types) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中山大学", "zhong shan da xue"),
        ("华大精准营养（深圳）科技有限公司", "hua da jing zhun ying yang shen zhen ke ji you xian gong si"),
        ("重庆大学", "chong qing da xue"),
        ("", ""),
    ],
)
def test_pinyin_for(text, expected):
    assert pinyin_for(text) == expected
