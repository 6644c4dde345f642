"""Business engagement's sections of other pages: a company's needs and deals, a person's IP and
deals and expertise, a project's IP, an agreement's deals, and the home page's count of open needs.

Every section reads through `restrict()`, and a section with nothing the reader may see is left out
altogether (None), so a page shows no trace of confidential records to someone outside the team.
"""

from django.db.models import Q

from partnerships.agreements.models import Agreement
from partnerships.core.models import College, Strand, Theme
from partnerships.core.panels import list_url, panel, register_home_count, register_page_panel
from partnerships.organisations.models import Organisation, Person
from partnerships.research.models import Project

from .models import Deal, Expertise, IPAsset, Need
from .overview import term_overview


def _shown(rows):
    return rows or None


def organisation_needs(request, organisation):
    return _shown(
        panel(
            Need.objects.restrict(request.user, "view").filter(company=organisation).order_by("-pk"),
            url=list_url("business:need_list", company=organisation.pk),
        )
    )


def organisation_deals(request, organisation):
    return _shown(
        panel(
            Deal.objects.restrict(request.user, "view").filter(company=organisation).order_by("-pk"),
            url=list_url("business:deal_list", company=organisation.pk),
        )
    )


def person_ip(request, person):
    named = IPAsset.inventors.through.objects.filter(person=person).values("ipasset")
    return _shown(
        panel(
            IPAsset.objects.restrict(request.user, "view").filter(Q(pk__in=named) | Q(owner=person)).order_by("-pk"),
            url=list_url("business:ipasset_list", person=person.pk),
        )
    )


def person_deals(request, person):
    named = Deal.team.through.objects.filter(person=person).values("deal")
    return _shown(
        panel(
            Deal.objects.restrict(request.user, "view").filter(Q(pk__in=named) | Q(owner=person)).order_by("-pk"),
            url=list_url("business:deal_list", person=person.pk),
        )
    )


def person_expertise(request, person):
    return Expertise.objects.restrict(request.user, "view").filter(person=person).first()


def project_ip(request, project):
    return _shown(
        panel(
            IPAsset.objects.restrict(request.user, "view").filter(projects=project).order_by("-pk"),
            url=list_url("business:ipasset_list", project=project.pk),
        )
    )


def agreement_deals(request, agreement):
    return _shown(
        panel(
            Deal.objects.restrict(request.user, "view").filter(agreement=agreement).order_by("-pk"),
            url=list_url("business:deal_list", agreement=agreement.pk),
        )
    )


def register() -> None:
    # Counted through restrict(): an outsider's home page says 0, as if there were none.
    register_home_count(Need, 70)
    records = "business/panels/records.html"
    register_page_panel(Organisation, "business_needs", template=records, order=70, build=organisation_needs)
    register_page_panel(Organisation, "deals", template=records, order=72, build=organisation_deals)
    register_page_panel(Person, "ip_assets", template=records, order=70, build=person_ip)
    register_page_panel(Person, "deals", template=records, order=72, build=person_deals)
    register_page_panel(
        Person, "expertise", template="business/panels/expertise.html", order=68, build=person_expertise
    )
    register_page_panel(Project, "ip_assets", template=records, order=30, build=project_ip)
    register_page_panel(Agreement, "deals", template=records, order=30, build=agreement_deals)
    for model, field in ((Strand, "strands"), (Theme, "themes"), (College, "colleges")):
        register_page_panel(
            model, "business", template="business/panels/overview.html", order=40, build=term_overview(field)
        )
