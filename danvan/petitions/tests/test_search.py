import pytest

from danvan.petitions.selectors import PetitionFilters, petitions_list, search_phrases
from danvan.petitions.tests.factories import citizen, receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(intake_unit):
    texts = {
        "upper": "TRANH CHẤP ĐẤT ĐAI giữa hai hộ gia đình tại thôn Đông, kéo dài nhiều năm chưa được giải quyết.",
        "marked": "Đề nghị giải quyết dứt điểm vụ việc đất đai của gia đình tôi tại phường Hải Châu.",
        "plain": "Khieu nai ve viec thu hoi dat dai khong dung quy dinh tai xa Dai Loc.",
        "other": "Phản ánh tình trạng ô nhiễm môi trường do xưởng gỗ gây ra tại khu dân cư.",
    }
    return {
        key: receive(intake_unit, content=text, subject=text[:40], petitioners=[citizen(f"Người {i}", f"00108501234{i}")]
                     ).petition
        for i, (key, text) in enumerate(texts.items())
    }


@pytest.mark.parametrize("query", ["dat dai", "đất đai", "ĐẤT ĐAI", "Đất Đai"])
def test_a_word_is_found_with_or_without_marks_and_in_any_case(corpus, officials, query):
    found = set(petitions_list(user=officials["handler"], filters=PetitionFilters(q=query)))
    assert found == {corpus["upper"], corpus["marked"], corpus["plain"]}


def test_a_query_matches_the_phrase_not_its_syllables_anywhere(corpus, officials):
    found = set(petitions_list(user=officials["handler"], filters=PetitionFilters(q="dai loc")))
    assert found == {corpus["plain"]}


def test_comma_separated_phrases_must_all_match(corpus, officials):
    found = set(petitions_list(user=officials["handler"], filters=PetitionFilters(q="đất đai, Hải Châu")))
    assert found == {corpus["marked"]}


def test_search_metacharacters_are_plain_text(corpus, officials):
    for query in ['" OR 1=1 --', "đất* AND NOT", "'); DROP TABLE petitions_petition; --", "NEAR(đất đai)"]:
        list(petitions_list(user=officials["handler"], filters=PetitionFilters(q=query)))


def test_search_phrases_fold_and_split_on_commas():
    assert search_phrases(" Đất đai , ,HÀ NỘI ") == ["dat dai", "ha noi"]


@pytest.mark.parametrize("common_share", [0.0, 1.1])  # every word common / no word common
def test_a_page_finds_the_same_petitions_whichever_plan_reads_it(corpus, officials, common_share, monkeypatch):
    from django.db import connection

    from danvan.petitions import selectors

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE petitions_petition")
    monkeypatch.setattr(selectors, "COMMON_WORD_SHARE", common_share)
    selectors._stats_cache.clear()
    qs = petitions_list(user=officials["handler"], filters=PetitionFilters(q="dat dai"))
    page = selectors.petitions_page(qs, query="dat dai", offset=0, limit=2)
    assert page.count == 3 and page.count_exact and page.has_next
    assert page.rows == [corpus["plain"], corpus["marked"]]  # newest first
    rest = selectors.petitions_page(qs, query="dat dai", offset=2, limit=2)
    assert rest.rows == [corpus["upper"]] and not rest.has_next


def test_a_newest_first_walk_that_runs_out_of_time_falls_back_to_the_gin_index(corpus, officials, monkeypatch):
    from django.db import connection

    from danvan.petitions import selectors

    if connection.vendor != "postgresql":
        pytest.skip("the plan choice exists on PostgreSQL only")
    monkeypatch.setattr(selectors, "COMMON_WORD_SHARE", 0.0)
    monkeypatch.setattr(selectors, "NEWEST_FIRST_BUDGET_MS", 20)
    qs = petitions_list(user=officials["handler"], filters=PetitionFilters(q="dat dai"))
    # Stands for a walk through a large table: a condition that takes a few hundred milliseconds to check.
    slow = qs.extra(where=["(SELECT count(*) FROM generate_series(1, 2000000)) > 0"])
    gin_reads = []
    walk_then_gin = selectors._page_read
    monkeypatch.setattr(selectors, "_page_read", lambda *args: gin_reads.append(args) or walk_then_gin(*args))
    page = selectors.petitions_page(slow, query="dat dai", offset=0, limit=10)
    assert len(gin_reads) == 1
    assert page.count == 3 and page.count_exact
    assert page.rows == [corpus["plain"], corpus["marked"], corpus["upper"]]


def test_a_count_past_the_budget_says_more_than_the_rows_it_has(corpus, officials, monkeypatch):
    from django.db import connection

    from danvan.petitions import selectors

    if connection.vendor != "postgresql":
        pytest.skip("the plan choice exists on PostgreSQL only")
    monkeypatch.setattr(selectors, "COMMON_WORD_SHARE", 0.0)
    monkeypatch.setattr(selectors, "NEWEST_FIRST_BUDGET_MS", 200)

    def slow_count(qs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(1)")  # stands for counting through a large table
        raise AssertionError("the budget should have stopped the count")

    monkeypatch.setattr(selectors, "capped_count", slow_count)
    qs = petitions_list(user=officials["handler"], filters=PetitionFilters(q="dat dai"))
    page = selectors.petitions_page(qs, query="dat dai", offset=0, limit=2)
    assert page.rows == [corpus["plain"], corpus["marked"]] and page.has_next
    assert (page.count, page.count_exact) == (2, False)  # "more than 2"
