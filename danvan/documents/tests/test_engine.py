import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.documents.engine import (
    MissingValues,
    TemplateRejected,
    compile_text,
    parse_blocks,
    plain_lines,
    render_text,
)
from danvan.documents.models import DocumentTemplate
from danvan.org.models import Unit


@pytest.mark.parametrize("source", [
    "{% load static %}{% static 'x' %}",
    "{% include 'admin/base.html' %}",
    "{% extends 'admin/base.html' %}",
    "{% debug %}",
    "{% csrf_token %}",
    "{{ x|safe }}",
    "{{ x|pprint }}",
])
def test_tags_and_filters_beyond_text_shaping_are_rejected(source):
    with pytest.raises(TemplateRejected):
        compile_text(source)


def test_conditions_loops_and_vietnamese_dates_render():
    text = render_text(
        "{% if lan == 'lần hai' %}Điều 36{% else %}Điều 27{% endif %}; {% for x in xs %}{{ x|upper }} {% endfor %}"
        "{{ d|ngay }} ({{ d|ngay_so }})",
        {"lan": "lần hai", "xs": ["a", "b"], "d": dt.date(2026, 2, 5)},
    )
    assert text == "Điều 36; A B ngày 05 tháng 02 năm 2026 (05/02/2026)"


def test_a_value_the_context_lacks_stops_the_document_instead_of_leaving_a_blank():
    with pytest.raises(MissingValues) as info:
        render_text("Kính gửi: {{ nguoi_nhan }} {{ dia_chi }}; {% if ghi_chu %}{{ ghi_chu }}{% endif %}", {})
    assert info.value.names == ["dia_chi", "nguoi_nhan"]


def test_html_is_not_escaped_because_the_output_is_plain_text():
    assert plain_lines(render_text("{{ x }}", {"x": "A & B <C>"})) == ["A & B <C>"]


def test_markup_in_a_citizens_text_stays_text():
    rendered = render_text("Nội dung: {{ x }}\n\n{{ y }}", {"x": "**đậm** *nghiêng*", "y": "# không phải tiêu đề"})
    blocks = parse_blocks(rendered)
    assert [b.text for b in blocks] == ["Nội dung: **đậm** *nghiêng*", "# không phải tiêu đề"]
    assert not any(r.bold or r.italic for b in blocks for r in b.runs)
    assert blocks[1].align == "justify"


def test_body_markup_sets_alignment_and_emphasis():
    blocks = parse_blocks("# QUYẾT ĐỊNH:\n\n> Căn cứ Luật Tố cáo;\n\n^ Kính gửi: Bà Lan\n\n**Điều 1.** Thụ lý\ntố cáo.")
    assert [(b.align, b.bold, b.italic) for b in blocks[:3]] == [
        ("center", True, False), ("justify", False, True), ("center", False, False)]
    assert [(r.text, r.bold) for r in blocks[3].runs] == [("Điều 1.", True), (" Thụ lý tố cáo.", False)]


def test_model_instances_are_refused_so_templates_cannot_walk_relations():
    with pytest.raises(TypeError):
        render_text("{{ u.name }}", {"u": Unit(name="x")})


def test_saving_a_template_with_a_forbidden_tag_fails_validation():
    template = DocumentTemplate(code="x", name="x", doc_type="THÔNG BÁO", type_abbr="TB",
                                body_template="{% include 'secret.txt' %}")
    with pytest.raises(ValidationError) as info:
        template.full_clean(validate_unique=False)
    assert "body_template" in info.value.message_dict
