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


@pytest.mark.parametrize("share", [0.0, 1.1])  # every query walks / none does
def test_a_page_finds_the_same_petitions_whichever_plan_reads_it(corpus, officials, share, monkeypatch):
    from django.db import connection

    from danvan.petitions import selectors

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE petitions_petition")
    monkeypatch.setattr(selectors, "NEWEST_FIRST_SHARE", share)
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
    monkeypatch.setattr(selectors, "NEWEST_FIRST_SHARE", 0.0)
    monkeypatch.setattr(selectors, "NEWEST_FIRST_BUDGET_MS", 20)
    qs = petitions_list(user=officials["handler"], filters=PetitionFilters(q="dat dai"))
    # Stands for a walk through a large table: a condition that takes a few hundred milliseconds to check.
    slow = qs.extra(where=["(SELECT count(*) FROM generate_series(1, 2000000)) > 0"])
    gin_reads = []
    read = selectors._page_read

    def counted_read(*args):
        gin_reads.append(args)
        return read(*args)

    monkeypatch.setattr(selectors, "_page_read", counted_read)
    page = selectors.petitions_page(slow, query="dat dai", offset=0, limit=10)
    assert len(gin_reads) == 1
    assert page.count == 3 and page.count_exact
    assert page.rows == [corpus["plain"], corpus["marked"], corpus["upper"]]


def test_a_count_past_the_budget_says_more_than_the_rows_it_has(corpus, officials, monkeypatch):
    from django.db import connection

    from danvan.petitions import selectors

    if connection.vendor != "postgresql":
        pytest.skip("the plan choice exists on PostgreSQL only")
    monkeypatch.setattr(selectors, "NEWEST_FIRST_SHARE", 0.0)
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


def test_a_phrase_is_indexed_by_its_word_pairs():
    from danvan.petitions.selectors import phrase_terms

    assert phrase_terms("giay chung nhan") == ["giay chung", "chung nhan"]
    assert phrase_terms("dat") == ["dat"]


def test_a_phrase_needs_its_words_in_order_not_just_its_pairs(intake_unit, officials):
    # Both pairs of "hai chau doc" are here, but not the phrase: the order check keeps the match exact.
    receive(intake_unit, content="Phường Hải Châu và Châu Đốc, nơi có hai chợ.", petitioners=[citizen("A", "001085012349")])
    assert not petitions_list(user=officials["handler"], filters=PetitionFilters(q="hai chau doc")).exists()
    assert petitions_list(user=officials["handler"], filters=PetitionFilters(q="chau doc")).exists()


def test_the_plan_is_chosen_from_how_common_the_words_and_pairs_are(corpus):
    from django.db import connection

    from danvan.petitions import selectors

    if connection.vendor != "postgresql":
        pytest.skip("the statistics exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE petitions_petition")
    selectors._stats_cache.clear()
    assert selectors.estimated_share("dat dai") == pytest.approx(0.75)  # 3 of the 4 petitions
    assert selectors.estimated_share("đất đai, ô nhiễm") == pytest.approx(0.75 * 0.25)  # taken as independent
    assert selectors.estimated_share("cao tốc Bắc Nam") == 0.0
