from __future__ import annotations

import makeitlast
from makeitlast import BatchError, Report

ITEMS = [
    {"id": f"r{i}", "customer": "My parcel #55512 is late again.", "reply": reply}
    for i, reply in enumerate(
        [
            "It's our policy, sorry.",
            "Sorry for the delay with parcel #55512! I've asked the courier to deliver it tomorrow. Thanks for your patience.",
            "",
            "Rules are rules.",
        ]
        * 30
    )
]


def test_batch_in_order_with_errors_inline() -> None:
    out = list(makeitlast.check_batch(ITEMS, workers=1))
    assert [o.id for o in out] == [it["id"] for it in ITEMS]
    errors = [o for o in out if isinstance(o, BatchError)]
    assert len(errors) == 30 and all("empty" in e.message for e in errors)
    assert errors[0].index == 2


def test_batch_parallel_equals_serial() -> None:
    serial = list(makeitlast.check_batch(ITEMS, workers=1))
    parallel = list(makeitlast.check_batch(ITEMS, workers=2, chunksize=7))
    assert len(serial) == len(parallel)
    for a, b in zip(serial, parallel, strict=True):
        if isinstance(a, Report):
            assert isinstance(b, Report) and a.to_json_dict() == b.to_json_dict()
        else:
            assert a == b


def test_batch_reports_bad_item_shape() -> None:
    out = list(makeitlast.check_batch([{"id": 7, "customer": "x"}], workers=1))
    assert isinstance(out[0], BatchError) and "reply" in out[0].message
