from partnerships.core.forms import PlatformModelForm

from .models import RegistryName


class RegistryNameForm(PlatformModelForm):
    class Meta:
        model = RegistryName
        fields = ["ror_id", "name", "kind", "language", "source"]
