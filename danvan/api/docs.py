"""Swagger UI for /api/v1/docs served from the django-ninja package itself: no CDN, no outside fetch.

Government networks are often isolated (DESIGN.md); django-ninja falls back to jsDelivr when "ninja" is
not an installed app, so the page and its assets are rendered and served here instead.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI

ASSET_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png", "favicon.svg"})


class OfflineSwagger(Swagger):
    def __init__(self) -> None:
        # validatorUrl: Swagger UI would otherwise ask validator.swagger.io to check the schema.
        super().__init__(settings={"validatorUrl": None, "tryItOutEnabled": False})

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        return render(request, "api/swagger.html", {
            "api": api, "swagger_settings": json.dumps(self.settings, indent=1),
            "asset": {name.replace("-", "_").replace(".", "_"): reverse("api_docs_asset", args=[name])
                      for name in ASSETS},
        })


@cache_control(public=True, max_age=86400)
def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    if name not in ASSETS:
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse((ASSET_DIR / name).open("rb"), content_type=content_type)
