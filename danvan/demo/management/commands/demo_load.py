"""Load the demo agency: the ministry's structure today, one official per role, and a living petition desk."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from danvan.demo.texts import demo_petition, person_name
from danvan.insights.appraisals import appraisal_record
from danvan.matters.models import Matter
from danvan.matters.services import matter_transition
from danvan.org import places
from danvan.org.models import Role, Unit, User
from danvan.petitions.models import Field, Kind, Petition
from danvan.petitions.services import (
    Outcome,
    PersonData,
    petition_classify,
    petition_decide,
    petition_receive,
    petition_supplement,
)
from danvan.reception.services import Visitor, session_create, visit_record

DEMO_PASSWORD = "danvan-demo-2026"  # noqa: S105 - published in README.md for the demo only

UNITS = [
    # code, name, short name, symbol, kind, parent, province
    ("bnnmt", "Bộ Nông nghiệp và Môi trường", "Bộ NN&MT", "BNNMT", "ministry", None, 1),
    ("van-phong", "Văn phòng Bộ", "VP Bộ", "VP", "department", "bnnmt", 1),
    ("ban-tcd", "Ban Tiếp công dân", "Ban TCD", "TCD", "department", "van-phong", 1),
    ("cuc-qldd", "Cục Quản lý đất đai", "Cục QLĐĐ", "QLĐĐ", "department", "bnnmt", 1),
    ("cuc-mt", "Cục Môi trường", "Cục MT", "MT", "department", "bnnmt", 1),
    ("cuc-qltnn", "Cục Quản lý tài nguyên nước", "Cục QLTNN", "QLTNN", "department", "bnnmt", 1),
    ("cuc-dcks", "Cục Địa chất và Khoáng sản Việt Nam", "Cục ĐCKS", "ĐCKS", "department", "bnnmt", 1),
    ("cuc-lnkl", "Cục Lâm nghiệp và Kiểm lâm", "Cục LNKL", "LNKL", "department", "bnnmt", 1),
    ("cuc-tskn", "Cục Thủy sản và Kiểm ngư", "Cục TSKN", "TSKN", "department", "bnnmt", 1),
    ("vu-pc", "Vụ Pháp chế", "Vụ PC", "PC", "department", "bnnmt", 1),
    ("vu-tccb", "Vụ Tổ chức cán bộ", "Vụ TCCB", "TCCB", "department", "bnnmt", 1),
    ("cq-phia-nam", "Cơ quan đại diện của Bộ tại Thành phố Hồ Chí Minh", "CQĐD phía Nam", "CQĐDPN",
     "local_office", "bnnmt", 79),
    ("cq-mien-trung", "Cơ quan đại diện của Bộ tại Thành phố Đà Nẵng", "CQĐD miền Trung", "CQĐDMT",
     "local_office", "bnnmt", 48),
]

OFFICIALS = [
    # username, full name, title, unit, roles
    ("tiepdan", "Nguyễn Thị Lan", "Chuyên viên", "ban-tcd", [Role.RECEPTION_OFFICER]),
    ("xuly", "Trần Văn Minh", "Chuyên viên chính", "ban-tcd", [Role.HANDLER, Role.RECEPTION_OFFICER]),
    ("xacminh", "Lê Quốc Hùng", "Thanh tra viên", "ban-tcd", [Role.VERIFIER]),
    ("truongban", "Phạm Thu Hà", "Trưởng ban", "ban-tcd", [Role.UNIT_HEAD]),
    ("xuly.datdai", "Đỗ Minh Khang", "Chuyên viên", "cuc-qldd", [Role.HANDLER]),
    ("cuctruong.datdai", "Vũ Hồng Sơn", "Cục trưởng", "cuc-qldd", [Role.UNIT_HEAD]),
    ("thutruong", "Hoàng Đức Thắng", "Thứ trưởng", "bnnmt", [Role.LEADER]),
    ("thanhtra", "Vũ Minh Tuấn", "Thanh tra viên chính", "bnnmt", [Role.INSPECTOR]),
    ("giamsat", "Đặng Thị Mai", "Ủy viên Ủy ban MTTQ Việt Nam", "bnnmt", [Role.SUPERVISOR]),
    ("quantri", "Bùi Văn Nam", "Quản trị hệ thống", "van-phong", [Role.ADMINISTRATOR]),
    ("soanthao", "Ngô Thanh Hương", "Chuyên viên chính", "vu-pc", [Role.DRAFTER]),
]

CHANNELS = ["desk"] * 3 + ["post"] * 4 + ["portal"] * 4 + ["email"] + ["hotline"] + ["forwarded"] * 3
FORWARDERS = ["Văn phòng Chính phủ", "Ban Dân nguyện thuộc Ủy ban Thường vụ Quốc hội", "Thanh tra Chính phủ",
              "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "Văn phòng Trung ương Đảng"]
FIELD_UNIT = {"dat-dai": "cuc-qldd", "moi-truong": "cuc-mt", "tai-nguyen-nuoc": "cuc-qltnn",
              "khoang-san": "cuc-dcks", "lam-nghiep": "cuc-lnkl", "thuy-san": "cuc-tskn"}


HOT_ISSUE_REPORTS = [
    ("cá chết hàng loạt", "Đề nghị cơ quan chức năng lấy mẫu nước, tìm nguồn xả thải và xử lý nghiêm."),
    ("xuất hiện cá chết trôi dạt", "Đề nghị kiểm tra các cơ sở sản xuất ở thượng nguồn."),
    ("nước sông đen kịt, cá chết nổi trắng", "Người dân không dám dùng nước sông để tưới rau, đề nghị thông tin kết quả quan trắc."),
    ("cá nuôi lồng của gia đình tôi chết", "Đề nghị xác định nguyên nhân và hỗ trợ thiệt hại cho các hộ nuôi cá lồng."),
    ("có mùi hóa chất và cá chết dạt vào bờ", "Đề nghị kiểm tra việc xả nước thải của khu công nghiệp gần đó."),
    ("tôm cá chết nhiều", "Đề nghị có biện pháp khẩn cấp bảo đảm nguồn nước sinh hoạt cho người dân."),
    ("cá chết và nước có bọt trắng", "Đề nghị công khai kết quả kiểm tra ô nhiễm môi trường."),
    ("cá chết nổi thành từng mảng", "Đề nghị thanh tra môi trường vào cuộc, xử lý cơ sở gây ô nhiễm."),
]

DEMO_COMMENTS = [
    ("Điều 3", "Nguyễn Văn Hải", "Đề nghị quy định rõ thế nào là dự án vì lợi ích quốc gia, công cộng để tránh "
     "thu hồi đất tràn lan cho dự án thương mại."),
    ("Điều 3", "Hội Nông dân xã Đại Lộc", "Cần bổ sung trường hợp người dân được thỏa thuận trực tiếp với nhà "
     "đầu tư thay vì Nhà nước thu hồi đất."),
    ("Điều 4", "Trần Thị Mai", "Thời hạn thông báo thu hồi đất nông nghiệp nên kéo dài ít nhất 180 ngày để người "
     "dân có thời gian chuyển đổi nghề."),
    ("Điều 4", "Lê Minh Tuấn", "Thông báo thu hồi đất phải được niêm yết tại nhà văn hóa thôn và gửi trực tiếp "
     "cho từng hộ, không chỉ đăng trên cổng thông tin."),
    ("Điều 5", "Phạm Văn Đức", "Giá đất bồi thường phải sát giá thị trường tại thời điểm chi trả, không phải "
     "thời điểm ra quyết định thu hồi."),
    ("Điều 6", "Võ Thị Hoa", "Khu tái định cư phải hoàn thành hạ tầng trước khi thu hồi đất, có trường học và "
     "trạm y tế."),
    ("Điều 6", "Đỗ Quang Vinh", "Đề nghị cho người dân được chọn nhận tiền hoặc nhận đất tái định cư tại chỗ."),
    ("Điều 7", "Công ty TNHH Xây dựng Hòa Phát Đạt", "Đề nghị có quy định chuyển tiếp cho các dự án đã có "
     "quyết định thu hồi đất trước ngày Luật có hiệu lực."),
    (None, "Bùi Thị Lan", "Dự thảo cần làm rõ trách nhiệm của cán bộ khi chậm chi trả tiền bồi thường."),
]
FORM_LETTER = ("Chúng tôi là các hộ dân bị thu hồi đất, đề nghị giá bồi thường về đất phải bằng giá thị trường "
               "và được chi trả một lần trước khi bàn giao mặt bằng.")
FORM_LETTER_SIGNERS = ["Nguyễn Văn Bình", "Trần Văn Cường", "Lê Thị Dung", "Phạm Văn Em", "Hoàng Thị Gấm",
                       "Vũ Văn Hùng", "Đặng Thị Kim", "Bùi Văn Long"]


class Command(BaseCommand):
    help = "Load the demo agency, its officials and a few hundred petitions."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--petitions", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="do nothing when units already exist")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Unit.objects.exists():
            self.stdout.write("demo data already loaded")
            return
        rng = random.Random(options["seed"])
        units = self._units()
        users = self._officials(units)
        self._petitions(rng, units, users, options["petitions"])
        self._hot_issue(rng, units, users)
        self._matters(rng, users)
        self._reception(rng, units, users)
        self._consultation(rng, units, users)
        self._emulation(units, users)
        self._appraisals(users)
        self.stdout.write(self.style.SUCCESS(
            f"loaded {len(units)} units, {len(users)} officials, {Petition.objects.count()} petitions; "
            f"sign in as 'xuly' (handler) or 'truongban' (unit head) with password {DEMO_PASSWORD}"))

    @transaction.atomic
    def _consultation(self, rng: random.Random, units: dict[str, Unit], users: dict[str, User]) -> None:
        """A draft law open for comments, with comments on its articles (a form letter among them)."""
        from danvan.consultation import services as consultation
        from danvan.consultation.tests.samples import DRAFT_V1

        drafter = users["soanthao"]
        draft = consultation.draft_create(
            title="Luật sửa đổi, bổ sung một số điều của Luật Đất đai", slug="luat-dat-dai-sua-doi",
            unit=units["bnnmt"], by=drafter,
            summary="Dự thảo sửa đổi các quy định về thu hồi đất, bồi thường, hỗ trợ, tái định cư.")
        version = consultation.draft_version_import(draft=draft, data=DRAFT_V1.encode(), filename="du-thao.txt",
                                                    by=drafter)
        today = timezone.localdate()
        consultation.draft_set_period(draft=draft, opens_on=today - timedelta(days=20),
                                      closes_on=today + timedelta(days=50), by=drafter)
        articles: dict[str | None, int] = {p.label: p.pk for p in version.provisions.filter(kind="article")}
        for label, name, text in DEMO_COMMENTS:
            consultation.comment_submit(draft_id=draft.pk, provision_id=articles.get(label), name=name, text=text)
        for _ in range(12):  # one letter, signed by many
            consultation.comment_submit(draft_id=draft.pk, provision_id=articles.get("Điều 5"),
                                        name=rng.choice(FORM_LETTER_SIGNERS), text=FORM_LETTER)

    def _emulation(self, units: dict[str, Unit], users: dict[str, User]) -> None:
        """Three "Skilled Mass Mobilization" models: one recognised and taken up by another unit, one reported
        and waiting for the council, one registered this year."""
        from danvan.emulation import services as emulation

        today = timezone.localdate()
        head, land_head, leader = users["truongban"], users["cuctruong.datdai"], users["thutruong"]
        recognised = emulation.model_register(
            unit=units["ban-tcd"], title="Tiếp dân lưu động tại thôn, bản", domain="political_system",
            year=today.year - 1, started_on=today.replace(year=today.year - 1, month=3, day=1), by=head,
            summary="Mỗi quý một buổi tiếp dân tại nhà văn hóa thôn ở các xã có nhiều đơn về đất đai, có cán bộ "
                    "địa chính xã và trưởng thôn cùng dự; vụ việc đơn giản trả lời ngay tại buổi tiếp.")
        emulation.model_report(model=recognised, by=head, people_benefited=2350,
                               on=today.replace(year=today.year - 1, month=11, day=20),
                               results="Tổ chức 18 buổi tiếp, giải quyết dứt điểm 64 vụ việc tại cơ sở; đơn vượt "
                                       "cấp về đất đai ở các xã tham gia giảm 40% so với năm trước.")
        emulation.model_evaluate(model=recognised, by=leader, recognized=True, decision_ref="1250/QĐ-BNNMT",
                                 note="Cách làm gần dân, dễ nhân rộng.",
                                 on=today.replace(year=today.year - 1, month=12, day=15))
        emulation.model_replicate(model=recognised, unit=units["cuc-qldd"], by=land_head,
                                  started_on=today - timedelta(days=45),
                                  note="Áp dụng tại các địa phương có dự án thu hồi đất lớn.")
        reported = emulation.model_register(
            unit=units["cuc-qldd"], title="Đối thoại công khai trước khi thu hồi đất", domain="economy",
            year=today.year, started_on=today - timedelta(days=300), by=land_head,
            summary="Tổ chức đối thoại với toàn bộ hộ dân bị ảnh hưởng trước khi ban hành quyết định thu hồi đất, "
                    "công khai phương án bồi thường và tiếp thu ý kiến bằng văn bản.")
        emulation.model_report(model=reported, by=land_head, people_benefited=860,
                               results="12 dự án áp dụng; không phát sinh khiếu nại đông người; 95% hộ dân đồng "
                                       "thuận phương án bồi thường ngay từ lần công khai đầu tiên.")
        emulation.model_register(
            unit=units["ban-tcd"], title="Trả lời kiến nghị qua tin nhắn cho người cao tuổi", domain="society",
            year=today.year, started_on=today - timedelta(days=60), by=head,
            summary="Báo tiến độ và kết quả xử lý đơn cho người cao tuổi qua tin nhắn điện thoại, thay cho việc "
                    "phải đến trụ sở hỏi.")

    @transaction.atomic
    def _units(self) -> dict[str, Unit]:
        units: dict[str, Unit] = {}
        for code, name, short, symbol, kind, parent, province in UNITS:
            units[code], _ = Unit.objects.update_or_create(code=code, defaults={
                "name": name, "short_name": short, "symbol": symbol, "kind": kind,
                "parent": units.get(parent) if parent else None, "province_code": province,
                "handles_petitions": code not in ("bnnmt",)})
        return units

    @transaction.atomic
    def _officials(self, units: dict[str, Unit]) -> dict[str, User]:
        users = {}
        for username, full_name, title, unit, roles in OFFICIALS:
            user, created = User.objects.get_or_create(username=username, defaults={
                "full_name": full_name, "title": title, "unit": units[unit], "roles": [r.value for r in roles],
                "is_staff": Role.ADMINISTRATOR in roles, "is_superuser": Role.ADMINISTRATOR in roles})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            users[username] = user
        return users

    def _petitions(self, rng: random.Random, units: dict[str, Unit], users: dict[str, User], count: int) -> None:
        today = timezone.localdate()
        fields = {f.code: f for f in Field.objects.all()}
        provinces = places.provinces()
        earlier: list[tuple[PersonData, Any]] = []
        for i in range(count):
            province_code, province_name = rng.choice(provinces)
            wards = places.wards(province_code)
            ward_code, ward_name = rng.choice(wards) if wards else (None, "")
            demo = demo_petition(rng, f"{ward_name}, {province_name}", strip_marks=rng.random() < 0.08)
            days_ago = int(rng.triangular(0, 200, 10))
            received = today - timedelta(days=days_ago)
            channel = rng.choice(CHANNELS)
            person = PersonData(full_name=demo.full_name, id_number=demo.id_number, phone=demo.phone,
                                address=f"{ward_name}, {province_name}", province_code=province_code,
                                ward_code=ward_code)
            content = demo.content
            if earlier and rng.random() < 0.07:
                # A citizen writes again about the same matter: the desk should spot the duplicate.
                person, content = rng.choice(earlier)
            receipt = petition_receive(
                channel=channel, unit=units["ban-tcd"],
                received_at=timezone.make_aware(datetime.combine(received, time(8 + i % 9, (i * 7) % 60))),
                letter_date=received - timedelta(days=rng.randint(1, 10)), subject=demo.subject, content=content,
                decision_text=demo.decision_text, request_text=demo.request_text, province_code=province_code,
                ward_code=ward_code, place_text="", petitioners=[] if rng.random() < 0.03 else [person],
                source_agency=rng.choice(FORWARDERS) if channel == "forwarded" else "",
                source_reference=f"{rng.randint(100, 9999)}/VPCP-V.I" if channel == "forwarded" else "",
                by=users["tiepdan"] if channel != "portal" else None,
            )
            petition = receipt.petition
            earlier.append((person, content))
            self._process(rng, petition, demo.kind, fields.get(demo.field), users, days_ago)

    def _hot_issue(self, rng: random.Random, units: dict[str, Unit], users: dict[str, User]) -> None:
        """A river turned foul in one province this week: people write in one after another, in their own words,
        where a few petitions a quarter came before. The dashboard should show it as a hot issue."""
        today = timezone.localdate()
        province_code, province_name = next((c, n) for c, n in places.provinces() if "Hà Tĩnh" in n)
        wards = places.wards(province_code)
        for i, (what, ask) in enumerate(HOT_ISSUE_REPORTS):
            ward_code, ward_name = wards[i % len(wards)]
            received = today - timedelta(days=i % 4)
            name = person_name(rng)
            receipt = petition_receive(
                channel=("hotline", "desk", "post", "email")[i % 4], unit=units["ban-tcd"],
                received_at=min(timezone.make_aware(datetime.combine(received, time(7 + i, 20))), timezone.now()),
                letter_date=received, subject=f"Phản ánh {what}", province_code=province_code, ward_code=ward_code,
                content=(f"Tôi là {name}, trú tại {ward_name}, {province_name}. Mấy ngày nay {what} trên đoạn sông "
                         f"chảy qua địa phương, nước đổi màu và bốc mùi hôi, nghi do ô nhiễm môi trường từ nguồn xả thải. {ask}"),
                petitioners=[PersonData(full_name=name, phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                                        address=f"{ward_name}, {province_name}", province_code=province_code,
                                        ward_code=ward_code)],
                request_text=ask, by=users["tiepdan"])
            if i == 0:
                # The first to write adds what they saw since, from the tracking page.
                petition_supplement(petition=receipt.petition, text=(
                    "Bổ sung: sáng nay cá chết trôi dạt dày hơn ở đoạn gần cống xả của khu sản xuất phía thượng "
                    "nguồn; nước ở cống có màu đen và bọt trắng. Gia đình tôi đã quay video, sẵn sàng cung cấp khi "
                    "cơ quan kiểm tra cần."))
        # Villagers come to the Ministry's reception office too, a group among them; the office sends the matter
        # on to the province, so no petition records these visits.
        environment = Field.objects.get(code="moi-truong")
        for i, people in enumerate((14, 1, 1)):
            name = person_name(rng)
            visitor = Visitor(full_name=name, id_number=f"042{rng.randint(100_000_000, 999_999_999)}",
                              address=f"{wards[i][1]}, {province_name}")
            visit_record(
                unit=units["ban-tcd"], visited_on=today - timedelta(days=i), by=users["tiepdan"], kind="recommendation",
                content=(f"Công dân {'và đoàn người dân ' if people > 1 else ''}{wards[i][1]} phản ánh cá chết hàng loạt, "
                         "nước sông đổi màu, đề nghị kiểm tra nguồn xả thải."),
                field=environment, province_code=province_code, visitor=visitor, people_count=people,
                representatives=[visitor, *(Visitor(full_name=person_name(rng),
                                                    id_number=f"042{rng.randint(100_000_000, 999_999_999)}")
                                            for _ in range(2))] if people > 1 else None,
                handling="forward", handling_target=f"Ủy ban nhân dân tỉnh {province_name}")

    def _appraisals(self, users: dict[str, User]) -> None:
        """The reception office's head has rated part of the office for the year: two reach the excellent
        points, and the cap lets neither keep it beside two good ones; the head is the leader's to rate."""
        head = users["truongban"]
        for username, general, task in (("tiepdan", "28", "64"), ("xuly", "27.5", "63"), ("xacminh", "26", "55")):
            appraisal_record(official=users[username], year=timezone.localdate().year, by=head, note="",
                             general_points=Decimal(general), task_points=Decimal(task), not_completed_ground=None)

    def _reception(self, rng: random.Random, units: dict[str, Unit], users: dict[str, User]) -> None:
        """The leader's monthly reception days (one month missed, to show an unmet month), the next one
        scheduled, and a reception book of visits, some of them bringing a petition, one of them a group."""
        today = timezone.localdate()
        leader, officer = users["thutruong"], users["tiepdan"]
        for months_ago in range(1, 10):
            if months_ago == 3:
                continue
            day = (today.replace(day=1) - timedelta(days=28 * months_ago)).replace(day=15)
            session_create(unit=units["bnnmt"], kind="periodic", on=day, by=officer, status="held", host=leader,
                           location="Trụ sở tiếp công dân, số 10 Tôn Thất Thuyết, Hà Nội")
        next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=15)
        session_create(unit=units["bnnmt"], kind="periodic", on=next_month, by=officer, status="scheduled",
                       host=leader, location="Trụ sở tiếp công dân, số 10 Tôn Thất Thuyết, Hà Nội")
        provinces = places.provinces()
        for i in range(40):
            province_code, province_name = rng.choice(provinces)
            demo = demo_petition(rng, province_name)
            visited = today - timedelta(days=int(rng.triangular(0, 120, 5)))
            group = i % 13 == 0
            visit_record(
                unit=units["ban-tcd"], visited_on=visited, by=officer, kind=demo.kind, content=demo.content,
                subject=demo.subject, province_code=province_code,
                visitor=Visitor(full_name=demo.full_name, id_number=demo.id_number,
                                address=f"{province_name}", phone=demo.phone),
                people_count=rng.randint(6, 9) if group else 1,
                representatives=[Visitor(full_name=demo.full_name, id_number=demo.id_number, address=province_name)]
                if group else None,
                handling="accept" if i % 4 < 2 else rng.choice(["guide", "forward"]),
                handling_target="" if i % 4 < 2 else "Ủy ban nhân dân tỉnh " + province_name,
                create_petition=i % 4 < 2,
            )

    def _matters(self, rng: random.Random, users: dict[str, User]) -> None:
        """Walk the opened matters some way along their workflows, as a desk a few months in would have."""
        head, verifier = users["truongban"], users["xacminh"]
        steps: list[tuple[str, User, dict[str, Any]]] = [
            ("accept", head, {}),
            ("assign_verifier", head, {"verifier": verifier}),
            ("report_verification", verifier, {"text": "Đã làm việc với các bên liên quan, thu thập hồ sơ, tài liệu; "
                                                        "kết quả xác minh được báo cáo kèm theo."}),
            ("decide", head, {"finding": "wrong",
                              "text": "Giữ nguyên nội dung quyết định bị khiếu nại; bác yêu cầu của người khiếu nại."}),
        ]
        for matter in Matter.objects.filter(state="received").order_by("id"):
            for name, by, params in steps[: rng.randint(0, len(steps))]:
                try:
                    matter_transition(matter=matter, name=name, by=by, **params)
                except ValidationError:
                    break  # a step the workflow refuses (a late acceptance, a denunciation's own path)
                matter.refresh_from_db()

    def _process(self, rng: random.Random, petition: Petition, kind: str, field: Field | None,
                 users: dict[str, User], days_ago: int) -> None:
        """Advance older petitions the way a desk does: most archived, some answered, forwarded or accepted."""
        # A few petitions wait, mostly recent ones; the desk works through the older ones.
        waits = 0.12 if days_ago < 20 else 0.03
        if days_ago < 3 or rng.random() < waits:
            return
        handler, head = users["xuly"], users["truongban"]
        # Decided as a desk decides: mostly within the 10 working days, some late; never after today.
        delay = rng.randint(16, 30) if rng.random() < 0.12 else rng.randint(2, 13)
        when = min(petition.received_at + timedelta(days=delay, hours=rng.randint(1, 6)), timezone.now())
        petition = petition_classify(petition=petition, by=handler, kind=kind, field=field)
        if days_ago < 8 or rng.random() < waits:
            return
        if petition.links.exists():
            petition_decide(petition=petition, by=handler, decided_at=when, outcome=Outcome.ARCHIVE,
                            reason="Đơn trùng nội dung với đơn đã tiếp nhận, đang được xử lý.")
            return
        roll = rng.random()
        if kind == Kind.COMPLAINT and roll < 0.3 and not petition.anonymous:
            petition_decide(petition=petition, by=head, decided_at=when, outcome=Outcome.ACCEPT)
        elif kind == Kind.COMPLAINT and roll < 0.65:
            petition_decide(petition=petition, by=handler, decided_at=when, outcome=Outcome.GUIDE,
                            target="Chủ tịch Ủy ban nhân dân cấp xã nơi có đất",
                            reason="Khiếu nại quyết định hành chính của UBND cấp xã không thuộc thẩm quyền của Bộ.")
        elif kind == Kind.DENUNCIATION and roll < 0.3 and not petition.anonymous:
            petition_decide(petition=petition, by=head, decided_at=when, outcome=Outcome.ACCEPT)
        elif kind == Kind.DENUNCIATION and roll < 0.6:
            petition_decide(petition=petition, by=handler, decided_at=when, outcome=Outcome.FORWARD,
                            target="Chủ tịch Ủy ban nhân dân tỉnh nơi xảy ra vụ việc",
                            reason="Tố cáo cán bộ thuộc quyền quản lý của địa phương.")
        elif kind == Kind.RECOMMENDATION and roll < 0.35:
            petition_decide(petition=petition, by=handler, decided_at=when, outcome=Outcome.FORWARD,
                            target="Sở Nông nghiệp và Môi trường tỉnh nơi xảy ra vụ việc",
                            reason="Phản ánh thuộc thẩm quyền giải quyết của địa phương.")
        elif kind == Kind.RECOMMENDATION and roll < 0.5:
            petition_decide(petition=petition, by=handler, decided_at=when, outcome=Outcome.ANSWER,
                            answer_text="Bộ đã ghi nhận phản ánh và chỉ đạo đơn vị chuyên môn kiểm tra, xử lý theo quy định.")
        else:
            petition_decide(petition=petition, by=handler, decided_at=when, outcome=Outcome.ARCHIVE,
                            reason="Đơn không đủ điều kiện xử lý hoặc nội dung không rõ ràng (Thông tư 05/2021/TT-TTCP).")
