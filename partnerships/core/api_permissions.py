"""The API's permission class, in a module of its own: DRF reads it from settings while its own
views module is still importing, so it must not import anything that imports DRF's views."""

from rest_framework.permissions import DjangoModelPermissions


class ModelPermissions(DjangoModelPermissions):
    """Django model permissions, with reading guarded too (viewers need `view_*`)."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }
