"""Articles as results, relevance an official trusts, one JSON shape (issue 11, issue 14 §1)."""
from __future__ import annotations

import json

import pytest

import indexer
from indexer.boilerplate import strip
from indexer.display import sentence_case
from indexer.query import parse
from indexer.questions import definition_question, query_terms
from indexer.results import Links
from indexer import searching
from indexer.searching import Searcher
from kb.cli import main
from kb.model import Document, Topic, Unit
from kb.store import open_store

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
SIGNATURE = "\nNơi nhận:\n- Thủ tướng Chính phủ;\n- Lưu: VT.\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\nNguyễn Văn A\n"

VAN_THU = (MOTTO + "NGHỊ ĐỊNH\nVỀ CÔNG TÁC VĂN THƯ\n"
           "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định về công tác văn thư.\n"
           "Điều 5. Bảo đảm an toàn thông tin\n1. Văn bản đi phải được đăng ký.\n"
           "2. Người đứng đầu cơ quan chịu trách nhiệm bảo mật tài liệu lưu trữ điện tử.\n"
           "Điều 6. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày ký.\n" + SIGNATURE)
MA_TUY = (MOTTO + "LUẬT\nPHÒNG, CHỐNG MA TÚY\n"
          "Điều 32. Đối tượng bị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc\n"
          "Người nghiện ma túy từ đủ 18 tuổi trở lên bị áp dụng biện pháp xử lý hành chính đưa vào "
          "cơ sở cai nghiện bắt buộc khi thuộc một trong các trường hợp sau đây.\n"
          "Điều 33. Cai nghiện ma túy tự nguyện tại gia đình\nNgười nghiện ma túy tự nguyện cai nghiện "
          "tại gia đình, cộng đồng.\n")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    data = tmp_path_factory.mktemp("articles") / "data"
    with open_store(data) as s:
        s.save_document(Document(number="30/2020/NĐ-CP", type="Nghị định", issuer="Chính phủ",
                                 date="2020-03-05", title="VỀ CÔNG TÁC VĂN THƯ", text=VAN_THU))
        law = Document(number="73/2021/QH14", type="Luật", issuer="Quốc hội", date="2021-03-30",
                       title="Luật Phòng, chống ma túy", text=MA_TUY)
        law.topics = [Topic("19", "Hình sự"), Topic("19.6", "Phòng, chống ma túy")]
        s.save_document(law)
        # the same text under a second record (a second source's number spelling)
        s.save_document(Document(number="73/2021/QH14-BS", type="Luật", issuer="Quốc hội",
                                 date="2021-03-30", title="Luật Phòng, chống ma túy", text=MA_TUY))
        s.save_document(Document(number="1/KH-UBND", type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
                                 date="2023-01-05", title="Kế hoạch năm 2023",
                                 text="Đẩy mạnh cải cách hành chính trong toàn tỉnh. " * 3))
        s.save_document(Document(number="2/KH-UBND", type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
                                 date="2023-02-05", title="Kế hoạch công tác",
                                 text="Chính sách hành chính mới; cải thiện cách làm việc; cải tạo trụ sở. " * 3))
        s.save_document(Document(number="3/KH-UBND", type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Bình Định",
                                 date="2023-03-05", title="Kế hoạch phúc lợi",
                                 text="Chăm lo hạnh phúc gia đình. Hạnh phúc của nhân dân. " * 3))
        # a source's own units (no offsets, their own text): the Pháp điển's way
        pd = Document(number="5/2022/TT-BTP", type="Thông tư", issuer="Bộ Tư pháp", date="2022-06-01",
                      title="Hướng dẫn hòa giải", text="")
        pd.units = [Unit(kind="dieu", number="3", anchor="dieu-3", title="Hòa giải viên ở cơ sở",
                         text="Hòa giải viên ở cơ sở là người được bầu làm hòa giải viên.", source="phapdien")]
        s.save_document(pd)
    indexer.update(data, rebuild=True, progress=False)
    return data


@pytest.fixture(scope="module")
def searcher(store_dir):
    with Searcher(store_dir) as s:
        yield s


def test_articles_rank_and_carry_their_document(searcher):
    r = searcher.search("người nghiện ma túy từ đủ 18 tuổi bị đưa vào cơ sở cai nghiện bắt buộc khi nào?",
                        unit="article")
    top = r.hits[0]
    assert (top.number, top.article.number, top.article.anchor) == ("73/2021/QH14", "32", "dieu-32")
    assert "cai nghiện bắt buộc" in top.article.title
    assert top.to_json(Links())["url"].endswith("#dieu-32")


def test_a_units_own_text_is_searchable(searcher):
    hit = searcher.search("hòa giải viên được bầu", unit="article").hits[0]
    assert (hit.number, hit.article.number) == ("5/2022/TT-BTP", "3")


def test_document_hits_carry_their_best_article(searcher):
    hit = searcher.search("bảo mật tài liệu lưu trữ điện tử").hits[0]
    assert hit.number == "30/2020/NĐ-CP"
    assert (hit.article.number, hit.article.title) == ("5", "Bảo đảm an toàn thông tin")
    assert "<mark>" in hit.snippet_html and "bảo mật" in hit.snippet.lower()


@pytest.mark.parametrize("query,anchor", [
    ("điều 5 nghị định 30/2020", "dieu-5"),
    ("khoản 2 điều 5 nd 30/2020/nđ-cp", "dieu-5-khoan-2"),
    ("Điều 32 Luật 73/2021/QH14", "dieu-32"),
])
def test_a_pinpoint_goes_straight_to_the_unit(searcher, query, anchor):
    r = searcher.search(query)
    assert r.direct and r.direct_anchor == anchor
    assert r.to_json()["direct_url"].endswith("#" + anchor)


def test_boilerplate_is_neither_scored_nor_shown(searcher):
    assert searcher.search("độc lập").total == 0  # the motto gives no document these words
    for hit in searcher.search("văn thư").hits + searcher.search("ma túy", unit="article").hits:
        assert "Độc lập" not in hit.snippet and "CỘNG HÒA" not in hit.snippet and "Nơi nhận" not in hit.snippet
    assert strip(MOTTO).strip() == "" and "Nơi nhận" not in strip(SIGNATURE) and "Lưu: VT" not in strip(SIGNATURE)


def test_words_together_and_in_order_rank_first(searcher):
    slugs = [h.number for h in searcher.search("cải cách hành chính").hits]
    assert slugs.index("1/KH-UBND") < slugs.index("2/KH-UBND")


def test_diacritics_typed_prefer_exact_forms(searcher):
    accented = [h.number for h in searcher.search("hạnh phúc").hits]
    assert accented[0] == "3/KH-UBND"
    plain = {h.number for h in searcher.search("hanh").hits}
    assert {"3/KH-UBND", "1/KH-UBND"} <= plain  # without diacritics everything matches
    assert searcher.search("hành").hits[0].number != "3/KH-UBND"


def test_question_wording_does_not_rank():
    t = query_terms("Theo quy định của pháp luật, viên chức có phải chịu sự giám sát không?".split())
    assert "theo" not in t.folded and "phai" not in t.folded and t.folded[-1] != "khong"
    assert "vien chuc" in t.bigrams and "giam sat" in t.bigrams
    assert query_terms(["không"]).folded == ["khong"]  # a short query keeps every word


def test_the_same_text_shows_once(searcher):
    numbers = [h.number for h in searcher.search("cai nghiện tự nguyện tại gia đình").hits]
    assert len([n for n in numbers if n.startswith("73/2021")]) == 1
    assert len([h for h in searcher.search("cai nghiện tự nguyện", unit="article").hits
                if h.article.number == "33"]) == 1


def test_topic_facet_and_filter(searcher):
    r = searcher.search("ma túy")
    assert ("19", 1) in r.facets["topic"] and r.topic_names["19.6"] == "Phòng, chống ma túy"
    facet = r.to_json()["facets"]["topic"]
    assert {"value": "19", "count": 1, "label": "Hình sự"} in facet
    assert [h.number for h in searcher.search("ma túy", topic="19.6").hits] == ["73/2021/QH14"]
    assert searcher.search("văn thư", topic="19").total == 0


def test_did_you_mean_uses_the_context_and_says_it_searched_it(searcher):
    r = searcher.search("cai cahc hanh chinh")
    assert r.did_you_mean == "cai cach hanh chinh" and r.corrected
    assert r.hits[0].number == "1/KH-UBND"
    assert searcher.search("cải cách hành chính").did_you_mean is None


def test_titles_in_capitals_read_in_sentence_case(searcher):
    hit = searcher.search("30/2020/NĐ-CP").hits[0]
    assert hit.title == "VỀ CÔNG TÁC VĂN THƯ" and hit.title_display == "Về công tác văn thư"
    assert sentence_case("KẾ HOẠCH CỦA ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI VỀ NGHỊ ĐỊNH 30/2020/NĐ-CP") == \
        "Kế hoạch của Ủy ban nhân dân tỉnh Quảng Ngãi về nghị định 30/2020/NĐ-CP"
    assert sentence_case("Về công tác văn thư") == "Về công tác văn thư"


def _keys(data, path=""):
    """Every key path of a JSON value (lists: the union over their items)."""
    out = set()
    if isinstance(data, dict):
        for k, v in data.items():
            out.add(f"{path}.{k}")
            out |= _keys(v, f"{path}.{k}")
    elif isinstance(data, list):
        for item in data:
            out |= _keys(item, path + "[]")
    return out


@pytest.mark.parametrize("args,params", [
    (["cai cach hanh chinh"], {"q": "cai cach hanh chinh"}),
    (["--articles", "bảo mật tài liệu"], {"q": "bảo mật tài liệu", "unit": "article"}),
    (["ma túy"], {"q": "ma túy"}),
    (["1/KH-UBND"], {"q": "1/KH-UBND"}),
])
def test_cli_json_and_api_have_the_same_shape(store_dir, capsys, args, params):
    """``kb search --json`` and ``/api/search`` render one SearchResult: same keys, same values."""
    from webapp import create_app

    with pytest.raises(SystemExit) as exc:
        main(["--data", str(store_dir), "search", "--json", "--per-page", "20", *args])
    assert exc.value.code == 0
    cli = json.loads(capsys.readouterr().out)
    api = create_app({"DATA_DIR": str(store_dir), "TESTING": True}).test_client().get(
        "/api/search", query_string=params).get_json()
    assert _keys(cli) == _keys(api)
    assert cli["hits"], args
    assert [h["slug"] for h in cli["hits"]] == [h["slug"] for h in api["hits"]]
    for c, a in zip(cli["hits"], api["hits"]):
        assert c["snippet"] == a["snippet"] and c["snippet_html"] == a["snippet_html"]  # plain / HTML in both
        assert c["validity"] == a["validity"] and a["validity"] in ("con_hieu_luc", "khong_ro", "het_hieu_luc",
                                                                      "het_hieu_luc_mot_phan", "chua_co_hieu_luc",
                                                                      "bi_thay_the")
        assert a["url"].startswith("http") and c["url"].startswith("/van-ban/")
    assert cli["facets"] == api["facets"]


def test_search_pages_show_articles_and_refuse_bad_units(store_dir):
    from webapp import create_app

    client = create_app({"DATA_DIR": str(store_dir), "TESTING": True}).test_client()
    html = client.get("/", query_string={"q": "cai nghiện bắt buộc", "unit": "article"}).get_data(as_text=True)
    assert "#dieu-32" in html and "Điều 32" in html and "Điều khoản" in html
    page = client.get("/", query_string={"q": "bảo mật tài liệu lưu trữ"}).get_data(as_text=True)
    assert "Điều phù hợp nhất" in page and "Về công tác văn thư" in page  # sentence case on the page
    r = client.get("/", query_string={"q": "khoản 2 điều 5 nd 30/2020/nđ-cp"})
    assert r.status_code == 302 and r.headers["Location"].endswith("#dieu-5-khoan-2")
    bad = client.get("/api/search", query_string={"q": "x", "unit": "chapter"})
    assert bad.status_code == 400


def one_law(tmp_path, number: str, title: str, articles: list[tuple[str, str]]):
    """A store holding one law whose Điều are ``articles`` (heading, text), indexed."""
    data = tmp_path / "data"
    with open_store(data) as s:
        s.save_document(Document(number=number, type="Luật", issuer="Quốc hội", date="2015-01-01", title=title,
                                 text="".join(f"Điều {i + 1}. {h}\n{b}\n\n" for i, (h, b) in enumerate(articles))))
    indexer.update(data, rebuild=True, progress=False)
    return data


def test_an_article_holding_more_of_the_question_beats_one_repeating_a_word(tmp_path):
    # "thừa kế" four times in Điều 1; "thừa kế" and "vợ chồng" (in half of the articles)
    # once each in Điều 2: a question names each thing once, so Điều 2 answers it.
    arts = [("Di sản", "Thời điểm mở thừa kế. Địa điểm mở thừa kế. Người quản lý di sản thừa kế. "
                           "Thừa kế theo pháp luật."),
            ("Người lập di chúc", "Cá nhân được lập di chúc để định đoạt việc thừa kế; vợ chồng.")]
    others = ["Quyền sở hữu của chủ sở hữu", "Hợp đồng là sự thỏa thuận", "Người gây thiệt hại phải bồi thường",
              "Thời hiệu khởi kiện là ba năm", "Nơi cư trú của cá nhân", "Tên gọi của pháp nhân",
              "Giám hộ người chưa thành niên", "Xác lập quyền sở hữu"]
    arts += [(f"Mục {i}", o + (", vợ chồng." if i < 4 else ".")) for i, o in enumerate(others)]
    with Searcher(one_law(tmp_path, "1/2015/QH13", "Bộ luật mẫu", arts)) as searcher:
        hits = searcher.search("thừa kế giữa vợ chồng", unit="article").hits
    assert [h.article.number for h in hits[:2]] == ["2", "1"]


@pytest.mark.parametrize("question,subject,framing", [
    ('Định nghĩa của "Người lao động"?', ["nguoi", "lao", "dong"], "dinh nghia cua"),
    ("Theo Bộ luật Dân sự 2015, hoa lợi được hiểu như thế nào?", ["hoa", "loi"], "duoc hieu nhu the nao"),
    ("Thế nào là cưỡng bức lao động theo luật?", ["cuong", "buc", "lao", "dong"], "the nao la"),
    ("“An ninh mạng” là gì?", ["an", "ninh", "mang"], "la gi"),
    ("Người thành niên là gì?", ["nguoi", "thanh", "nien"], "la gi"),
])
def test_a_question_asking_what_a_term_means_names_the_term(question, subject, framing):
    p = parse(question)
    assert definition_question(p.words, p.phrases) == (subject, framing)
    assert not set(framing.split()) & set(query_terms(p.syllables, framing).folded)  # framing, not subject


@pytest.mark.parametrize("question", [
    "Mục đích chính của Điều 6 Luật Tiếp cận thông tin về quyền của công dân là gì?",  # not a term
    "người lao động được nghỉ bao nhiêu ngày?", "cải cách hành chính",
])
def test_other_questions_name_no_term(question):
    p = parse(question)
    assert definition_question(p.words, p.phrases) is None


def test_the_article_defining_a_term_answers_what_it_means(tmp_path):
    arts = [("Giải thích từ ngữ", "Trong Bộ luật này, các từ ngữ dưới đây được hiểu như sau:\n"
                                  "1. Người lao động là người làm việc cho người sử dụng lao động.\n"
                                  "2. Quan hệ lao động là quan hệ xã hội phát sinh trong việc thuê mướn."),
            ("Quyền của người lao động", "Người lao động có quyền làm việc. Người lao động được trả lương. "
                                         "Người lao động được nghỉ."),
            ("Nghĩa vụ của người lao động", "Người lao động phải thực hiện hợp đồng lao động."),
            ("Tiền lương", "Người sử dụng lao động trả lương cho người lao động.")]
    with Searcher(one_law(tmp_path, "45/2019/QH14", "Bộ luật Lao động", arts)) as searcher:
        for q in ('Định nghĩa của "người lao động"?', "Người lao động là gì?",
                  "Theo Bộ luật Lao động, người lao động được hiểu như thế nào?"):
            assert searcher.search(q, unit="article").hits[0].article.number == "1", q
        # a question about something else is ranked as before
        assert searcher.search("người lao động được trả lương", unit="article").hits[0].article.number == "2"


def test_an_article_whose_heading_the_question_names_ranks_first(tmp_path):
    # Điều 1 holds more of the question's words; the question names Điều 2's heading.
    arts = [("Quyền và nghĩa vụ của Trung tâm trọng tài",
             "Trung tâm trọng tài thu phí trọng tài gồm những chi phí do Trung tâm quyết định; "
             "công bố mức phí trọng tài."),
            ("Phí trọng tài", "Thù lao trọng tài viên, chi phí đi lại và chi phí cho hoạt động giải quyết tranh chấp."),
            ("Trọng tài viên", "Trọng tài viên phải có năng lực hành vi dân sự đầy đủ."),
            ("Thỏa thuận trọng tài", "Thỏa thuận trọng tài được lập trước hoặc sau khi xảy ra tranh chấp."),
            ("Hội đồng trọng tài", "Hội đồng trọng tài gồm ba trọng tài viên.")]
    with Searcher(one_law(tmp_path, "54/2010/QH12", "Luật Trọng tài thương mại", arts)) as searcher:
        hits = searcher.search("Phí trọng tài gồm những chi phí nào?", unit="article").hits
    assert [h.article.number for h in hits[:2]] == ["2", "1"]


