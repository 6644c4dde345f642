"""The rule that ties training to research: a record names a project unless it is only proposed."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import TrainingStatus


def check_projects(status: str, projects) -> None:
    """Raise a ValidationError on `projects` when a record past "proposed" names no research project."""
    if status != TrainingStatus.PROPOSED and not list(projects):
        raise ValidationError(
            {"projects": _("Link at least one research project: only a proposed record may have none.")}
        )
