"""Rewrites: applying fixes to a text (``apply_fixes``) and fixing a reply in rounds (``fix``, ``fix_batch``)."""

from __future__ import annotations

import pytest

import makeitlast
from makeitlast.compose.fix import FixResult, apply_fixes, fix, fix_batch
from makeitlast.engine.batch import BatchError
from makeitlast.model import Finding, Fix, Severity, Span, Step

TEXT = "Calm down. It is what it is. Thanks!"


def _finding(start: int, end: int, replacement: str, *, safe: bool = True, text: str = TEXT,
             severity: Severity = Severity.WARNING, code: str = "D006") -> Finding:  # fmt: skip
    return Finding(
        code=code,
        name="x",
        step=Step.DONTS,
        severity=severity,
        message="m",
        fix=Fix(span=Span(start=start, end=end, text=text[start:end]), replacement=replacement, safe=safe),
    )


# -- apply_fixes ----------------------------------------------------------------------------------------------------


def test_apply_fixes_edits_right_to_left_and_returns_them_in_reply_order() -> None:
    a = _finding(0, 10, "I hear you.")
    b = _finding(11, 29, "")
    c = _finding(len(TEXT), len(TEXT), " Bye.")
    text, applied = apply_fixes(TEXT, [c, a, b])
    assert text == "I hear you. Thanks! Bye."
    assert applied == [a, b, c]


def test_only_safe_fixes_unless_unsafe() -> None:
    a = _finding(0, 10, "I hear you.", safe=False)
    assert apply_fixes(TEXT, [a]) == (TEXT, [])
    assert apply_fixes(TEXT, [a], unsafe=True) == ("I hear you. It is what it is. Thanks!", [a])


def test_overlapping_fixes_keep_the_safe_then_the_most_severe() -> None:
    unsafe = _finding(0, 10, "A.", safe=False, severity=Severity.ERROR)
    warning = _finding(0, 4, "Settle", severity=Severity.WARNING)
    error = _finding(5, 10, "up.", severity=Severity.ERROR)
    text, applied = apply_fixes(TEXT, [unsafe, warning, error], unsafe=True)
    assert applied == [warning, error]  # both safe, side by side; the unsafe one overlaps them
    assert text.startswith("Settle up.")


def test_two_insertions_at_one_point_conflict_but_an_insertion_next_to_a_replacement_does_not() -> None:
    end = len(TEXT)
    first = _finding(end, end, " One.", severity=Severity.ERROR)
    second = _finding(end, end, " Two.")
    thanks = _finding(end - 7, end, "Thank you!")
    text, applied = apply_fixes(TEXT, [second, first, thanks])
    assert applied == [thanks, first]
    assert text.endswith("Thank you! One.")


def test_a_stale_fix_is_skipped() -> None:
    stale = _finding(0, 10, "I hear you.", text="Xalm down. " + TEXT[11:])
    assert apply_fixes(TEXT, [stale]) == (TEXT, [])
    outside = Finding(
        code="D006", name="x", step=Step.DONTS, severity=Severity.ERROR, message="m",
        fix=Fix(span=Span(start=90, end=95, text=""), replacement="x", safe=True),
    )  # fmt: skip
    assert apply_fixes(TEXT, [outside]) == (TEXT, [])


def test_findings_without_a_fix_are_ignored() -> None:
    plain = Finding(code="L002", name="x", step=Step.LISTEN, severity=Severity.ADVICE, message="m")
    assert apply_fixes(TEXT, [plain]) == (TEXT, [])


# -- the rewrites themselves ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "customer", "fixed"),
    [
        # D003: the team owns it, with what went wrong as the object
        (
            "The warehouse messed up your order. I'll send the right one tomorrow.",
            "You sent me the wrong size",
            "I'm sorry to hear about this. We made a mistake with your order. I'll send the right one tomorrow.",
        ),
        # D006 → D007 → question, over two rounds; "obviously" goes
        (
            "You obviously didn't read the email.",
            "Why was I charged twice?",
            "I'm sorry to hear about this. Have you had a chance to read the email?",
        ),
        # D006 "as I already explained" at the start of a sentence → "To recap,"
        (
            "As I already explained, the fee applies to all changes. Thanks for your patience.",
            "Why am I paying a fee to change my flight??",
            "To recap, the fee applies to all changes. Thanks for your patience.",
        ),
        # D008 → a commitment to find out, capitalised at the start
        (
            "I have no idea why that happened. Thanks for flagging it.",
            "Why was I charged twice this month?",
            "I'm sorry to hear about this. Let me find out why that happened. Thanks for flagging it.",
        ),
        # D010 removed with its comma; the next word gets the capital
        (
            "@123 Tough luck, the sale ended yesterday. Thanks for asking about it!",
            "I missed the sale by one day, can I still get it?",
            "@123 The sale ended yesterday. Thanks for asking about it!",
        ),
        # A002 → a real apology (keeping "We're")
        (
            "We're sorry you feel that way. I've refunded the fee. Thanks for flagging it.",
            "You charged me twice for the same month!",
            "We're sorry this happened. I've refunded the fee. Thanks for flagging it.",
        ),
        # A003: the first apology stays, the others go with their clauses
        (
            "I'm so sorry! Sorry again, we really apologize for this. Your order ships tomorrow. Thanks for your "
            "patience.",
            "My order is a week late",
            "I'm so sorry! Your order ships tomorrow. Thanks for your patience. What can I do to make this right?",
        ),
        # T001: "Thank you for your patience." only for a customer who waited, before the signature
        (
            "@55 I'm sorry it's late again. Your refund went out today. ^RM",
            "Still waiting for my refund, I asked twice already",
            "@55 I'm sorry it's late again. Your refund went out today. Thank you for your patience. ^RM",
        ),
        # A001 after a "Hi Sam," greeting: the next word starts a sentence
        (
            "Hi Sam, please DM us the order number and I'll check it now. Thanks for flagging this.",
            "My order arrived broken",
            "Hi Sam, I'm sorry to hear about this. Please DM us the order number and I'll check it now. Thanks for "
            "flagging this.",
        ),
    ],
)
def test_safe_rewrites(reply: str, customer: str, fixed: str) -> None:
    result = fix(reply, customer)
    assert result.text == fixed
    assert all(f.fix is not None and f.fix.safe for f in result.applied)
    assert len(result.after.findings) < len(result.before.findings)


