from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET

from danvan.org import places
from danvan.params import int_param


@require_GET
def ward_options(request: HttpRequest) -> HttpResponse:
    """<option>s of the wards of one province, for the address pickers (htmx)."""
    code = int_param(request.GET.get("province_code"))
    wards = places.wards(code) if code is not None else []
    options = format_html_join("", '<option value="{}">{}</option>', wards)
    return HttpResponse('<option value="">—</option>' + options)
