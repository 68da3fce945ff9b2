"""The movement's steps, each one transaction with its audit event. Bad input raises ValidationError with a
message in the official's language and changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.emulation.models import Domain, Evidence, MobilizationModel, Replication
from danvan.org.models import Unit, User
from danvan.org.predicates import sees_every_unit, user_unit_ids
from danvan.petitions import uploads
from textmining.normalize import fold, to_nfc


def _may_act_for(user: User, unit: Unit) -> None:
    if not (sees_every_unit(user) or unit.pk in user_unit_ids(user)):
        raise PermissionDenied(_("Bạn không thể thay mặt đơn vị %(u)s.") % {"u": unit.name})


def _not_future(day: dt.date, what: str) -> None:
    if day > timezone.localdate():
        raise ValidationError(_("%(what)s không thể sau hôm nay.") % {"what": what})


@transaction.atomic
def model_register(*, unit: Unit, title: str, domain: str, year: int, started_on: dt.date, summary: str,
                   by: User) -> MobilizationModel:
    if not by.has_perm("emulation.register_model"):
        raise PermissionDenied
    _may_act_for(by, unit)
    title, summary = to_nfc(title), to_nfc(summary)
    key = MobilizationModel.key_of(title)
    problems = []
    if not title:
        problems.append(_("Cần tên mô hình."))
    if domain not in Domain.values:
        problems.append(_("Lĩnh vực không hợp lệ."))
    if len(summary) < 20:
        problems.append(_("Cần mô tả mục tiêu, cách làm (ít nhất 20 ký tự)."))
    this_year = timezone.localdate().year
    if not this_year - 10 <= year <= this_year + 1:
        problems.append(_("Năm đăng ký phải trong khoảng %(a)s–%(b)s.") % {"a": this_year - 10, "b": this_year + 1})
    elif started_on.year > year:
        problems.append(_("Ngày bắt đầu thực hiện phải trong năm đăng ký hoặc trước đó."))
    if MobilizationModel.objects.filter(unit=unit, year=year, title_key=key).exists():
        problems.append(_("Đơn vị đã đăng ký mô hình này trong năm %(y)s.") % {"y": year})
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            model = MobilizationModel.objects.create(unit=unit, title=title, title_key=key, domain=domain, year=year,
                                                     started_on=started_on, summary=summary, created_by=by)
    except IntegrityError:  # registered by someone else a moment ago
        raise ValidationError(_("Đơn vị đã đăng ký mô hình này trong năm %(y)s.") % {"y": year}) from None
    audit_record(action="emulation.register", obj=model, by=by,
                 data={"unit": unit.pk, "year": year, "domain": domain})
    return model


@transaction.atomic
def model_report(*, model: MobilizationModel, results: str, people_benefited: int | None, by: User,
                 on: dt.date | None = None, evidence: list[UploadedFile] | None = None) -> MobilizationModel:
    """Record (or correct, until evaluated) a model's results, with files that show them: each checked as a
    petition's attachments are (type by content, size, how many at once), none kept unless all pass."""
    model = MobilizationModel.objects.select_for_update().get(pk=model.pk)
    if not by.has_perm("emulation.report_model", model):
        raise PermissionDenied
    on = on or timezone.localdate()
    if model.status not in (MobilizationModel.Status.REGISTERED, MobilizationModel.Status.REPORTED):
        raise ValidationError(_("Mô hình đã được đánh giá; kết quả không còn sửa được."))
    results = results.strip()
    if len(results) < 20:
        raise ValidationError(_("Cần nêu kết quả đạt được (ít nhất 20 ký tự)."))
    if people_benefited is not None and people_benefited < 0:
        raise ValidationError(_("Số người được hưởng lợi không thể âm."))
    _not_future(on, _("Ngày báo cáo"))
    if on < model.started_on:
        raise ValidationError(_("Không thể báo cáo kết quả trước ngày bắt đầu thực hiện (%(d)s).") % {
            "d": f"{model.started_on:%d/%m/%Y}"})
    uploads.check_count(len(evidence or []))
    checked = [uploads.check_upload(f) for f in evidence or []]
    model.results, model.people_benefited, model.reported_on = results, people_benefited, on
    model.status = MobilizationModel.Status.REPORTED
    model.save()
    for upload in checked:
        Evidence.objects.create(model=model, uploaded_by=by, **uploads.upload_save(upload, Evidence).row())
    audit_record(action="emulation.report", obj=model, by=by, data={
        "on": on, "people": people_benefited, "evidence": [u.sha256 for u in checked]})
    return model


