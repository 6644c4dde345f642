"""The permission walk: every page and every API operation, as anonymous, as a user without a role,
as a viewer, as an editor and as an admin, each answer checked against what the role allows."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from partnerships.agreements.models import AgreementKind
from partnerships.api_urls import router
from partnerships.core.autocomplete import REGISTRY as AUTOCOMPLETE
from partnerships.core.models import BaseModel
from partnerships.organisations.models import Organisation
from partnerships.registry.models import RegistryEntry, RegistryName

from .conftest import client_for, join_business_team, make_user
from .factories import (
    AccreditationFactory,
    AffiliationFactory,
    AgreementFactory,
    CohortFactory,
    DealFactory,
    DocumentFactory,
    ExchangeRateFactory,
    ExpertiseFactory,
    FundingFactory,
    InteractionFactory,
    IPAssetFactory,
    MatchFactory,
    NeedFactory,
    ObligationFactory,
    OrganisationFactory,
    PartyFactory,
    PersonFactory,
    ProgrammeFactory,
    ProjectFactory,
    ProjectMemberFactory,
    ProjectPartnerFactory,
    RelationshipFactory,
    SignatoryFactory,
)

PROFILE_MODELS = {
    "college",
    "strand",
    "theme",
    "institution",
    "agreementkind",
    "exchangerate",
    "objective",
    "sector",
    "aorcode",
    "registryname",
}
REGISTER_MODELS = {
    "organisation",
    "person",
    "affiliation",
    "relationship",
    "interaction",
    "agreement",
    "party",
    "signatory",
    "obligation",
    "project",
    "projectpartner",
    "projectmember",
    "funding",
    "initiative",
    "output",
    "trainingrecord",
    "supervision",
    "activity",
    "participantcount",
    "ipasset",
    "need",
    "expertise",
    "match",
    "deal",
    "programme",
    "accreditation",
    "cohort",
}
# Matches are proposed by the matching engine and decided on their page: no add or edit form.
NO_FORMS = {"match"}
# Business engagement: the team role reads and writes all of these, whatever other role it is held with;
# the confidential ones are seen in full only by the team and admins (core.confidential), so anyone else
# finds their lists empty and their records' pages, forms and history missing (404), not forbidden.
TEAM_MODELS = {"ipasset", "need", "expertise", "match", "deal"}
CONFIDENTIAL_MODELS = {"ipasset", "need", "match", "deal"}
ROLE_ACTIONS = {
    None: set(),
    "viewer": {"view"},
    "editor": {"view", "add", "change", "delete"},
    "admin": {"view", "add", "change", "delete"},
}
# A walking user: one of the roles, and "+team" for the business-engagement team role held with it.
ROLES = [None, "viewer", "editor", "admin", "viewer+team", "editor+team"]
PAGE_ACTIONS = {
    "list": "view",
    "board": "view",
    "calendar": "view",
    "download": "view",
    "detail": "view",
    "add": "add",
    "edit": "change",
    "delete": "delete",
    "suggest": "view",  # the create forms' "did you mean…?" partials
    "timeline": "view",  # an agreement's earlier events
    "forecast": "view",  # the deals' forecast by quarter
    "return": "view",  # the HESA offshore return, made from the cohorts
}
# POST-only actions whose names end like a page's (none at present).
POST_ONLY: set[str] = set()


def split_role(role: str | None) -> tuple[str | None, bool]:
    """("editor", True) for "editor+team": the role, and whether the team role is held with it."""
    return (role or "").removesuffix("+team") or None, (role or "").endswith("+team")


def role_user(username: str, role: str | None):
    base, team = split_role(role)
    user = make_user(username, base)
    return join_business_team(user) if team else user


def allowed(role, model_name, action) -> bool:
    base, team = split_role(role)
    if team and model_name in TEAM_MODELS:
        return True
    if action not in ROLE_ACTIONS[base]:
        return False
    if action == "view":
        return True
    if model_name == "registryentry":
        return False  # reference data: loaded by command, never edited by hand
    if model_name == "institution" and action in {"add", "delete"}:
        return False  # the profile is one record: edited, never added or deleted
    if model_name in PROFILE_MODELS:
        return base == "admin"
    return True


def expected_status(role, model_name, action, needs_pk: bool) -> int:
    """200 where the role allows; 403 where it does not; 404 for one confidential record the role may
    not see (outside the business-engagement team and not an admin), as if it were not there."""
    if not allowed(role, model_name, action):
        return 403
    base, team = split_role(role)
    sees_all = team or base == "admin"
    if needs_pk and model_name in CONFIDENTIAL_MODELS and not sees_all:
        return 404
    return 200


def model_pages():
    """(url name, model name, action, needs pk) for every page of the register's apps."""
    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace in {
                "core",
                "registry",
                "organisations",
                "relationships",
                "agreements",
                "research",
                "strategy",
                "postgraduate",
                "capacity",
                "business",
                "programmes",
                "search",
            }:
                model_name, _, action = p.name.rpartition("_")
                if action in PAGE_ACTIONS and f"{namespace}:{p.name}" not in POST_ONLY:
                    found.append(
                        (f"{namespace}:{p.name}", model_name, PAGE_ACTIONS[action], "pk" in p.pattern.regex.groupindex)
                    )

    walk(get_resolver().url_patterns, None)
    return found


