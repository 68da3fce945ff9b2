"""Opening a denouncer's identity: one page that asks why, records it, and shows it once."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers

from danvan.org.models import User
from danvan.people.forms import IdentityPurposeForm
from danvan.people.selectors import petitioners_for
from danvan.petitions.selectors import petitions_visible_to


@login_required
def identity_reveal(request: HttpRequest, code: str) -> HttpResponse:
    """GET: the purpose form. POST with a purpose: the identity, recorded as viewed with that purpose.

    Nothing is remembered between requests: every look asks again, so every look is in the audit log.
    """
    user = request.user
    if not isinstance(user, User) or not user.has_perm("petitions.view_petition"):
        raise PermissionDenied
    petition = get_object_or_404(petitions_visible_to(user), code=code)
    if not user.has_perm("petitions.view_identity", petition):
        raise PermissionDenied
    form = IdentityPurposeForm(request.POST or None)
    people = None
    if request.method == "POST" and form.is_valid():
        people = petitioners_for(user=user, petition=petition, purpose=form.purpose_text())
    response = render(request, "people/identity.html", {"petition": petition, "form": form, "people": people})
    add_never_cache_headers(response)
    return response
