"""The research app's sections of other pages: an organisation's, a person's and an agreement's
projects, and the research overview on strand, theme and college pages."""

from partnerships.agreements.models import Agreement
from partnerships.core.models import College, Strand, Theme
from partnerships.core.panels import linked, list_url, panel, register_home_count, register_page_panel
from partnerships.organisations.models import Organisation, Person
from partnerships.strategy.models import Initiative, Objective

from .models import Output, Project, ProjectMember, ProjectPartner
from .overview import overview


def _projects(request):
    return Project.objects.restrict(request.user, "view").order_by("-pk")


def organisation_projects(request, organisation):
    return panel(
        linked(_projects(request), ProjectPartner.objects.filter(organisation=organisation), "project"),
        url=list_url("research:project_list", partner=organisation.pk),
    )


def person_projects(request, person):
    return panel(
        linked(_projects(request), ProjectMember.objects.filter(person=person), "project"),
        url=list_url("research:project_list", person=person.pk),
    )


def agreement_projects(request, agreement):
    return panel(
        _projects(request).filter(agreement=agreement), url=list_url("research:project_list", agreement=agreement.pk)
    )


def initiative_projects(request, initiative):
    return panel(
        _projects(request).filter(initiative=initiative),
        url=list_url("research:project_list", initiative=initiative.pk),
    )


def objective_projects(request, objective):
    """The projects serving an objective; none, no section (the page then says nothing serves it)."""
    rows = panel(
        _projects(request).filter(objectives=objective), url=list_url("research:project_list", objective=objective.pk)
    )
    return rows or None


def _outputs(request):
    return Output.objects.restrict(request.user, "view").order_by("-year", "-pk")


def organisation_outputs(request, organisation):
    """Outputs co-authored with the partner: they count towards it."""
    rows = panel(
        linked(_outputs(request), Output.partners.through.objects.filter(organisation=organisation), "output"),
        url=list_url("research:output_list", partner=organisation.pk),
    )
    return rows or None


def outputs_of_projects(field: str):
    """The outputs of the projects whose `field` is the page's record (an agreement, an initiative)."""

    def build(request, obj):
        projects = Project.objects.restrict(request.user, "view").filter(**{field: obj}).values("pk")
        links = Output.projects.through.objects.filter(project__in=projects)
        return panel(linked(_outputs(request), links, "output")) or None

    return build


def term_overview(field: str):
    """The research overview of the projects tagged with a strand, theme or college; None when none are."""

    def build(request, term):
        return overview(request, field, term)

    return build


def register() -> None:
    register_home_count(Project, 50)
    template = "research/panels/projects.html"
    register_page_panel(Organisation, "projects", template=template, order=50, build=organisation_projects)
    register_page_panel(Person, "projects", template=template, order=40, build=person_projects)
    register_page_panel(Agreement, "projects", template=template, order=10, build=agreement_projects)
    register_page_panel(Initiative, "projects", template=template, order=10, build=initiative_projects)
    register_page_panel(Objective, "projects", template=template, order=10, build=objective_projects)
    outputs = "research/panels/outputs.html"
    register_page_panel(Organisation, "outputs", template=outputs, order=52, build=organisation_outputs)
    register_page_panel(Agreement, "outputs", template=outputs, order=12, build=outputs_of_projects("agreement"))
    register_page_panel(Initiative, "outputs", template=outputs, order=12, build=outputs_of_projects("initiative"))
    for model, field in ((Strand, "strands"), (Theme, "themes"), (College, "colleges")):
        register_page_panel(
            model, "research", template="research/panels/overview.html", order=10, build=term_overview(field)
        )
