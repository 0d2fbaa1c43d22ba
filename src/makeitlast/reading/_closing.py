"""Closing messages: the customer only thanks or acknowledges ("ok thx", "Cool, thanks!", "Will do, cheers").

Such a message ends the exchange. There is nothing of theirs to reflect back and a reply does not need to thank
them again ("You're welcome" is the right answer), so the listen and thank steps do not apply to a reply to it;
see ``docs/annotation.md``: labellers rated friendly sign-offs to such messages 3-4 where the rules scored them 0.
Matched against the whole message (handles, links and emoji removed) when it is at most ``CLOSING_MAX``
characters long.
"""

from __future__ import annotations

from makeitlast.engine.detectors import Phrases

_ACK = (
    r"(?:ok(?:ay)?|k|kk|cool|great|perfect|awesome|brilliant|lovely|nice|fab|fabulous|sweet|excellent|amazing"
    r"|wonderful|fantastic|super|will do|got it|gotcha|done|sounds good|sounds great|all good|no worries|np"
    r"|yes|yep|yeah|yup|alright|all right|right|fine|understood|noted|ah|oh|haha|lol|that worked|it worked"
    r"|that'?s fixed|sorted|fixed|resolved|it'?s working(?: now)?|working now|all sorted|problem solved)"
)
_THANKS = (
    r"(?:thanks?|thank you|thank u|thx|thnx|ty|tysm|cheers|ta|many thanks|much appreciated|appreciate it"
    r"|appreciated|i appreciate it)(?: (?:so|very) much| a lot| a million| again| for (?:the|your) (?:help|reply"
    r"|response|info|information|quick reply|quick response|update))*(?: (?:guys|team|you|all|folks|mate))?"
)

CLOSING = Phrases.of(
    [
        rf"^(?:(?:{_ACK})[\s,.!]*)*(?:{_THANKS})(?:[\s,.!]*(?:{_ACK}|{_THANKS}))*[\s,.!]*$",
        rf"^(?:{_ACK})(?:[\s,.!]+(?:{_ACK}))*[\s,.!]*$",
    ],
    negation=None,
    quotes=False,
)
CLOSING_MAX = 60
