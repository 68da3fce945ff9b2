"""The only tags and filters a document template may use.

The restricted engine (`danvan.documents.engine`) loads this library instead of Django's built-ins, so
templates cannot {% load %} other libraries, {% include %} or {% extends %} files, or dump the context
with {% debug %}. What is left shapes text: conditions, loops, defaults, case and dates.
"""

from __future__ import annotations

import datetime as dt

from django.template import Library, defaultfilters, defaulttags

from danvan.documents.vndate import vn_date

register = Library()

for _name in ("if", "for", "with", "firstof", "comment", "cycle", "ifchanged"):
    register.tag(_name, defaulttags.register.tags[_name])

for _name in ("default", "default_if_none", "upper", "lower", "title", "capfirst", "join", "length", "first",
              "last", "floatformat", "add", "cut", "yesno", "truncatewords", "wordcount", "date",
              "stringformat", "slice", "divisibleby", "length_is"):
    if _name in defaultfilters.register.filters:
        register.filter(_name, defaultfilters.register.filters[_name])


@register.filter(name="ngay")
def ngay(value: dt.date | None) -> str:
    """{{ d|ngay }} -> "ngày 05 tháng 02 năm 2026" (Decree 30/2020: day < 10 and months 1, 2 get a 0)."""
    if value is None or value == "":
        return ""
    return vn_date(value)


@register.filter(name="ngay_so")
def ngay_so(value: dt.date | None) -> str:
    """{{ d|ngay_so }} -> "05/02/2026"."""
    if value is None or value == "":
        return ""
    return f"{value:%d/%m/%Y}"
