"""Numbers the structure parser must never choke on."""
from kb.structure import parse_units


def test_numbers_zero_never_hang_the_parser():
    # "0." lines inside an article (a table's first column, a list numbered from 0) once sent
    # the chain's Fenwick tree into an endless loop: the import of the Pháp điển never ended.
    import multiprocessing

    text = "Điều 1. Thử\n0. Không\n1. Một\n0. Không\n2. Hai\nĐiều 0. Không\nĐiều 2. Hai\n0. a\n"
    with multiprocessing.get_context("fork").Pool(1) as pool:
        units = pool.apply_async(parse_units, (text,)).get(timeout=20)
    assert [u.anchor for u in units if u.kind == "dieu"] == ["dieu-1", "dieu-2"]
    assert [u.anchor for u in units if u.kind == "khoan"] == ["dieu-1-khoan-1", "dieu-1-khoan-2"]
