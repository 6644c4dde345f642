"""Row-level confidentiality that any model can opt into, so every channel inherits it.

A model that inherits `Confidential` and names a team (a role) and the paths to the people named on
a record is seen, in full, only by that team and by admins; anyone else with the model permission
sees only the rows that name them (`confidential_named`: the owner's user, the inventors' users …).

It works through `restrict_rows`, which `permissions.restrict` calls: lists, detail pages (404 for
a row one may not see), the global search's hits and counts, choice lists and filters, exports, the
API, panels on other records' pages, strand and term pages and the home page's counts all read
through `restrict`, so none of them needs a rule of its own. Reads that do not go through a
queryset of the model handle restricted types by `is_restricted`: a record's history leaves their
changes out of other records' histories, a merge preview counts only what its reader may see.
"""

from django.db.models import Q

from .roles import has_role, is_admin


def is_restricted(model) -> bool:
    """Whether the model hides some rows from some users (confidential or any other row rule)."""
    return hasattr(model, "restrict_rows")


class Confidential:
    """Mixin for a model whose rows only its team, admins and the people named on them may see."""

    # The role (a group, see roles.register_team) that sees every row.
    confidential_team: str = ""
    # Paths from the model to a user: "owner__user", "inventors__user", "need__owner__user".
    confidential_named: tuple[str, ...] = ()

    @classmethod
    def sees_all(cls, user) -> bool:
        return is_admin(user) or has_role(user, cls.confidential_team)

    @classmethod
    def restrict_rows(cls, queryset, user, action: str):
        if cls.sees_all(user):
            return queryset
        named = Q()
        for path in cls.confidential_named:
            named |= Q(**{path: user})
        # A subquery rather than a join on the queryset itself: paths through many-to-many links
        # would repeat rows, and the caller's queryset keeps its own ordering and annotations.
        return queryset.filter(pk__in=cls._base_manager.filter(named).values("pk"))