@transaction.atomic
def model_evaluate(*, model: MobilizationModel, recognized: bool, decision_ref: str, note: str, by: User,
                   on: dt.date | None = None) -> MobilizationModel:
    model = MobilizationModel.objects.select_for_update().get(pk=model.pk)
    if not by.has_perm("emulation.evaluate_model", model):
        raise PermissionDenied
    on = on or timezone.localdate()
    if model.status != MobilizationModel.Status.REPORTED:
        raise ValidationError(_("Chỉ đánh giá mô hình đã báo cáo kết quả và chưa được đánh giá."))
    decision_ref = decision_ref.strip()
    if recognized and not decision_ref:
        raise ValidationError(_("Cần số quyết định công nhận mô hình điển hình."))
    _not_future(on, _("Ngày đánh giá"))
    assert model.reported_on is not None
    if on < model.reported_on:
        raise ValidationError(_("Không thể đánh giá trước ngày báo cáo kết quả (%(d)s).") % {
            "d": f"{model.reported_on:%d/%m/%Y}"})
    model.status = MobilizationModel.Status.RECOGNIZED if recognized else MobilizationModel.Status.NOT_RECOGNIZED
    model.evaluated_on, model.decision_ref, model.evaluation_note = on, decision_ref, note.strip()
    model.save()
    audit_record(action="emulation.evaluate", obj=model, by=by,
                 data={"on": on, "recognized": recognized, "decision": decision_ref})
    return model


@transaction.atomic
def model_replicate(*, model: MobilizationModel, unit: Unit, started_on: dt.date, note: str,
                    by: User) -> Replication:
    if not by.has_perm("emulation.replicate_model", model):
        raise PermissionDenied
    _may_act_for(by, unit)
    model = MobilizationModel.objects.select_for_update().get(pk=model.pk)
    if model.status != MobilizationModel.Status.RECOGNIZED:
        raise ValidationError(_("Chỉ nhân rộng mô hình đã được công nhận điển hình."))
    if unit.pk == model.unit_id:
        raise ValidationError(_("Mô hình đã là của đơn vị này."))
    _not_future(started_on, _("Ngày bắt đầu"))
    assert model.evaluated_on is not None
    if started_on < model.evaluated_on:
        raise ValidationError(_("Chỉ nhân rộng từ ngày mô hình được công nhận (%(d)s).") % {
            "d": f"{model.evaluated_on:%d/%m/%Y}"})
    try:
        with transaction.atomic():
            replication = Replication.objects.create(model=model, unit=unit, started_on=started_on,
                                                     note=note.strip(), created_by=by)
    except IntegrityError:
        raise ValidationError(_("Đơn vị %(u)s đã nhân rộng mô hình này.") % {"u": unit.name}) from None
    audit_record(action="emulation.replicate", obj=model, by=by, data={"unit": unit.pk, "on": started_on})
    return replication


@dataclass(frozen=True)
class UnitYear:
    """One unit's part in the movement in a year: its models by how far they went, and the recognised
    models of other units it took up that year."""

    unit: Unit
    registered: int
    reported: int  # reported results, evaluated or not
    recognised: int
    taken_up: int


def year_summary(year: int) -> list[UnitYear]:
    models = (MobilizationModel.objects.filter(year=year).order_by().values("unit_id")
              .annotate(registered=Count("id"),
                        reported=Count("id", filter=~Q(status=MobilizationModel.Status.REGISTERED)),
                        recognised=Count("id", filter=Q(status=MobilizationModel.Status.RECOGNIZED))))
    counts: dict[int, tuple[int, int, int]] = {
        row["unit_id"]: (row["registered"], row["reported"], row["recognised"]) for row in models}
    taken: dict[int, int] = dict(Replication.objects.filter(started_on__year=year).order_by()
                                 .values_list("unit_id").annotate(n=Count("id")))
    units = Unit.objects.filter(pk__in=set(counts) | set(taken))
    rows = [UnitYear(u, *counts.get(u.pk, (0, 0, 0)), taken_up=taken.get(u.pk, 0)) for u in units]
    return sorted(rows, key=lambda r: fold(r.unit.name))
