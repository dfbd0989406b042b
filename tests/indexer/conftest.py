"""Indexes built once per test session: a small hand-made one and ../shared's legal corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from indexer.sources import IndexDoc

SMALL_DOCS = [
    IndexDoc(
        slug="76-nq-cp-2021-07-15", number="76/NQ-CP", type="Nghị quyết", issuer="Chính phủ",
        date="2021-07-15", year=2021, validity="con_hieu_luc",
        title="Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
        text="CHÍNH PHỦ\nSố: 76/NQ-CP\nNGHỊ QUYẾT\nBan hành Chương trình tổng thể cải cách hành "
             "chính nhà nước giai đoạn 2021 - 2030.\nĐẩy mạnh cải cách thủ tục hành chính, xây dựng "
             "Chính phủ điện tử.",
    ),
    IndexDoc(
        slug="76-qd-ubnd-2023-02-01", number="76/QĐ-UBND", type="Quyết định",
        issuer="Ủy ban nhân dân tỉnh Quảng Ngãi", date="2023-02-01", year=2023,
        title="Về việc kiện toàn Tổ hoà giải ở cơ sở",
        text="Quyết định về công tác hoà giải ở cơ sở. Uỷ ban nhân dân tỉnh giao Sở Tư pháp "
             "hướng dẫn công tác thuỷ lợi và hoà giải.",
    ),
    IndexDoc(
        slug="76-qd-ubnd-2024-05-10", number="76/QĐ-UBND", type="Quyết định",
        issuer="Ủy ban nhân dân tỉnh Bình Định", date="2024-05-10", year=2024,
        validity="het_hieu_luc",
        title="Phê duyệt kế hoạch phát triển thủy lợi",
        text="Phê duyệt kế hoạch phát triển thủy lợi năm 2024 của tỉnh Bình Định.",
    ),
    IndexDoc(
        slug="30-2020-nd-cp-2020-03-05", number="30/2020/NĐ-CP", type="Nghị định",
        issuer="Chính phủ", date="2020-03-05", year=2020, validity="con_hieu_luc",
        title="Về công tác văn thư",
        text="Nghị định này quy định về công tác văn thư và quản lý nhà nước về công tác văn thư. "
             "Ký hiệu <script>alert(1)</script> & các dấu < > được giữ nguyên.",
    ),
    IndexDoc(
        slug="hoc-tap", type="Kế hoạch", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
        date="2022-01-10", year=2022, number="15/KH-UBND",
        title="Xây dựng xã hội học tập",
        text="Kế hoạch xây dựng xã hội học tập giai đoạn 2021 - 2030. Xã hội học tập là mục tiêu chung.",
    ),
    IndexDoc(
        slug="bai-ban-nha", type="Bài viết", title="Giá bán nhà ở xã hội",
        text="Giá bán nhà ở xã hội do chủ đầu tư xây dựng. Người mua nhà được bán với giá ưu đãi.",
    ),
    IndexDoc(
        slug="bai-ban-hanh", type="Bài viết", title="Thủ tục ban hành văn bản",
        text="Ban hành văn bản quy phạm pháp luật theo trình tự rút gọn; ban soạn thảo.",
    ),
]


@pytest.fixture(scope="session")
def small_index(tmp_path_factory) -> Path:
    from indexer.build import build

    root = tmp_path_factory.mktemp("small") / "index"
    build(root, list(SMALL_DOCS), total=len(SMALL_DOCS), progress=False)
    return root


@pytest.fixture(scope="session")
def small_searcher(small_index):
    from indexer.searching import Searcher

    with Searcher(index_dir=small_index) as searcher:
        yield searcher


@pytest.fixture(scope="session")
def corpus_docs(shared):
    from bench.search_quality import corpus_documents

    return corpus_documents(shared)


@pytest.fixture(scope="session")
def corpus_searcher(corpus_docs, tmp_path_factory):
    """../shared/corpus/legal indexed once per session (~15 s on 2 cores)."""
    from indexer.build import build
    from indexer.searching import Searcher

    root = tmp_path_factory.mktemp("corpus") / "index"
    build(root, corpus_docs, total=len(corpus_docs), progress=False)
    with Searcher(index_dir=root) as searcher:
        yield searcher
