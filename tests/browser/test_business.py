"""Business engagement in a real browser (issue 11's acceptance story).

A business-engagement officer records a Guangzhou company's need in Chinese, sees an English IP asset
and an expert proposed with the reasons, accepts the IP match to start a deal and moves it to won on
the deal board. Then a viewer outside the team looks through every channel and finds no trace of
any of it.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from partnerships.business.choices import TEAM
from partnerships.business.models import Deal, Expertise, IPAsset, Need
from partnerships.core.models import Strand, Theme
from partnerships.organisations.models import Person

from .conftest import PASSWORD, login
from .helpers import choose, organisation

pytestmark = pytest.mark.browser

NEED_ZH = "储能电站电池健康状态在线评估"
PROBLEM_ZH = "公司运营多个锂电池储能电站，需要利用充电数据在线评估电池健康状态并预测剩余寿命。"
IP_TITLE = "Battery state-of-health estimation from partial charging curves"
EXPERT_KEYWORDS = "battery ageing, energy storage, 储能"


def user_in(username: str, *groups: str):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def world(site):
    company = organisation(
        "Suilan Energy Storage Technology Co., Ltd.",
        "穗兰储能科技有限公司",
        kind="company",
        city="Guangzhou",
        uscc="91440113MADEM0002F",
    )
    inventor = Person.objects.create(family_name="Okafor", given_name="James", kind="staff")
    ip = IPAsset.objects.create(
        title_en=IP_TITLE,
        summary_en="Estimates the state of health and remaining useful life of lithium-ion battery packs "
        "from partial charging data, for energy storage stations.",
        kind="patent_application",
        status="filed",
        trl=5,
    )
    ip.inventors.set([inventor])
    ip.themes.set(Theme.objects.filter(code="energy"))
    expert = Person.objects.create(family_name="Pemberton", given_name="Sarah", kind="staff")
    Expertise.objects.create(
        person=expert,
        keywords=EXPERT_KEYWORDS,
        statement_en="Battery ageing and state-of-health estimation for energy storage.",
    )
    officer = user_in("be-officer", "editor", TEAM)
    Person.objects.create(family_name="Goodwin", given_name="Rose", kind="staff", user=officer)
    outsider = user_in("outsider", "viewer")
    return {"company": company, "ip": ip, "officer": officer, "outsider": outsider}


def test_a_chinese_need_finds_english_ip_becomes_a_won_deal_and_stays_confidential(new_context, world):
    page = new_context().new_page()
    login(page, world["officer"].get_username())

    # 1. The need, in Chinese only, from a Guangzhou company.
    page.goto("/business-needs/add/")
    page.locator("#id_title_zh").fill(NEED_ZH)
    choose(page, "id_company", "Suilan", str(world["company"]))
    page.locator("#id_problem_zh").fill(PROBLEM_ZH)
    page.get_by_label("Integrated energy systems", exact=True).check()
    page.get_by_label("Business engagement", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/business-needs/\d+/$"))
    need = Need.objects.get(title_zh=NEED_ZH)
    assert need.owner.user == world["officer"]  # named as its owner by default

    # 2. The English IP and the expert proposed, with the shared concepts in both languages.
    ip_row = page.locator("#ip-matches tr", has_text=IP_TITLE)
    expect(ip_row).to_be_visible()
    expect(ip_row.locator(".concept").first).to_be_visible()
    expect(ip_row.locator(".concept [lang=zh-Hans]").first).not_to_be_empty()
    expect(page.locator("#expert-matches")).to_contain_text("Pemberton")

    # 3. Accept the IP match: a deal starts with the company, the need and the IP.
    ip_row.locator("a.match-link").click()
    expect(page.locator("#match-reasons .concept").first).to_be_visible()
    page.locator("#start-deal").click()
    expect(page).to_have_url(re.compile(r"/deals/\d+/$"))
    expect(page.locator("#deal-stage")).to_have_text("Lead")
    expect(page.locator("#deal-ip")).to_contain_text(IP_TITLE)
    deal = Deal.objects.get(need=need)

    # 4. Won, on the board: the card moves (HTMX) and the column totals follow.
    page.goto("/deals/board/")
    card = page.locator(f"#deal-card-{deal.pk}")
    expect(page.locator("section[data-stage=lead]")).to_contain_text(deal.title)
    card.locator("select[name=to]").select_option("won")
    card.get_by_role("button", name="Move").click()
    expect(page.locator("section[data-stage=won]")).to_contain_text(deal.title)
    expect(page.locator("section[data-stage=won] .stage-count")).to_have_text("1")
    expect(page.locator("section[data-stage=lead] .stage-count")).to_have_text("0")
    deal.refresh_from_db()
    assert deal.stage == "won"

    # 5. A viewer outside the team: no trace through any channel.
    secrets = [NEED_ZH, IP_TITLE, deal.title]
    outsider = new_context().new_page()
    login(outsider, world["outsider"].get_username())
    strand = Strand.objects.get(code="business")
    theme = Theme.objects.get(code="energy")
    channels = [
        "/business-needs/",
        "/ip-assets/",
        "/deals/",
        "/deals/board/",
        "/deals/forecast/",
        "/matches/",
        f"/search/?q={NEED_ZH[:4]}",
        "/search/?q=battery",
        "/search/?q=Suilan",
        world["company"].get_absolute_url(),
        reverse("core:strand_detail", args=[strand.pk]),
        reverse("core:theme_detail", args=[theme.pk]),
        reverse("history", args=["organisations.organisation", world["company"].pk]),
        "/notifications/",
        "/agreements/calendar/",
        "/",
    ]
    for url in channels:
        outsider.goto(url)
        body = outsider.locator("main").inner_text()
        for secret in secrets:
            assert secret not in body, (url, secret)
    for url in (need.get_absolute_url(), deal.get_absolute_url(), world["ip"].get_absolute_url()):
        response = outsider.goto(url)
        assert response.status == 404, url
    for url in ("/api/business-needs/", "/api/deals/", "/api/ip-assets/", "/api/matches/"):
        listed = outsider.request.get(url).json()
        assert listed["count"] == 0, url
    for url in (f"/api/business-needs/{need.pk}/", f"/api/deals/{deal.pk}/"):
        assert outsider.request.get(url).status == 404, url
    exported = outsider.request.get("/deals/?export=csv").text()
    assert deal.title not in exported
    # The same channels show it all to the officer.
    page.goto("/search/?q=battery")
    expect(page.locator("main")).to_contain_text(IP_TITLE)
    page.goto(world["company"].get_absolute_url())
    expect(page.locator("main")).to_contain_text(deal.title)