def autocomplete_pages():
    """(url, model name, action) of the autocomplete endpoint of every model registered with it."""
    return [
        (reverse("core:autocomplete", args=[label]), entry.model._meta.model_name, "view")
        for label, entry in AUTOCOMPLETE.items()
    ]


def history_pages(records):
    """(url, model name) of the "Older changes" endpoint of every logged record with a page of its own."""
    return [
        (reverse("history", args=[records[model_name]._meta.label_lower, records[model_name].pk]), model_name)
        for _, model_name, action, needs_pk in model_pages()
        if action == "view" and needs_pk and isinstance(records[model_name], BaseModel)
    ]


@pytest.fixture
def records(profile):
    from partnerships.core.models import College, Institution, Strand, Theme
    from partnerships.strategy.models import Initiative, Objective

    relationship = RelationshipFactory()
    RegistryEntry.objects.create(ror_id="0064kty71", name="Sun Yat-sen University", schema_version="2", record={})
    return {
        "college": College.objects.first(),
        "strand": Strand.objects.first(),
        "theme": Theme.objects.first(),
        "institution": Institution.current(),
        "organisation": relationship.organisation,
        "person": PersonFactory(),
        "affiliation": AffiliationFactory(),
        "relationship": relationship,
        "interaction": InteractionFactory(),
        "registryentry": RegistryEntry.objects.get(),
        "registryname": RegistryName.objects.create(ror_id="0064kty71", name="中大", kind="short"),
        "agreementkind": AgreementKind.objects.get(code="mou"),
        "agreement": AgreementFactory(),
        "party": PartyFactory(),
        "signatory": SignatoryFactory(),
        "obligation": ObligationFactory(),
        "document": DocumentFactory(),
        "project": ProjectFactory(),
        "projectpartner": ProjectPartnerFactory(),
        "projectmember": ProjectMemberFactory(),
        "funding": FundingFactory(),
        "exchangerate": ExchangeRateFactory(),
        "objective": Objective.objects.create(code="UOB-G1", title_en="Deepen partnerships"),
        "initiative": Initiative.objects.create(name_en="Joint institute"),
        **_alliance_records(),
        **_business_records(),
        **_programme_records(),
    }


def _alliance_records():
    from partnerships.capacity.models import Activity, ParticipantCount
    from partnerships.postgraduate.models import Supervision, TrainingRecord
    from partnerships.research.models import Output

    record = TrainingRecord.objects.create(kind="joint_phd", student=PersonFactory())
    activity = Activity.objects.create(title_en="Summer school", start_date=datetime.date(2026, 7, 1))
    activity.partners.add(OrganisationFactory())
    return {
        "output": Output.objects.create(title="A paper", doi="10.5555/walk.1"),
        "trainingrecord": record,
        "supervision": Supervision.objects.create(record=record, person=PersonFactory()),
        "activity": activity,
        "participantcount": ParticipantCount.objects.create(activity=activity, category="students", count=3),
    }


