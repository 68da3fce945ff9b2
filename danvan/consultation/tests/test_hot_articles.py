"""Hot articles: an article whose comments jump above its own rate since the draft opened is named on the
drafting team's page; a steady one and a draft open for too few days are not."""

import datetime as dt
import secrets

import pytest
from django.utils import timezone

from danvan.consultation import selectors, services
from danvan.consultation.models import Comment
from danvan.consultation.tests.conftest import provision

pytestmark = pytest.mark.django_db


def commented(draft, version, label: str, day: dt.date, n: int) -> None:
    article = provision(version, label) if label else None
    Comment.objects.bulk_create(
        Comment(draft=draft, provision=article, anchor=article.anchor if article else "",
                article_anchor=article.anchor if article else "", text=f"Góp ý {label} số {i}",
                receipt=secrets.token_hex(6), received_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))))
        for i in range(n))


@pytest.fixture
def month_old(draft, version, drafter):
    today = timezone.localdate()
    return services.draft_set_period(draft=draft, opens_on=today - dt.timedelta(days=30),
                                     closes_on=today + dt.timedelta(days=30), by=drafter)


def test_an_article_whose_comments_jump_is_named_and_a_steady_one_is_not(month_old, version):
    today = timezone.localdate()
    for back in range(30):
        commented(month_old, version, "Điều 1", today - dt.timedelta(days=back), 3)  # steady, busy
        if back < 7:
            commented(month_old, version, "Điều 2", today - dt.timedelta(days=back), 2)  # new this week
    commented(month_old, version, "", today, 1)  # the whole draft, once
    found = selectors.hot_articles(month_old)
    assert found is not None
    [hot] = found
    assert (hot.label, hot.count, hot.usual) == ("Điều 2", 14, 0.5)
    assert hot.title == provision(version, "Điều 2").title
    # Held comments are not counted.
    Comment.objects.filter(provision__label="Điều 2").update(status=Comment.Status.HELD)
    assert selectors.hot_articles(month_old) == []


def test_a_draft_open_for_fewer_days_than_it_compares_with_has_no_verdict(open_draft, version):
    commented(open_draft, version, "Điều 2", timezone.localdate(), 40)
    assert selectors.hot_articles(open_draft) is None


def test_the_draft_page_loads_the_hot_articles_after_it_has_drawn(client, officials, month_old, version):
    commented(month_old, version, "Điều 2", timezone.localdate(), 9)
    client.force_login(officials["leader"])
    page = client.get(f"/desk/consultation/{month_old.pk}/").content.decode()
    assert f'hx-get="/desk/consultation/{month_old.pk}/hot/"' in page
    fragment = client.get(f"/desk/consultation/{month_old.pk}/hot/", headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith('<div class="card" id="hot-articles">') and "Điều 2" in fragment
    whole = client.get(f"/desk/consultation/{month_old.pk}/hot/").content.decode()  # without JavaScript
    assert "<html" in whole and "Điều 2" in whole
