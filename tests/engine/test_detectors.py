from __future__ import annotations

from makeitlast.engine.detectors import Lexicon, Overlap, Phrases, TextView

APOLOGY = Phrases.of([r"sorry", r"apologi[sz]e"])
POLICY = Phrases.of(
    [r"(it|that)'s our policy"], unless_after=Phrases.of([r"because", r"so that"], negation=None)
)


def _texts(p: Phrases, text: str) -> list[str]:
    return [s.text for s in p.find(TextView(text))]


def test_phrase_found_with_offsets() -> None:
    view = TextView("Hi Sam, we're so sorry about the delay.")
    (span,) = APOLOGY.find(view)
    assert (span.start, span.end, span.text) == (17, 22, "sorry")
    assert view.text[span.start : span.end] == "sorry"


def test_curly_apostrophe_and_whitespace_match() -> None:
    assert _texts(POLICY, "Well, it’s  our policy.") == ["it’s  our policy"]


def test_negation_within_clause_is_skipped() -> None:
    assert _texts(APOLOGY, "There's no need to apologize!") == []
    assert _texts(APOLOGY, "I'm not sorry.") == []
    # a negation in an earlier clause does not reach over the comma
    assert _texts(APOLOGY, "That should not happen, we're sorry.") == ["sorry"]


def test_quoted_text_is_skipped() -> None:
    assert _texts(APOLOGY, "You said \"sorry doesn't cut it\" and you're right.") == []
    assert _texts(APOLOGY, "Sorry! You wrote “I want a refund”.") == ["Sorry"]


def test_reason_after_excuses_the_match() -> None:
    assert _texts(POLICY, "It's our policy because card data must stay private.") == []
    assert _texts(POLICY, "It's our policy. Bye.") == ["It's our policy"]


def test_raw_ignores_context_rules() -> None:
    assert [s.text for s in APOLOGY.find(TextView("no need to apologize"), raw=True)] == ["apologize"]


def test_extended_adds_team_phrases() -> None:
    more = POLICY.extended(["how we do things here"])
    assert _texts(more, "That's just how we do things here.") == ["how we do things here"]
    assert _texts(POLICY, "That's just how we do things here.") == []


def test_empty_phrases_match_nothing() -> None:
    assert not Phrases(())
    assert Phrases(()).find(TextView("anything")) == []


def test_word_boundaries() -> None:
    assert _texts(APOLOGY, "sorryyy") == []
    assert _texts(Phrases.of(["rma"]), "Your @rma handle and #rma tag; the RMA form") == ["RMA"]


def test_overlap_stems_and_concepts() -> None:
    ov = Overlap(ignore=frozenset({"help", "please"}), concepts={"late": "DELAY", "delay": "DELAY"})
    cust = TextView("@brand my package is late again, please help")
    reply = TextView("Sorry about the delay with your packages: help is on the way")
    words = [s.text for s in ov.find(reply, ov.keys(cust))]
    assert words == ["delay", "packages"]


def test_overlap_ignores_handles_and_urls() -> None:
    ov = Overlap(ignore=frozenset())
    keys = ov.keys(TextView("@AmazonHelp https://t.co/abc order"))
    assert keys == {"order"}


def test_lexicon_sums_weights() -> None:
    lex = Lexicon.of({1.0: ["annoying"], 2.0: ["unacceptable", "worst"]})
    score, ev = lex.score(TextView("This is the worst, truly unacceptable and annoying"))
    assert score == 3.0
    assert sorted(s.text for s in ev) == ["annoying", "unacceptable", "worst"]


def test_sentences_and_questions() -> None:
    view = TextView("We hear you. Could you DM us the order number? Thanks!")
    assert [view.text[a:b] for a, b in view.sentences] == [
        "We hear you.",
        "Could you DM us the order number?",
        "Thanks!",
    ]
    assert [view.text[a:b] for a, b in view.question_sentences] == ["Could you DM us the order number?"]