def _business_records():
    """One of each; the confidential ones name nobody the walk logs in as."""
    from partnerships.business.models import Sector

    need = NeedFactory(owner=PersonFactory())
    asset = IPAssetFactory()
    asset.inventors.add(PersonFactory())
    deal = DealFactory(company=need.company, need=need)
    deal.ip_assets.add(asset)
    return {
        "sector": Sector.objects.first(),
        "ipasset": asset,
        "need": need,
        "expertise": ExpertiseFactory(),
        "match": MatchFactory(need=need, ip_asset=asset),
        "deal": deal,
    }


def _programme_records():
    """One of each of the educational platform's records (none confidential)."""
    from partnerships.programmes.models import AorCode

    programme = ProgrammeFactory(agreement=AgreementFactory(), lead_home=PersonFactory())
    return {
        "programme": programme,
        "accreditation": AccreditationFactory(programme=programme),
        "cohort": CohortFactory(programme=programme),
        "aorcode": AorCode.objects.order_by("pk").first(),  # the starting codes, from a migration
    }


@pytest.mark.django_db
def test_walk_finds_every_model_page(records):
    """The walk itself covers list, detail, add, edit and delete of every register model, and each one's history."""
    pages = {(model, action) for _, model, action, _ in model_pages()}
    for model in REGISTER_MODELS:
        actions = ("view", "delete") if model in NO_FORMS else ("view", "add", "change", "delete")
        assert {(model, a) for a in actions} <= pages, model
    assert {model for _, model in history_pages(records)} >= REGISTER_MODELS
    names = {name for name, *_rest in model_pages()}
    assert {"search:organisation_suggest", "organisations:person_suggest"} <= names
    assert ("registryentry", "view") in pages
    assert {("deal", "view"), ("sector", "change")} <= pages and "business:deal_board" in names
    assert "business:deal_forecast" in names
    assert {("aorcode", "change"), ("offshore", "view")} <= pages and "programmes:programme_transition" not in names
    assert {m for _, m, _ in autocomplete_pages()} >= {"organisation", "person", "interaction", "agreement"}
    assert {m for _, m, _ in autocomplete_pages()} >= {"ipasset", "need", "deal"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_page_walk(records, role):
    """Each page answers 200 where the role allows, 403 where it does not, and 404 for a confidential
    record outside the business-engagement team."""
    client = client_for(role_user(f"user-{role}", role))
    failures = []
    for name, model_name, action, needs_pk in model_pages():
        url = reverse(name, args=[records[model_name].pk]) if needs_pk else reverse(name)
        expected = expected_status(role, model_name, action, needs_pk)
        status = client.get(url).status_code
        if status != expected:
            failures.append(f"{url} as {role}: {status}, expected {expected}")
    for url, model_name, action in autocomplete_pages():
        expected = expected_status(role, model_name, action, needs_pk=False)
        status = client.get(url, {"q": "a"}).status_code
        if status != expected:
            failures.append(f"{url} as {role}: {status}, expected {expected}")
    for url, model_name in history_pages(records):
        expected = expected_status(role, model_name, "view", needs_pk=True)
        status = client.get(url).status_code
        if status != expected:
            failures.append(f"{url} as {role}: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_everywhere(records):
    """Every page but the login page and the health check asks an anonymous visitor to log in."""
    client = client_for(None)
    urls = [reverse(n, args=[records[m].pk]) if pk else reverse(n) for n, m, _, pk in model_pages()]
    urls += [url for url, _ in history_pages(records)]
    urls += [reverse("home"), reverse("api_token"), reverse("api_docs"), "/admin/"]
    urls += [url for url, *_rest in autocomplete_pages()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/login/" in response["Location"], url
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("login")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, "viewer", "editor"])
def test_common_pages_for_any_signed_in_user(records, role):
    client = client_for(make_user(f"u-{role}", role))
    for url in (reverse("home"), reverse("api_token"), reverse("api_docs"), reverse("schema")):
        assert client.get(url).status_code == 200, url


def api_routes():
    yield from router.registry


def api_model_name(viewset):
    return viewset.queryset.model._meta.model_name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_api_walk(records, role):
    """Every API operation: 403 without the permission, 404 for a confidential record outside the
    business-engagement team, otherwise the operation's own answer."""
    client = client_for(role_user(f"api-{role}", role))
    failures = []

    def check(method, url, expected, **kwargs):
        status = getattr(client, method)(url, content_type="application/json", **kwargs).status_code
        if status != expected:
            failures.append(f"{method.upper()} {url} as {role}: {status}, expected {expected}")

    for _prefix, viewset, basename in api_routes():
        model_name = api_model_name(viewset)
        obj = records[model_name]
        list_url = reverse(f"{basename}-list")
        detail_url = reverse(f"{basename}-detail", args=[obj.pk])
        check("get", list_url, expected_status(role, model_name, "view", needs_pk=False))
        check("get", detail_url, expected_status(role, model_name, "view", needs_pk=True))
        read_only = model_name == "registryentry"
        if read_only:
            check("post", list_url, 403, data={})  # nobody holds add_registryentry
            continue
        # An empty POST passes the permission check and fails validation: 400 proves access.
        # Documents take multipart uploads only (415 for JSON) and are never edited in place (405);
        # matches are proposed by a need's `suggest` (400 for a POST here) and never edited (405).
        post_ok = 415 if model_name == "document" else 400
        check("post", list_url, post_ok if allowed(role, model_name, "add") else 403, data={})
        if_match = {"HTTP_IF_MATCH": f'"{getattr(obj, "version", 1)}"'}
        patch = expected_status(role, model_name, "change", needs_pk=True)
        if model_name in {"document", "match"}:
            patch = 405 if allowed(role, model_name, "change") else 403  # before the record is looked up
        check("patch", detail_url, patch, data={}, **if_match)
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, "viewer", "editor"])
def test_api_delete(profile, role):
    """Deleting through the API needs the delete permission."""
    client = client_for(make_user(f"del-{role}", role))
    victims = {
        "interactions": InteractionFactory(),
        "affiliations": AffiliationFactory(),
        "people": PersonFactory(),
        "organisations": OrganisationFactory(),
    }
    for prefix, obj in victims.items():
        status = client.delete(f"/api/{prefix}/{obj.pk}/").status_code
        assert status == (204 if role == "editor" else 403), (prefix, role, status)


