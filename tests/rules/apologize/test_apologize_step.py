"""The apologize step and the A rules, on support-style text (no shared data)."""

from __future__ import annotations

import pytest

import makeitlast
from makeitlast import Settings, Status, Step
from makeitlast.engine import Engine, get_engine
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import TextView
from makeitlast.model import CustomerReading, Severity
from makeitlast.rules.apologize._step import assess, non_apologies, real_apologies

BAD_DELIVERY = "My order still hasn't arrived and it's been two weeks"


def _ctx(reply: str, *, bad: bool = True, settings: Settings | None = None) -> ReplyContext:
    return ReplyContext(
        reply=TextView(reply),
        customer=TextView("It broke"),
        earlier=(),
        reading=CustomerReading(bad_experience=bad),
        settings=settings or get_engine().settings,
    )


def _texts(reply: str) -> list[str]:
    return [s.text for s in real_apologies(TextView(reply))]


@pytest.mark.parametrize(
    "reply",
    [
        "I'm so sorry your parcel is late.",
        "We apologise for the delay.",
        "We apologize for the mix-up with your bill.",
        "Our apologies, that shouldn't have happened.",
        "My apologies for the wait!",
        "Sorry to hear that, Sam.",
        "Sincerest apologies. ^JP",
        "I truly regret the frustration we've caused you.",
        "I can't apologize enough for this.",
        "Please accept our apology for the missed call.",
    ],
)
def test_real_apologies_are_present(reply: str) -> None:
    result = assess(_ctx(reply))
    assert result.status is Status.PRESENT
    assert result.applicable
    assert all(reply[s.start : s.end] == s.text for s in result.evidence)


@pytest.mark.parametrize(
    "reply",
    [
        "There's no need to apologize! Your replacement ships today.",
        "I'm not sorry we enforced the rule, but here's what we can do.",
        "You said \"sorry doesn't cut it\" and you're right: a refund is on its way.",
        "Sorry? Could you say which order you mean?",
        "Your refund was issued today.",
        "That's frustrating. Let's fix it: restart the app.",
        "The garden was in a sorry state when the crew left, so we sent them back.",
        "We regret to inform you that the event is sold out.",
    ],
)
def test_not_apologies_are_missing(reply: str) -> None:
    assert assess(_ctx(reply)).status is Status.MISSING


@pytest.mark.parametrize(
    ("reply", "span"),
    [
        ("We're sorry you feel that way. All charges are on the website.", "sorry you feel"),
        ("I apologize that you think that.", "apologize that you think"),
        ("Sorry if you were upset by our driver.", "Sorry if you"),
        (
            "Apologies for any inconvenience this may have caused.",
            "Apologies for any inconvenience this may have caused",
        ),
    ],
)
def test_non_apologies_are_weak(reply: str, span: str) -> None:
    result = assess(_ctx(reply))
    assert result.status is Status.WEAK
    assert [s.text for s in result.evidence] == [span]


def test_a_real_apology_beside_a_hedged_one_is_present() -> None:
    reply = "Sorry to hear about the trouble. We apologize for any inconvenience this may have caused."
    assert assess(_ctx(reply)).status is Status.PRESENT
    assert len(non_apologies(TextView(reply))) == 1


def test_applicability_follows_the_bad_experience_and_the_culture_setting() -> None:
    assert assess(_ctx("Sorry!", bad=False)).applicable is False
    soft = Settings(apology="soft")
    result = assess(_ctx("Sorry for the delay!", settings=soft))
    assert result.applicable is False and result.status is Status.PRESENT
    no_customer = makeitlast.check("We're sorry for the delay.")
    assert no_customer.steps[Step.APOLOGIZE].applicable is False
    assert no_customer.steps[Step.APOLOGIZE].status is Status.PRESENT


def test_evidence_offsets_point_at_the_words() -> None:
    reply = "Hi Sam, we're so sorry about the delay."
    (span,) = _texts(reply)
    assert span == "sorry"


def _codes(reply: str, customer: str, settings: Settings | None = None) -> dict[str, list[object]]:
    report = (Engine(settings) if settings else get_engine()).check(reply, customer)
    out: dict[str, list[object]] = {}
    for f in report.findings:
        out.setdefault(f.code, []).append(f)
    return out


def test_a001_fires_on_a_bad_experience_without_apology() -> None:
    found = _codes("Please DM us your order number and we'll check.", BAD_DELIVERY)
    (f,) = found["A001"]
    assert f.severity is Severity.WARNING and f.suggestion and "sorry" in f.suggestion.lower()


def test_a001_is_advice_under_the_soft_culture_setting() -> None:
    found = _codes("Please DM us your order number and we'll check.", BAD_DELIVERY, Settings(apology="soft"))
    (f,) = found["A001"]
    assert f.severity is Severity.ADVICE


def test_a001_quiet_for_a_plain_question_and_for_a_real_apology() -> None:
    assert "A001" not in _codes("We open at 9am on Sundays.", "What time do you open on Sunday?")
    assert "A001" not in _codes("I'm sorry it's late! It arrives tomorrow.", BAD_DELIVERY)


def test_a002_points_at_the_non_apology_and_suggests_a_real_one() -> None:
    reply = "We're sorry you feel that way. All charges are listed on our website."
    (f,) = _codes(reply, "You charged me twice for the same month!")["A002"]
    assert f.span is not None and reply[f.span.start : f.span.end] == "sorry you feel"
    assert f.suggestion and f.suggestion.startswith("I'm sorry")


def test_a003_counts_repeated_apologies_but_allows_two() -> None:
    grovel = "I'm so sorry! Sorry again, we really apologize for this. Your order ships tomorrow."
    assert "A003" in _codes(grovel, "My order is a week late")
    two = (
        "Sorry to hear about the double charge. I've refunded the second payment today; it shows in 3-5 days. "
        "Once again, apologies for the hassle."
    )
    assert "A003" not in _codes(two, "You charged me twice")


def test_a003_flags_self_abasement() -> None:
    (f,) = _codes("We are so ashamed, we don't deserve you. Refund sent.", "You charged me twice")["A003"]
    assert f.span is not None and f.span.text == "We are so ashamed"


def test_team_phrases_extend_the_apology_lists() -> None:
    team = Engine(Settings(phrases={"A001": ("we're gutted",), "A002": ("shame you think so",)}))
    report = team.check("We're gutted about the delay. It ships today.", BAD_DELIVERY)
    assert report.steps[Step.APOLOGIZE].status is Status.PRESENT
    assert "A001" not in {f.code for f in report.findings}
    report = team.check("Shame you think so. It ships today.", BAD_DELIVERY)
    assert report.steps[Step.APOLOGIZE].status is Status.WEAK
    assert "A002" in {f.code for f in report.findings}
