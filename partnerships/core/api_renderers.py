"""How the API answers a browser (kept apart from `api.py`: DRF loads renderers while importing its views)."""

from rest_framework.renderers import BrowsableAPIRenderer


class PlatformBrowsableAPIRenderer(BrowsableAPIRenderer):
    """The browsable API without its HTML forms: those render every organisation, person and
    interaction as an `<option>` for each related field (DRF stops at 1,000 a field, which is still
    megabytes). The raw JSON form stays, and so do the filters (they search as you type)."""

    def get_rendered_html_form(self, data, view, method, request):
        return None
