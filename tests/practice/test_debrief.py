"""The debrief: transcript with findings, steps per turn, what went well, top three, score, JSON and text."""

from __future__ import annotations

import json

from practice_paths import DONTS, GOOD

from makeitlast.practice import SessionResult, run_scripted
from makeitlast.practice.debrief import ENDING_ADJUSTMENT, session_score


def test_session_score_formula() -> None:
    assert session_score([100, 80], "resolved") == (90.0, 10, 100)
    assert session_score([60, 40], "escalated") == (50.0, -20, 30)
    assert session_score([50], "walked_away") == (50.0, -15, 35)
    assert session_score([70, 71], None) == (70.5, -10, 60)
    assert session_score([], None) == (0.0, -10, 0)
    assert set(ENDING_ADJUSTMENT) == {"resolved", "escalated", "walked_away", None}


def test_the_debrief_of_a_good_session() -> None:
    result = run_scripted("airline-lost-bag", GOOD["airline-lost-bag"])
    d = result.debrief
    assert d.ending == "resolved" and d.revealed_at == 1
    assert set(d.met) >= {"repair", "future_credit"}
    assert d.turn_scores == [t.report.score for t in result.turns]
    mean, adjustment, score = session_score(d.turn_scores, "resolved")
    assert (d.mean_turn_score, d.ending_adjustment, d.score) == (round(mean, 1), adjustment, score)
    assert result.score == d.score
    assert [row.turn for row in d.steps] == [1, 2]
    assert d.steps[0].listen == "present" and d.steps[0].mood in ("calm", "annoyed")
    assert any("golden question" in w for w in d.went_well)
    assert any(w.startswith("Resolved") for w in d.went_well)
    roles = [e.role for e in d.transcript]
    assert roles[:3] == ["customer"] * 3 and roles[3] == "trainee" and roles[-1] == "customer"
    assert d.transcript[-1].events[-1] == "resolved"


def test_the_debrief_of_a_bad_session() -> None:
    result = run_scripted("hotel-overbooking", DONTS["hotel-overbooking"])
    d = result.debrief
    assert d.ending == "escalated"
    assert 1 <= len(d.improve) <= 3
    top = d.improve[0]
    assert top.severity.value == "error" and top.suggestion
    assert top.words  # the flagged words
    assert all(i.suggestion for i in d.improve)
    codes = [i.code for i in d.improve]
    assert len(set(codes)) == len(codes)
    # findings carry spans into the reply they flag
    trainee = [e for e in d.transcript if e.role == "trainee"]
    for entry in trainee:
        for f in entry.findings:
            if f.span is not None:
                assert entry.text[f.span.start : f.span.end] == f.span.text
    assert d.score == max(0, min(100, round(sum(d.turn_scores) / len(d.turn_scores) - 20)))


def test_never_asking_the_golden_question_is_a_lesson() -> None:
    result = run_scripted("broken-product", ["OK."] * 6)
    assert result.ending == "walked_away"
    assert "S003" in [i.code for i in result.debrief.improve]


def test_the_result_is_json_and_reads_back() -> None:
    result = run_scripted("retail-return-exception", GOOD["retail-return-exception"], seed=3)
    data = result.model_dump(mode="json")
    text = json.dumps(data)
    again = SessionResult.model_validate(json.loads(text))
    assert again.model_dump(mode="json") == data
    assert data["ending"] == "resolved" and data["seed"] == 3
    assert data["turns"][0]["report"]["steps"]["listen"]["status"] in ("present", "weak", "missing")
    assert data["debrief"]["transcript"][0]["role"] == "customer"
    assert result.transcript == result.debrief.transcript


def test_text_rendering() -> None:
    result = run_scripted(
        "bank-double-charge",
        ["It's our policy, I'm afraid. You need to calm down.", *GOOD["bank-double-charge"]],
    )
    text = result.debrief.to_text(width=120)
    for words in (
        "Charged twice, rent due Friday",
        "Transcript",
        "Priya Raman:",
        "You (1):",
        "D001 error policy-wall",
        "L.A.S.T. over the session",
        "What went well",
        "Top three to improve",
        "/100",
    ):
        assert words in text, words
    assert "\x1b[" not in text
    coloured = result.debrief.to_text(width=120, color=True)
    assert "\x1b[1;4;31mIt's our policy\x1b[0m" in coloured  # the flagged words, underlined in red
    plain = result.debrief.to_text(width=120, ascii=True)
    assert "●" not in plain and "+ present" in plain
