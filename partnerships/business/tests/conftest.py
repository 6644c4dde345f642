"""Fixtures for business engagement: a confidential world (a company's need, an IP asset, an expert,
a match and a deal, every text carrying a marker) and users inside and outside it."""

import pytest
from django.contrib.auth.models import Group

from partnerships.business.choices import TEAM
from partnerships.business.models import Deal, Expertise, IPAsset, Match, Need, Sector
from partnerships.core.models import Strand, Theme
from tests.conftest import (  # noqa: F401  (fixtures, found by name)
    admin_user,
    editor,
    editor_client,
    make_user,
    nobody,
    profile,
    viewer,
    viewer_client,
)
from tests.factories import OrganisationFactory, ProjectFactory, StaffFactory

# Every confidential text carries one of these, so a leak is a substring in a response.
MARK = "Zqxvorn"
MARK_ZH = "锶钡钇储能"


@pytest.fixture
def team_user(profile):  # noqa: F811
    user = make_user("be-officer", "viewer")
    user.groups.add(Group.objects.get(name=TEAM))
    return user


@pytest.fixture
def team_editor(profile):  # noqa: F811
    user = make_user("be-editor", "editor")
    user.groups.add(Group.objects.get(name=TEAM))
    return user


@pytest.fixture
def world(profile):  # noqa: F811
    """A company's need in Chinese, an English IP asset matched to it, an expert, and a deal."""
    company = OrganisationFactory(name_en="Suilan Storage Co.", name_zh="穗兰储能科技有限公司", kind="company")
    inventor = StaffFactory(family_name="Okafor", given_name="James")
    project = ProjectFactory(title_en="Battery ageing project")
    sector = Sector.objects.get(code="energy")
    energy = Theme.objects.get(code="energy")
    need = Need.objects.create(
        title_zh=f"{MARK_ZH}电站电池健康状态评估",
        title_en=f"{MARK} battery health for storage stations",
        problem_zh="需要在线评估锂电池储能电站的电池健康状态。",
        company=company,
        sector=sector,
    )
    need.themes.set([energy])
    need.strands.set(Strand.objects.filter(code="business"))
    ip = IPAsset.objects.create(
        title_en=f"{MARK} state-of-health estimation for lithium-ion batteries",
        summary_en="Estimates battery state of health from partial charging curves for energy storage.",
        trl=5,
    )
    ip.inventors.set([inventor])
    ip.projects.set([project])
    ip.themes.set([energy])
    expert = Expertise.objects.create(person=StaffFactory(family_name="Whitfield"), keywords="battery ageing, 储能")
    match = Match.objects.create(
        need=need, ip_asset=ip, score="0.8", reasons={"concepts": [{"en": "battery", "zh": "电池"}]}
    )
    deal = Deal.objects.create(title=f"{MARK} licence to the storage company", company=company, need=need, value=50000)
    deal.ip_assets.set([ip])
    deal.themes.set([energy])
    deal.strands.set(Strand.objects.filter(code="business"))
    return {
        "company": company,
        "inventor": inventor,
        "project": project,
        "need": need,
        "ip": ip,
        "expert": expert,
        "match": match,
        "deal": deal,
    }
