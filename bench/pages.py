"""Every page the bench opens: lists, details, forms, search, API, exports.

Chosen once, on the demo data, and opened again at every scale, so each page is compared with
itself: the demo partner with the most interactions, the home institution (party to every
agreement, employer of every member of staff), the demo agreement with the most children, …
"""

import json
from datetime import timedelta
from urllib.parse import quote

from django.db.models import Count
from django.utils import timezone

from .load import Request

SEARCH_QUERIES = ["zhongshan", "中大", "SYSU", "Sun Yat-sen", "university", "Univeristy"]


def business_records() -> dict:
    """The demo's business records whose pages the bench opens: the need with the most matches, the
    IP asset with the most (its page also ranks every open need for it) and the deal with the most IP."""
    from partnerships.business.models import Deal, IPAsset, Need

    return {
        "need": Need.objects.filter(is_demo=True).annotate(n=Count("matches")).order_by("-n", "pk").first(),
        "ip_asset": IPAsset.objects.filter(is_demo=True).annotate(n=Count("matches")).order_by("-n", "pk").first(),
        "deal": Deal.objects.filter(is_demo=True)
        .annotate(n=Count("ip_assets", distinct=True) + Count("team", distinct=True))
        .order_by("-n", "pk")
        .first(),
    }


def programme_records() -> dict:
    """The demo programme with the most cohorts (its page shows the cohort grid, a row a year), the
    education strand (its page carries the programmes' overview) and the last reporting year that has
    ended (1 August to 31 July), whose offshore return the bench opens."""
    from partnerships.core.models import Strand
    from partnerships.programmes.models import Programme

    today = timezone.localdate()
    return {
        "programme": Programme.objects.filter(is_demo=True).annotate(n=Count("cohorts")).order_by("-n", "pk").first(),
        "strand": Strand.objects.get(code="education"),
        "year": (today.year if today.month >= 8 else today.year - 1) - 1,
    }


