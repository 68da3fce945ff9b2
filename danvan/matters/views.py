"""The matters desk: thin views over services and selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.audit.selectors import events_for
from danvan.documents.engine import MissingValues
from danvan.documents.selectors import documents_for
from danvan.documents.views import DOCX
from danvan.matters import documents as md
from danvan.matters import selectors, services, workflow
from danvan.matters.forms import FilterForm, document_choices, document_form, transition_form, transition_params
from danvan.matters.models import Matter, MatterRecord
from danvan.org.models import Role, User

PAGE_SIZE = 25
# Counting every overdue matter of a large agency costs a second at a million open matters (docs/workflows.md,
# "At scale"); past this many the list says "more than" instead of counting them all.
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """A Paginator whose count stops at COUNT_CAP + 1 (one COUNT over a LIMITed subquery)."""

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list  # a QuerySet: counting its slice is COUNT(*) over a LIMITed subquery
        # Unordered, the database stops at any COUNT_CAP + 1 matching rows instead of the most overdue ones.
        counted: int = rows.order_by()[:COUNT_CAP + 1].count()
        return counted

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def _official(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_perm("matters.view_matter"):
        raise PermissionDenied
    return user


def _matter_for(request: HttpRequest, code: str) -> tuple[User, Matter]:
    user = _official(request)
    matter = get_object_or_404(Matter.objects.select_related("unit", "assignee", "verifier"), code=code)
    if not user.has_perm("matters.view_matter", matter):
        raise PermissionDenied
    return user, matter


@login_required
def matter_list(request: HttpRequest) -> HttpResponse:
    user = _official(request)
    form = FilterForm(request.GET or None)
    filters = selectors.MatterFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.MatterFilters(
            due=data["due"] or "", kind=data["kind"] or "", state=data["state"] or "",
            unit=data["unit"].pk if data["unit"] else None, official=data["official"].pk if data["official"] else None,
        )
    paginator = CappedPaginator(selectors.matters_list(user=user, filters=filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(m, selectors.due_state(m, today), workflow.state_label(m.state)) for m in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    template = "matters/_rows.html" if request.headers.get("HX-Request") else "matters/list.html"
    return render(request, template, {"form": form, "page": page, "rows": rows, "query": query.urlencode(),
                                      "count": paginator.count, "capped": paginator.capped, "cap": COUNT_CAP})


@login_required
def matter_detail(request: HttpRequest, code: str) -> HttpResponse:
    user, matter = _matter_for(request, code)
    allowed = services.transitions_allowed(matter=matter, by=user)
    return render(request, "matters/detail.html", {
        "matter": matter,
        "state_label": workflow.state_label(matter.state),
        "due_state": selectors.due_state(matter),
        "limits": selectors.matter_time_limits(matter),
        "records": [(r, workflow.action_label(matter, r.transition)) for r in selectors.matter_records(matter)],
        "file": selectors.matter_file(user=user, matter=matter),
        "history": [(e, workflow.action_label(matter, e.action)) for e in events_for(matter)],
        "documents": documents_for(matter),
        "forms": [(t, transition_form(t, matter), document_form(matter=matter, step=t.name, by=user,
                                                                before_step=True, prefix=f"{t.name}-doc"))
                  for t in allowed],
        "step_documents": _issuable(matter, user),
        "signer": md.default_signer(matter, user),
    })


@login_required
@require_POST
def matter_step(request: HttpRequest, code: str, name: str) -> HttpResponse:
    user, matter = _matter_for(request, code)
    transition = workflow.transitions_for(matter).get(name)
    if transition is None:
        raise PermissionDenied
    form = transition_form(transition, matter, request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label if field in form.fields else ''}: {' '.join(str(e) for e in errors)}")
        return redirect("matters:detail", code=matter.code)
    params = transition_params(transition, form.cleaned_data)
    on = params.pop("on", None)
    doc_form = document_form(matter=matter, step=name, by=user, data=request.POST, before_step=True,
                             prefix=f"{name}-doc")
    codes: list[str] = []
    values: dict[str, Any] = {}
    signer = {"signer_name": "", "signer_title": ""}
    if doc_form is not None and doc_form.is_valid():
        codes, values = document_choices(doc_form)
        signer = {k: doc_form.cleaned_data[k] for k in signer}
    elif doc_form is not None and any(k.startswith(f"{name}-doc-issue__") for k in request.POST):
        _form_errors(request, doc_form)
        return redirect("matters:detail", code=matter.code)
    try:
        if codes:
            _matter, issued = services.matter_transition_with_documents(
                matter=matter, name=name, by=user, on=on, documents=codes, context=values, **signer, **params)
        else:
            services.matter_transition(matter=matter, name=name, by=user, on=on, **params)
            issued = []
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except MissingValues as exc:
        messages.error(request, _missing_message(exc, step_done=False))
    else:
        messages.success(request, _("Đã ghi: %(t)s.") % {"t": transition.label})
        for doc in issued:
            messages.success(request, _("Đã ban hành %(n)s: %(t)s.") % {"n": doc.number_and_symbol, "t": doc.title})
    return redirect("matters:detail", code=matter.code)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(str(e) for e in errors)}")


def _missing_message(exc: MissingValues, *, step_done: bool) -> str:
    names = ", ".join(f"“{md.value_label(n)}”" for n in exc.names)
    if step_done:
        return _("Chưa ban hành được văn bản: còn thiếu %(n)s. Hãy điền các ô này rồi ban hành lại.") % {"n": names}
    return _("Chưa ban hành được văn bản, nên bước này chưa được ghi: còn thiếu %(n)s. Hãy điền các ô này và gửi "
             "lại.") % {"n": names}


def _issuable(matter: Matter, user: User) -> list[md.StepDocument]:
    """The documents of the steps already taken, for those who may issue them."""
    transitions = workflow.transitions_for(matter)
    return [d for d in md.step_documents(matter, user)
            if d.step in transitions and user.has_perm(transitions[d.step].permission, matter)]


@login_required
@require_POST
def matter_document(request: HttpRequest, code: str, step: str) -> HttpResponse:
    """Issue a document of a step already taken (the "issue document" action of the matter page)."""
    user, matter = _matter_for(request, code)
    transition = workflow.transitions_for(matter).get(step)
    if transition is None or not user.has_perm(transition.permission, matter):
        raise PermissionDenied
    template_code = request.POST.get("template", "")
    record_id = request.POST.get("record") or None
    record = get_object_or_404(MatterRecord, pk=record_id, matter=matter, transition=step) if record_id else None
    values: dict[str, Any] = {}
    for key in request.POST:
        value = request.POST.get(key, "").strip()
        if key.startswith("v__") and value:
            name = key.removeprefix("v__")
            values[name] = _date_or_text(name, value)
    try:
        doc = services.matter_document_issue(
            matter=matter, step=step, by=user, template_code=template_code, record=record, context=values,
            signer_name=request.POST.get("signer_name", "").strip(),
            signer_title=request.POST.get("signer_title", "").strip())
    except KeyError as exc:
        raise PermissionDenied from exc
    except MissingValues as exc:
        messages.error(request, _missing_message(exc, step_done=True))
    except (ValueError, TypeError) as exc:
        messages.error(request, _("Chưa ban hành được văn bản: %(e)s") % {"e": exc})
    else:
        messages.success(request, _("Đã ban hành %(n)s: %(t)s.") % {"n": doc.number_and_symbol, "t": doc.title})
    return redirect("matters:detail", code=matter.code)


def _date_or_text(name: str, value: str) -> Any:
    if name in md.DATE_VALUES:
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
    return value


@login_required
def matter_document_download(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A document about the matter, for whoever may see the matter (supervisors: not a denunciation's)."""
    user, matter = _matter_for(request, code)
    doc = get_object_or_404(documents_for(matter), pk=pk)
    if matter.kind != Matter.Kind.COMPLAINT and user.has_role(Role.SUPERVISOR):
        raise PermissionDenied  # a denunciation's papers may name the people in it; supervisors follow figures
    name = f"{doc.number:02d}-{doc.symbol}.docx"
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=name, content_type=DOCX)