def test_the_heading_bonus_looks_at_what_can_be_shown(tmp_path, monkeypatch):
    """The heading bonus reranks the best candidates among those a filter keeps (and, for a
    document hit's best article, among that document's articles): thirty laws whose articles
    match the question more strongly must not take every place it looks at."""
    target = [("Quyền và nghĩa vụ của Trung tâm trọng tài",
               "Trung tâm trọng tài thu phí gồm những chi phí do Trung tâm quyết định."),
              ("Phí trọng tài", "Thù lao trọng tài viên, chi phí đi lại và chi phí giải quyết tranh chấp.")]
    data = tmp_path / "data"
    with open_store(data) as s:
        s.save_document(Document(number="63/2011/NĐ-CP", type="Nghị định", issuer="Chính phủ", date="2011-07-28",
                                 title="Quy định chi tiết một số điều",
                                 text="".join(f"Điều {i + 1}. {h}\n{b}\n\n" for i, (h, b) in enumerate(target))))
        for n in range(30):
            s.save_document(Document(
                number=f"{n + 1}/2015/QH13", type="Luật", issuer="Quốc hội", date="2015-01-01",
                title=f"Luật phí trọng tài số {n + 1}",
                text=f"Điều 1. Phí trọng tài và chi phí số {n + 1}\nPhí trọng tài gồm những chi phí trọng "
                     "tài, phí trọng tài và chi phí trọng tài gồm những chi phí nào.\n"))
        # articles on other things, so that the question's words are rare, as in a real collection
        topics = ["đất đai", "thuế", "giáo dục", "y tế", "giao thông", "môi trường", "xây dựng", "nông nghiệp"]
        s.save_document(Document(number="99/2019/QH14", type="Luật", issuer="Quốc hội", date="2019-01-01",
                                 title="Luật khác", text="".join(
                                     f"Điều {i + 1}. Quy định về {topics[i % 8]} mục {i}\nCơ quan có thẩm quyền "
                                     f"quản lý {topics[i * 3 % 8]} theo quy định.\n\n" for i in range(300))))
    indexer.update(data, rebuild=True, progress=False)
    question = "Phí trọng tài gồm những chi phí nào?"
    with Searcher(data) as searcher:
        monkeypatch.setattr(searching, "A_HEAD_COVER", 0.0)  # the premise: without the bonus …
        plain = searcher.search(question, unit="article", per_page=40).hits
        assert len(plain) == 32 and "63/2011/NĐ-CP" not in [h.number for h in plain[:searching.A_HEAD_RERANK]]
        assert [h.article.number for h in searcher.search(question, unit="article", type="Nghị định").hits] \
            == ["1", "2"]  # … Điều 1 holds more of the question
        monkeypatch.undo()
        hits = searcher.search(question, unit="article", type="Nghị định").hits
        assert [h.article.number for h in hits] == ["2", "1"]
        decree = searcher.search(question, type="Nghị định").hits  # a document hit's best article
        assert [(h.number, h.article.number) for h in decree] == [("63/2011/NĐ-CP", "2")]


def test_a_short_question_falls_back_to_any_word_inside_the_filter(tmp_path):
    """A short question needs all its words in one article; when only articles outside the
    filter hold them all, the filtered page falls back to articles holding any of them,
    instead of coming back empty."""
    data = tmp_path / "data"
    with open_store(data) as s:
        s.save_document(Document(number="54/2010/QH12", type="Luật", issuer="Quốc hội", date="2010-06-17",
                                 title="Luật Trọng tài thương mại",
                                 text="Điều 1. Phí trọng tài\nPhí trọng tài do Trung tâm trọng tài quy định.\n"))
        s.save_document(Document(number="63/2011/NĐ-CP", type="Nghị định", issuer="Chính phủ", date="2011-07-28",
                                 title="Quy định chi tiết Luật Trọng tài thương mại",
                                 text="Điều 1. Trọng tài viên\nTiêu chuẩn trọng tài viên.\n\n"
                                      "Điều 2. Lệ phí\nLệ phí đăng ký hoạt động.\n\n"
                                      "Điều 3. Đất đai\nQuản lý đất đai.\n"))
    indexer.update(data, rebuild=True, progress=False)
    with Searcher(data) as searcher:
        everywhere = searcher.search("phí trọng tài", unit="article").hits
        assert [(h.number, h.article.number) for h in everywhere] == [("54/2010/QH12", "1")]  # all words: strict
        decree = searcher.search("phí trọng tài", unit="article", type="Nghị định").hits
        assert sorted(h.article.number for h in decree) == ["1", "2"]  # any word, inside the filter
