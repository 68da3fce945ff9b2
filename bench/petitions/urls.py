"""The product's URLs plus /bench/ping/, a trivial view served through the same middleware, for the
submission benchmark's yardstick."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from danvan.urls import urlpatterns as product_urlpatterns


def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"pong", content_type="text/plain")


urlpatterns = [path("bench/ping/", ping), *product_urlpatterns]
