"""Roles are Django groups whose permissions are kept in step with the models after every migrate.

viewer: sees every register record.  editor: also creates, changes and deletes them.
admin: also edits the institution profile (colleges, strands, themes) and manages users.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

REGISTER_APPS = ["core", "registry", "organisations", "relationships", "agreements"]
PROFILE_MODELS = ["college", "strand", "theme", "institution", "agreementkind"]
# Kept out of every role: written only by the platform itself.
SYSTEM_MODELS = ("objectchange", "changerelation", "userpreference", "timelineevent", "notification")

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
ROLES = (VIEWER, EDITOR, ADMIN)
# Team roles (a group each) and the apps whose records the team sees and writes in full; held with
# one of the roles above (a viewer who is also on the business-engagement team, for example).
TEAMS: dict[str, list[str]] = {}


def register_app(app_label: str, *, profile_models: tuple[str, ...] = ()) -> None:
    """Bring an app's models into the roles (in its AppConfig.ready()): viewers see them, editors
    write them, except `profile_models` (reference data such as exchange rates), which only admins edit."""
    if app_label not in REGISTER_APPS:
        REGISTER_APPS.append(app_label)
    PROFILE_MODELS.extend(m for m in profile_models if m not in PROFILE_MODELS)


def register_team(name: str, app_label: str) -> None:
    """A team role that writes every record of `app_label`, including rows the app keeps confidential
    (core.confidential): the business-engagement team for business engagement."""
    TEAMS.setdefault(name, [])
    if app_label not in TEAMS[name]:
        TEAMS[name].append(app_label)


def _register_permissions():
    return Permission.objects.filter(content_type__app_label__in=REGISTER_APPS).exclude(
        content_type__model__in=SYSTEM_MODELS
    )


def ensure_roles(**kwargs):
    """Create the role groups and (re)grant their permissions; safe to run any number of times."""
    perms = _register_permissions()
    view = perms.filter(codename__startswith="view_")
    # Registry entries are reference data loaded by command; nobody edits them by hand. The names added
    # to them (short forms, names in another script) are kept by admins.
    edit = perms.exclude(content_type__model__in=PROFILE_MODELS).exclude(content_type__app_label="registry")
    admin = perms.filter(Q(content_type__app_label__in=REGISTER_APPS)).exclude(
        content_type__app_label="registry", content_type__model="registryentry"
    )
    # The institution profile is one record, loaded at set-up: edited, never added or deleted.
    admin = admin.exclude(codename__in=["add_institution", "delete_institution"])
    for name, granted in ((VIEWER, view), (EDITOR, view | edit), (ADMIN, view | admin)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(granted.distinct())
    Group.objects.get(name=ADMIN).permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", content_type__model="user")
    )
    for name, app_labels in TEAMS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            perms.filter(content_type__app_label__in=app_labels).exclude(content_type__model__in=PROFILE_MODELS)
        )


def role_names(user) -> frozenset[str]:
    """The roles `user` holds, read once per user object (a request asks many times)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, "_platform_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._platform_roles = cached
    return cached


def has_role(user, name: str) -> bool:
    return bool(name) and name in role_names(user)


def is_admin(user) -> bool:
    """Whether `user` holds the admin role (or is a superuser)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or has_role(user, ADMIN)
