"""The research alliance in a real browser (issue 9's acceptance story, its research part).

As an editor: create a medicine project under an agreement, add a Guangzhou partner, record an award,
move it to funded with the lifecycle buttons; then see it on the partner's page, the agreement's
page and the research strand's overview (with its charts drawn), in English and in Chinese.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from partnerships.core.models import Strand
from partnerships.research.models import ExchangeRate, Project

from .helpers import choose, organisation

pytestmark = pytest.mark.browser

TITLE = "Air pollution and cardiovascular health in Guangzhou"
TITLE_ZH = "广州空气污染与心血管健康"


@pytest.fixture
def agreement(site):
    from partnerships.agreements.models import Agreement, AgreementKind

    return Agreement.objects.create(
        kind=AgreementKind.objects.get(code="research"),
        title_en="Research collaboration agreement with Sun Yat-sen University",
        title_zh="与中山大学的科研合作协议",
    )


def test_a_funded_medicine_project_shows_on_its_partner_agreement_and_strand(editor_page, agreement):
    page = editor_page
    sysu = organisation("Sun Yat-sen University", "中山大学", city="Guangzhou")
    funder = organisation("Guangzhou Municipal Science and Technology Bureau", "广州市科学技术局", kind="government")
    ExchangeRate.objects.create(currency="CNY", valid_from=datetime.date(2020, 1, 1), gbp_per_unit="0.11")

    # 1. The project, under the agreement, tagged medicine and research.
    page.goto("/projects/add/")
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_title_zh").fill(TITLE_ZH)
    page.locator("#id_start_date").fill("2026-09-01")
    choose(page, "id_agreement", "Sun Yat-sen", str(agreement))
    page.get_by_label("Medicine", exact=True).check()
    page.get_by_label("Research alliance").check()
    page.get_by_label("College of Medicine and Health").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    project = Project.objects.get(title_en=TITLE)
    project_url = page.url
    expect(page.locator("#project-status")).to_have_text("Idea")

    # 2. The Guangzhou partner, from the project's own button.
    page.locator("#partners").get_by_role("link", name="Add a partner").click()
    expect(page.locator("#id_project")).to_have_value(str(project.pk))
    choose(page, "id_organisation", "Sun Yat", str(sysu))
    page.locator("#id_role").select_option("lead")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(project_url)
    expect(page.locator("#partners")).to_contain_text("Sun Yat-sen University")

    # 3. The award, in renminbi; the page totals it in pounds.
    page.locator("#funding").get_by_role("link", name="Record an award").click()
    choose(page, "id_funder", "Guangzhou Municipal", str(funder))
    page.locator("#id_scheme").fill("International Science and Technology Cooperation")
    page.locator("#id_amount").fill("1000000")
    page.locator("#id_currency").select_option("CNY")
    page.locator("#id_home_share").fill("400000")
    page.locator("#id_awarded_on").fill("2026-06-01")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(project_url)
    expect(page.locator("#funding-total")).to_contain_text("£110,000.00")

    # 4. Through the lifecycle to funded, one button at a time.
    for label in ("Proposed", "Submitted", "Funded"):
        page.get_by_role("button", name=f"Move to {label}").click()
        expect(page.locator("#project-status")).to_have_text(label)
    expect(page.get_by_role("button", name="Move to Completed")).to_have_count(0)

    # 5. On the partner's page, the agreement's page and the research strand's overview.
    for url in (sysu.get_absolute_url(), agreement.get_absolute_url()):
        page.goto(url)
        expect(page.locator("#projects").get_by_role("link", name=TITLE)).to_be_visible()
    strand_url = Strand.objects.get(code="research").get_absolute_url()
    page.goto(strand_url)
    overview = page.locator("#research-overview")
    expect(overview.get_by_role("link", name=TITLE)).to_be_visible()
    expect(overview).to_contain_text("£110,000")
    # ECharts, served by the app, draws both charts.
    expect(overview.locator("[data-chart] svg")).to_have_count(2)

    # 6. In Chinese: the overview and the project by its Chinese title.
    page.locator(".user-tools").get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(overview.locator("h2")).to_have_text("科研")
    expect(overview.get_by_role("link", name=TITLE_ZH)).to_be_visible()
    page.goto(sysu.get_absolute_url())
    expect(page.locator("#projects h2")).to_have_text("科研项目")
    expect(page.locator("#projects").get_by_role("link", name=TITLE_ZH)).to_be_visible()
    page.locator(".user-tools").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