def catalogue() -> list[Request]:
    from partnerships.agreements.models import Agreement, AgreementKind
    from partnerships.capacity.models import Activity
    from partnerships.core.models import College, Institution, Strand, Theme
    from partnerships.organisations.models import Affiliation, Organisation, Person
    from partnerships.postgraduate.models import TrainingRecord
    from partnerships.relationships.models import Interaction
    from partnerships.research.models import Output, Project
    from partnerships.strategy.models import Initiative, Objective

    home = Organisation.objects.get(ror_id=Institution.current().ror_id)
    partner = (
        Organisation.objects.filter(is_demo=True)
        .exclude(pk=home.pk)
        .annotate(n=Count("interactions"))
        .order_by("-n", "pk")
        .first()
    )
    contact = (
        Person.objects.filter(is_demo=True, kind="contact").annotate(n=Count("interactions")).order_by("-n", "pk")[0]
    )
    staff = Person.objects.filter(is_demo=True, kind="staff").annotate(n=Count("interactions")).order_by("-n", "pk")[0]
    interaction = Interaction.objects.filter(is_demo=True).order_by("-date", "-pk")[0]
    agreement = Agreement.objects.filter(is_demo=True).annotate(n=Count("children")).order_by("-n", "pk")[0]
    party = agreement.parties.exclude(organisation=home).first()
    signatory = party.signatories.first()
    obligation = (
        agreement.obligations.first() or Agreement.objects.filter(obligations__isnull=False).first().obligations.first()
    )
    affiliation = Affiliation.objects.filter(person=contact).first()
    relationship = partner.relationship
    institution = Institution.current()
    year_ago = (timezone.localdate() - timedelta(days=365)).isoformat()
    month_ago = (timezone.localdate() - timedelta(days=30)).isoformat()

    project = Project.objects.filter(is_demo=True).annotate(n=Count("partners")).order_by("-n", "pk")[0]
    training = TrainingRecord.objects.filter(is_demo=True).order_by("pk")[0]
    activity = Activity.objects.filter(is_demo=True).order_by("pk")[0]
    output = Output.objects.filter(is_demo=True).order_by("pk")[0]
    initiative = Initiative.objects.filter(is_demo=True).order_by("pk")[0]
    objective = Objective.objects.filter(is_demo=True, projects__isnull=False).order_by("pk")[0]
    research = Strand.objects.get(code="research")
    business = business_records()
    education = programme_records()

    pages = [
        ("home page", "/"),
        # Lists, plain and filtered.
        ("organisation list", "/organisations/"),
        ("organisation list ?q=university", "/organisations/?q=university"),
        ("organisation list ?kind=university", "/organisations/?kind=university"),
        ("person list", "/people/"),
        ("person list ?q=wang", "/people/?q=wang"),
        ("person list ?organisation=partner", f"/people/?organisation={partner.pk}"),
        ("affiliation list", "/affiliations/"),
        ("relationship list", "/relationships/"),
        ("relationship board", "/relationships/board/"),
        ("interaction list", "/interactions/"),
        ("interaction list ?organisation=partner", f"/interactions/?organisation={partner.pk}"),
        ("interaction list ?strands=…", f"/interactions/?strands={Strand.objects.first().code}"),
        ("agreement list", "/agreements/"),
        ("agreement list ?status=active", "/agreements/?status=active"),
        ("agreement list ?partner=partner", f"/agreements/?partner={partner.pk}"),
        ("agreement calendar", "/agreements/calendar/"),
        ("agreement kind list", "/agreement-kinds/"),
        ("college list", "/colleges/"),
        ("strand list", "/strands/"),
        ("theme list", "/themes/"),
        ("registry list", "/registry/"),
        ("registry list ?q=guangzhou", "/registry/?q=guangzhou"),
        ("duplicates", "/duplicates/"),
        ("notifications", "/notifications/"),
        # Detail pages.
        ("the home institution's page", home.get_absolute_url()),
        ("a partner's page", partner.get_absolute_url()),
        ("a contact's page", contact.get_absolute_url()),
        ("a staff member's page", staff.get_absolute_url()),
        ("affiliation page", affiliation.get_absolute_url()),
        ("relationship page", relationship.get_absolute_url()),
        ("interaction page", interaction.get_absolute_url()),
        ("agreement page", agreement.get_absolute_url()),
        ("party page", party.get_absolute_url()),
        ("signatory page", signatory.get_absolute_url()),
        ("obligation page", obligation.get_absolute_url()),
        ("agreement kind page", AgreementKind.objects.first().get_absolute_url()),
        ("strand page", Strand.objects.first().get_absolute_url()),
        ("college page", College.objects.first().get_absolute_url()),
        ("theme page", Theme.objects.first().get_absolute_url()),
        ("registry entry page", f"/registry/{partner.ror_id}/"),
        ("institution profile", institution.get_absolute_url()),
        # The alliance's work (issue 9).
        ("project list", "/projects/"),
        ("project list ?status=active", "/projects/?status=active"),
        ("project page", project.get_absolute_url()),
        ("output list", "/outputs/"),
        ("output page", output.get_absolute_url()),
        ("training list", "/postgraduate/"),
        ("training record page", training.get_absolute_url()),
        ("activity list", "/capacity-building/"),
        ("activity page", activity.get_absolute_url()),
        ("initiative page", initiative.get_absolute_url()),
        ("objective page", objective.get_absolute_url()),
        ("research strand overview", research.get_absolute_url()),
        # Business engagement (confidential rows: the bench user is in the business-engagement team).
        ("need list", "/business-needs/"),
        ("need list ?status=open", "/business-needs/?status=open"),
        ("IP asset list", "/ip-assets/"),
        ("expertise list", "/expertise/"),
        ("match list", "/matches/"),
        ("deal list", "/deals/"),
        ("deal board", "/deals/board/"),
        ("deal forecast", "/deals/forecast/"),
        ("need page", business["need"].get_absolute_url()),
        ("IP asset page (ranks every open need)", business["ip_asset"].get_absolute_url()),
        ("deal page", business["deal"].get_absolute_url()),
        # The educational platform.
        ("programme list", "/programmes/"),
        ("programme list ?status=running", "/programmes/?status=running"),
        ("programme page (cohort grid, every year)", education["programme"].get_absolute_url()),
        ("cohort list", "/cohorts/"),
        ("accreditation list", "/accreditations/"),
        ("offshore return, last completed year", f"/programmes/offshore-return/?year={education['year']}"),
        ("education strand overview", education["strand"].get_absolute_url()),
        # Forms.
        ("organisation form (new)", "/organisations/add/"),
        ("organisation form (edit)", f"/organisations/{partner.pk}/edit/"),
        ("person form (new)", "/people/add/"),
        ("affiliation form (new)", "/affiliations/add/"),
        ("relationship form (edit)", f"/relationships/{relationship.pk}/edit/"),
        ("interaction form (new)", f"/interactions/add/?organisations={partner.pk}"),
        ("interaction form (edit)", f"/interactions/{interaction.pk}/edit/"),
        ("agreement form (edit)", f"/agreements/{agreement.pk}/edit/"),
        ("party form (new)", f"/agreement-parties/add/?agreement={agreement.pk}"),
    ]
    requests = [Request(label, path) for label, path in pages]
    requests.append(
        Request(
            "cohort grid, a row open (HTMX)",
            f"/programmes/{education['programme'].pk}/cohorts/grid/?edit=new",
            headers=(("HX-Request", "true"),),
        )
    )
    requests += [Request(f"search “{q}”", f"/search/?q={quote(q)}", group="search") for q in SEARCH_QUERIES]
    requests.append(Request("search API “SYSU”", "/api/search/?q=SYSU", group="search"))
    requests.append(
        Request(
            "organisation suggestions “Sun Yat Sen Univ.”",
            "/organisations/suggest/?name_en=Sun+Yat+Sen+Univ.",
            headers=(("HX-Request", "true"),),
            group="search",
        )
    )
    requests.append(
        Request(
            "resolve API “Sun Yat Sen Univ.”",
            "/api/resolve/",
            method="POST",
            body=json.dumps({"query": "Sun Yat Sen Univ."}).encode(),
            headers=(("Content-Type", "application/json"),),
            group="search",
        )
    )
    api = [
        ("organisations", None),
        ("people", None),
        ("affiliations", None),
        ("relationships", None),
        ("interactions", None),
        ("agreements", None),
        ("agreement-parties", None),
        ("business-needs", None),
        ("ip-assets", None),
        ("deals", None),
        ("programmes", None),
        ("organisations", partner.pk),
        ("people", contact.pk),
        ("interactions", interaction.pk),
        ("agreements", agreement.pk),
    ]
    for name, pk in api:
        path = f"/api/{name}/{pk}/" if pk else f"/api/{name}/"
        requests.append(Request(f"API {path.replace(str(pk), '…') if pk else path}", path, group="api"))
    requests.append(
        Request(
            "API /api/interactions/?organisation=partner", f"/api/interactions/?organisation={partner.pk}", group="api"
        )
    )
    requests.append(
        Request(
            "API /api/interactions/ (browsable, HTML)",
            "/api/interactions/",
            headers=(("Accept", "text/html"),),
            group="api",
        )
    )
    # Exports grow with what they export by nature: they must stream and keep memory flat.
    requests += [
        Request(
            "export interactions, last 30 days, CSV",
            f"/interactions/?date_after={month_ago}&export=csv",
            group="export",
        ),
        Request(
            "export interactions, last year, CSV", f"/interactions/?date_after={year_ago}&export=csv", group="export"
        ),
        Request(
            "export interactions, last year, XLSX", f"/interactions/?date_after={year_ago}&export=xlsx", group="export"
        ),
        Request("export organisations, CSV", "/organisations/?export=csv", group="export"),
        Request("export people, XLSX", "/people/?export=xlsx", group="export"),
        Request("export agreements, CSV", "/agreements/?export=csv", group="export"),
        Request(
            "export offshore return, last completed year, CSV",
            f"/programmes/offshore-return/?year={education['year']}&export=csv",
            group="export",
        ),
    ]
    return requests