@pytest.mark.django_db
def test_api_anonymous_gets_401(records):
    client = client_for(None)
    for prefix, _viewset, basename in api_routes():
        assert client.get(reverse(f"{basename}-list")).status_code == 401, prefix
    assert client.get(reverse("schema")).status_code == 401


@pytest.mark.django_db
def test_token_authentication(records):
    """Integrators authenticate with a token; no session needed."""
    from rest_framework.authtoken.models import Token

    user = make_user("integrator", "viewer")
    token = Token.objects.create(user=user)
    client = client_for(None)
    response = client.get("/api/organisations/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["count"] == Organisation.objects.count() > 0
    assert client.get("/api/organisations/", HTTP_AUTHORIZATION="Token wrong").status_code == 401


@pytest.mark.django_db
def test_a_confidential_record_is_seen_by_its_team_admins_and_the_people_it_names(records):
    """An editor outside the business-engagement team finds a deal missing (page, form, history, API);
    the team, an admin and an editor named on it (its owner, through Person.user) see it."""
    deal = records["deal"]
    urls = [
        reverse("business:deal_detail", args=[deal.pk]),
        reverse("business:deal_edit", args=[deal.pk]),
        reverse("history", args=[deal._meta.label_lower, deal.pk]),
        reverse("deal-detail", args=[deal.pk]),
    ]
    named = make_user("named-editor", "editor")
    deal.owner = PersonFactory(user=named)
    deal.save()
    for user, expected in [
        (make_user("outsider", "editor"), 404),
        (role_user("team-viewer", "viewer+team"), 200),
        (make_user("boss", "admin"), 200),
        (named, 200),
    ]:
        client = client_for(user)
        assert [client.get(url).status_code for url in urls] == [expected] * len(urls), user.username
        listed = client.get(reverse("deal-list")).json()["results"]
        assert [row["id"] for row in listed] == ([deal.pk] if expected == 200 else []), user.username
