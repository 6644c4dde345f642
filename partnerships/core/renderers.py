"""How form fields are drawn: Django's own Jinja2 widget templates, with the template language behind.

A filter form is a dozen widgets on every list page, and Django's template-language widgets (an
include per option and per attribute list) cost as much as the rest of the page: the same widgets
from Django's Jinja2 templates (`django/forms/jinja2/`, made to render the same HTML) take about a
third of the time. Widgets that only the template language has — the admin's — are found there.
"""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property


class FormRenderer(BaseRenderer):
    @cached_property
    def jinja2(self):
        return Jinja2()

    @cached_property
    def template_language(self):
        return DjangoTemplates()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.template_language.get_template(template_name)
