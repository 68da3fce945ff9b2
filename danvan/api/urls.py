from django.urls import path, re_path, register_converter

from danvan.api import docs, open311
from danvan.api.v1 import api


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

# No app_name: django-ninja reverses its own "api-v1" namespace, which must stay top-level.
urlpatterns = [
    path("api/v1/docs/assets/<str:name>", docs.docs_asset, name="api_docs_asset"),
    path("api/v1/", api.urls),
    path("open311/discovery.<fmt:fmt>", open311.discovery, name="open311_discovery"),
    path("open311/v2/discovery.<fmt:fmt>", open311.discovery, name="open311_discovery_v2"),
    path("open311/v2/services.<fmt:fmt>", open311.services_list, name="open311_services"),
    path("open311/v2/services/<slug:service_code>.<fmt:fmt>", open311.service_definition,
         name="open311_service"),
    path("open311/v2/requests.<fmt:fmt>", open311.requests_view, name="open311_requests"),
    path("open311/v2/requests/<slug:request_id>.<fmt:fmt>", open311.request_detail, name="open311_request"),
    path("open311/v2/tokens/<slug:token>.<fmt:fmt>", open311.token_detail, name="open311_token"),
    # Last: anything else under /open311/ answers 404 in the spec's error format.
    re_path(r"^open311/(?P<rest>.*)$", open311.not_found, name="open311_not_found"),
]
