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


def register_app(app_label: str, *, profile_models: tuple[str, ...] = ()) -> None:
    """Bring an app's models into the roles (in its AppConfig.ready()): viewers see them, editors
    write them, except `profile_models` (reference data such as exchange rates), which only admins edit."""
    if app_label not in REGISTER_APPS:
        REGISTER_APPS.append(app_label)
    PROFILE_MODELS.extend(m for m in profile_models if m not in PROFILE_MODELS)


def _register_permissions():
    return Permission.objects.filter(content_type__app_label__in=REGISTER_APPS).exclude(
        content_type__model__in=SYSTEM_MODELS
    )


def ensure_roles(**kwargs):
    """Create the role groups and (re)grant their permissions; safe to run any number of times."""
    perms = _register_permissions()
    view = perms.filter(codename__startswith="view_")
    # Registry entries are reference data loaded by command; nobody edits them by hand.
    edit = perms.exclude(content_type__model__in=PROFILE_MODELS).exclude(content_type__app_label="registry")
    admin = perms.filter(Q(content_type__app_label__in=REGISTER_APPS)).exclude(content_type__app_label="registry")
    # The institution profile is one record, loaded at set-up: edited, never added or deleted.
    admin = admin.exclude(codename__in=["add_institution", "delete_institution"])
    for name, granted in ((VIEWER, view), (EDITOR, view | edit), (ADMIN, view | admin)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(granted.distinct())
    Group.objects.get(name=ADMIN).permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", content_type__model="user")
    )


def is_admin(user) -> bool:
    """Whether `user` holds the admin role (or is a superuser)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=ADMIN).exists()