def test_curly_apostrophes_are_kept() -> None:
    result = fix("I’m sure you forgot to cancel before the trial ended. Thanks for asking.", "Why was I charged?")
    assert "Could it be that you forgot to cancel before the trial ended?" in result.text
    assert "'" not in result.text and "I’m sorry to hear about this." in result.text


def test_unsafe_fixes_hold_blanks_and_apply_only_when_asked() -> None:
    reply, customer = "Sorry, it's our policy. Thanks for asking.", "Why can't I return my blender?"
    safe_only = fix(reply, customer)
    assert "policy" in safe_only.text
    assert any(f.code == "D001" and f.fix and not f.fix.safe for f in safe_only.suggestions)
    with_unsafe = fix(reply, customer, unsafe=True)
    assert "because …" in with_unsafe.text and "here's what I can do: …" in with_unsafe.text
    assert any(f.code == "D001" for f in with_unsafe.applied)


def test_a_reply_with_nothing_to_fix_comes_back_unchanged() -> None:
    reply = "I'm sorry your blender stopped working. I've sent you a prepaid return label. Thanks for telling us."
    result = fix(reply, "My blender stopped working after two weeks")
    assert isinstance(result, FixResult)
    assert result.text == reply and not result.changed and result.applied == ()
    assert result.after == result.before


def test_never_more_findings_than_it_started_with(monkeypatch: pytest.MonkeyPatch) -> None:
    """If every rewrite made things worse, the reply comes back as it was."""
    import makeitlast.compose.fix as mod

    real = mod.apply_fixes

    def worse(reply: str, findings: object, *, unsafe: bool = False) -> tuple[str, list[Finding]]:
        text, used = real(reply, findings, unsafe=unsafe)  # type: ignore[arg-type]
        return (text + " It's our policy. Calm down. You're wrong." if used else text), used

    monkeypatch.setattr(mod, "apply_fixes", worse)
    reply = "Please DM us your order number."
    result = mod.fix(reply, "My order still hasn't arrived and it's been two weeks")
    assert len(result.after.findings) <= len(result.before.findings)


def test_rounds_zero_and_one() -> None:
    reply, customer = "You obviously didn't read the email.", "Why was I charged twice?"
    assert fix(reply, customer, rounds=0).text == reply
    one = fix(reply, customer, rounds=1)
    assert "Have you had a chance" not in one.text  # the question needs a second round
    assert "Have you had a chance" in fix(reply, customer, rounds=2).text


def test_settings_are_used() -> None:
    settings = makeitlast.Settings(select=("D",))
    result = fix("It is what it is, delays happen.", "My train was late again", settings=settings)
    assert result.text == "Delays happen."
    assert all(f.code.startswith("D") for f in result.before.findings)


def test_fix_batch_keeps_order_and_errors() -> None:
    items = [
        {"id": "a", "customer": "My train was late again", "reply": "It is what it is, delays happen."},
        {"id": "b", "reply": ""},
        {"id": "c", "customer": "Do you ship to Iceland?", "reply": "Yes! 5 to 8 working days. Thanks for asking!"},
    ]
    results = list(fix_batch(items, workers=1))
    assert isinstance(results[0], FixResult) and results[0].changed and results[0].after.id == "a"
    assert isinstance(results[1], BatchError) and results[1].id == "b"
    assert isinstance(results[2], FixResult) and results[2].before.id == "c"


def test_fix_batch_on_worker_processes_matches_in_process() -> None:
    items = [
        {"id": str(i), "customer": "My train was late again", "reply": f"It is what it is, delays happen. #{i}"}
        for i in range(6)
    ]
    here = [r.text for r in fix_batch(items, workers=1) if isinstance(r, FixResult)]
    pool = [r.text for r in fix_batch(items, workers=2, chunksize=2) if isinstance(r, FixResult)]
    assert here == pool and len(here) == 6
