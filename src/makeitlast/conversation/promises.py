"""The promise ledger: "Follow through! Follow up!" (RUBRIC section 4).

Every commitment an agent makes to the customer is a *promise*; the ledger says, for a whole conversation, which
were kept, which broken and which are still open, and which were kept early ("under-promise, over-deliver").

**Commitments** (:func:`extract`). The agent or the company committing to do something later for this customer:

* ``contact``: "I'll DM you", "I'll call you tomorrow", "we'll get back to you", "a member of our team will be in
  touch shortly", "we'll follow up via DM", "you'll receive an email", "I'll have a specialist reach out".
* ``action``: "we'll send a replacement", "we'll look into this", "I'll pass this along", "your refund will be
  processed within 5 business days", "please allow 24-72 hours for the miles to be redeposited".
* ``update``: "I'll keep you updated / posted / in the loop", "we'll let you know".

A commitment that depends on the customer still counts ("DM us your order number and we'll look into it"), and so
does one joined to another ("we'll look into your complaint *and contact you*"). Not commitments: offers, abilities
and wishes ("we'd be happy to help", "we'll be glad to assist", "we can help", "we'd like to look into this", "we
want to help"; a bare "we'll help / assist you" is an offer too); requests to the customer ("DM us", "let us
know"); past and present actions ("I've refunded", "we're looking into it"); hedged ones ("hopefully we'll",
"we should have it soon", "we'll try to"); negated ones ("we won't be able to", "I will not", "I can't promise
we'll"); generic statements ("we're always here", "we will continue to improve our service", "we'll go from
there"); questions ("Will you be home?", "When do you think we'll ship?"); quoted words (the customer's).

The patterns are data: who commits (:data:`SUBJECTS`), how ("will", "'ll", "are going to"), and what, one verb list
per kind; :func:`extract` matches them with :class:`~makeitlast.engine.detectors.Phrases` (quote and negation
aware), drops what the exclusions cover, and gives each commitment the nearest due expression (``_due``) after it
in its sentence (before the next commitment), or else the nearest one before it in the same sentence.

**The ledger** (:func:`ledger`). Every commitment in a public agent message is a promise; an internal note is not a
promise to the customer, and neither keeps nor breaks one. The messages after the promise are read in order and
the first that decides wins:

* a ``contact`` or ``update`` promise is **kept** by any later public agent message: the agent came back to the
  customer. A message of the same turn does not count (a reply split over tweets, "1/2" then "2/2": no customer
  message between them and, where both have timestamps, less than :data:`SAME_TURN` apart).
* an ``action`` promise is **kept** by a later agent message (of a later turn) that reports an action done
  (:data:`DONE`: "I've sent", "we have refunded", "has been processed", "is on its way", "all sorted") or by the
  customer confirming it (:data:`CONFIRMED`: "got it", "received", "it arrived", "thanks, that worked").
* any promise is **broken** by a customer message saying it did not happen (:data:`NOT_DONE`: "still waiting", "no
  one called", "never heard back", "you said you would").
* with nothing decided, a promise is **broken** when its due time has passed by ``now`` (default: the latest
  timestamp in the conversation, that of its last message), and **open** otherwise (no due time, no timestamps, or
  not yet due).

A promise kept after its due time is still kept (late); it is **early** when kept before its due time (``kept_at <
due``, both known): over-delivery. Messages without timestamps are ordered by position; their promises have no due
time and their follow-through no ``kept_at``. Messages stamped after ``now`` are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from makeitlast.conversation import _due
from makeitlast.engine.detectors import Phrases, TextView, outside
from makeitlast.model import Conversation, Message, Role, Span

Kind = Literal["contact", "action", "update"]
State = Literal["kept", "broken", "open"]

#: Two agent messages closer than this with no customer message between are one turn (a reply split over tweets).
SAME_TURN = timedelta(minutes=5)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Commitment(_Frozen):
    """One commitment in a reply: its words, its kind and when it is due."""

    span: Span
    kind: Kind
    #: The words that say when ("within 5 business days"), when the reply says.
    due_text: str | None = None
    #: ``due_text`` resolved against the time the reply was sent (None without one).
    due: datetime | None = None


class Promise(_Frozen):
    """A commitment followed through the conversation."""

    conversation_id: str | None
    message_id: str | None
    #: Position of the promising message in ``conversation.messages``.
    message_index: int
    author: str | None
    made_at: datetime | None
    text: str
    kind: Kind
    due_text: str | None
    due: datetime | None
    state: State
    kept_at: datetime | None = None
    #: Kept before its due time: over-delivery.
    early: bool = False
    #: Id of the message that decided the state: the follow-through, or the customer's complaint.
    evidence: str | None = None
    #: Position of that message in ``conversation.messages``.
    evidence_index: int | None = None


# --- who commits, and how -----------------------------------------------------------------------------------

_TEAM_NOUN = (
    r"(teams?|department|dept|specialists?|agents?|advisors?|advisers?|representatives?|reps?|engineers?|"
    r"technicians?|techs?|colleagues?|staff|folks|crew|experts?|supervisors?|managers?|care team|support team)"
)
_FROM_TEAM = rf"( (of|from|in|on) (our|the|my|that|this|their) (\w+ ){{0,3}}{_TEAM_NOUN})?"
#: Who can commit: the agent, the company, or someone the agent commits on its behalf.
SUBJECTS = (
    r"i",
    r"we",
    rf"our (\w+ ){{0,3}}{_TEAM_NOUN}",
    rf"the (\w+ ){{0,3}}{_TEAM_NOUN}",  # "the Fares team", "the next available agent"
    rf"my (\w+ ){{0,2}}{_TEAM_NOUN}",
    r"team @\w+",
    r"(a|one) (member|representative|rep|specialist|agent|advisor|supervisor|manager|technician|engineer|"
    r"colleague)" + _FROM_TEAM,
    rf"one of (our|the|my) (\w+ ){{0,2}}{_TEAM_NOUN}",
    r"(someone|somebody)" + _FROM_TEAM,
    r"they|he|she",  # "They will be in touch" after a referral
    r"who",  # "our Executive team, who will be in contact"
)
_SUBJECT = "(" + "|".join(SUBJECTS) + ")"
#: The future: "will", "'ll", "shall", "are going to".
_WILL = r"( will|'ll| shall|'m going to| am going to|'re going to| are going to| is going to|'s going to)"
#: Words that may stand between "will" and the verb ("we'll *also* send", "I'll *be sure to* pass it on").
_ADVERB_WORDS = (
    r"(also|now|then|definitely|certainly|absolutely|surely|personally|gladly|happily|immediately|promptly|"
    r"quickly|still|just|be sure to|make sure to|be sure and|go ahead and)"
)
_ADVERB = r"( " + _ADVERB_WORDS + r"){0,2}"

# --- what: one list per kind --------------------------------------------------------------------------------

_YOU = r"(you|u|ya|you guys|y'all|him|her|them)"
_CHANNEL = (
    r"(dm|direct message|private message|pm|message|email|e-mail|text|note|line|call|ring|shout|update)"
)

#: Coming back to the customer.
CONTACT_VERBS = (
    rf"(call|ring|phone|dm|pm|message|email|e-mail|text|contact|write to|call back|ring back) {_YOU}",
    rf"(call|ring|phone) {_YOU} back",
    rf"(give|send|drop|shoot) {_YOU} (a |an )?(quick )?{_CHANNEL}",
    rf"get back (to {_YOU}|in touch)",
    r"get back",
    r"be (in touch|in contact|touching base|back in touch|responding|replying|reaching out|contacting|calling|"
    r"emailing|messaging|following up|getting back)",
    rf"(reach out|get in touch|be in touch|follow up|connect|touch base|speak|talk|meet)( back)? with {_YOU}",
    r"reach out( to (you|u))?",
    r"get in touch",
    rf"follow up( with {_YOU})?",
    r"(respond|reply)( to (you|u|your \w+))?",
    r"(call|ring|phone)( back)?",
    r"touch base|circle back",
    # carrying on where the customer is sent: "DM us and we'll continue there", "we'll go from there"
    r"(continue|carry on|go|pick (it|this|things) up|take it|keep working|continue working|continue support)"
    r"( (the conversation|working with you|to help|support|supporting you|with you|it))? (from )?(there|in (the )?dms?"
    r"|via dm|over dm|in private)",
    r"(get (started|going)|connect|assist( you)?|help( you)?)( (there|in (the )?dms?|via dm|right away|shortly|soon|"
    r"asap|from there))",
    r"connect",
    r"be with (you|u)",
    r"discuss (this|it|that|your \w+|the \w+|options|things)",
    r"(have|get) (someone|somebody|a (member|specialist|representative|rep|supervisor|manager|technician|"
    r"engineer|colleague|\w+ specialist|\w+ agent)|one of (our|my) \w+|our \w+ team|the \w+ team|them) "
    r"(\w+ ){0,4}(call|contact|reach out|get back|get in touch|be in touch|email|ring|follow up|dm|message)",
)

#: Doing something for the customer.
ACTION_VERBS = (
    r"(look into|look at|look over|take a (closer |quick |further |deeper |good )?look|have a (closer |quick |"
    r"further |good )?look|give (it|this|that) a (quick |closer |good )?look|take a peek|dig into|dig deeper|dive (right )?in|dive (right )?into|check|check on|"
    r"check into|check with|investigate|find out|review|explore|research)",
    r"be (still )?(checking|looking into|looking at|investigating|reviewing|sending|passing|forwarding|"
    r"escalating|working on|processing|refunding|replacing|fixing|chasing|following up on)",
    r"see what (we|i) can (do|suggest|find|offer|arrange|recommend|work out)|see what (options|we|i) (are|have|"
    r"can)",
    r"(send|resend|re-send|ship|post|mail|deliver|courier|dispatch|bring|drop off|replace|repair|fix|sort|"
    r"resolve|refund|credit|reimburse|compensate|reissue|re-issue|rebook|re-book|book|arrange|reschedule|"
    r"schedule|cancel|waive|reverse|remove|add|reset|restore|unlock|reactivate|reinstate|upgrade|extend|apply|"
    r"issue|process|expedite|honou?r|match|adjust|correct|update your|change your|escalate|raise|report|log|"
    r"file|flag|note|record|open)",
    r"(pass|hand|send|forward|relay|share|feed)( (this|that|it|them|these|those|your \w+|the \w+|all \w+|our \w+|"
    r"the \w+ \w+|your \w+ \w+)( \w+)?)? (on|along|back|over|forward|up|through)",
    r"(pass|forward|relay|share|send|feed|bring|take|raise|flag|mention) (this|that|it|them|these|those|"
    r"your \w+|the \w+|your \w+ \w+|the \w+ \w+)( \w+)? (to|with) (our|the|my|them|management|leadership)",
    r"(pass|share|relay|forward) (on |along )?(your|the|this|that) (\w+ ){0,2}(feedback|comments?|concerns?|"
    r"suggestions?|ideas?|interest|request|thoughts|praise|kind words|compliments?|details|info|information|"
    r"complaint|experience)",
    r"let (the|our|my) (\w+ ){0,2}\w+ know",
    # helping in so many words: "They will help you", "we'll assist you", "we'll advise on this date for you"
    rf"(help|assist|advise|support) ({_YOU}|on|with)",
    r"(look for|search for|include|hook (you|u) up|sort (you|u) out|set (you|u) up|get (you|u) (a|an|some|the|"
    r"your|sorted|set up|on|booked|rebooked|moving))",
    r"get (this|that|it|them|your \w+|the \w+|you|your \w+ \w+|these|those|things|everything) "
    r"(\w+ )?(sorted|fixed|resolved|reported|escalated|replaced|refunded|rebooked|sent|shipped|straightened|"
    r"squared|taken care of|looked at|looked into|passed on|passed onto|passed along|passed to|back|moving|"
    r"going|working|on your way|to you|over to|added|removed|updated|corrected|changed|cancell?ed|processed|"
    r"credited|reviewed|checked)",
    r"(take care of|handle|deal with|work on|work to|work hard to|do everything (we|i) can to|make sure|ensure|"
    r"make it right|make this right|make things right|find (a|you a|the) (solution|fix|way|resolution|flight|"
    r"seat|replacement)|locate|trace|track down|chase|chase up|follow up on|follow up (with|on) (the|our|my|them|"
    r"this|that)|confirm|verify|get to the bottom of|keep an eye on|monitor)",
)

#: Telling the customer how it goes.
UPDATE_VERBS = (
    r"(keep|keeping) (you|u|y'all) (posted|updated|informed|in the loop|up to date|up-to-date|advised|abreast)",
    r"(update|notify|inform|advise) (you|u|y'all)",
    rf"(let|letting) {_YOU} know",
    r"(send|give|provide) (you )?(an |any |more |further )?(updates?|news)",
    r"be (keeping|updating|letting) (you|u) (posted|updated|informed|know|in the loop)",
    r"post an update",
)


def _alternatives(verbs: Sequence[str]) -> str:
    return "(" + "|".join(verbs) + ")"


def _committing(verbs: Sequence[str]) -> list[str]:
    """Patterns for "<who> will <verb>" with the kind's verbs."""
    return [_SUBJECT + _WILL + _ADVERB + " " + _alternatives(verbs)]


def _chained(verbs: Sequence[str]) -> list[str]:
    """Patterns for a second verb joined to a commitment: "we'll look into it *and contact you*"."""
    return [r"(and|&|and then|and also) (will |'ll )?(" + _ADVERB_WORDS + " ){0,2}" + _alternatives(verbs)]


def _elliptical(verbs: Sequence[str]) -> list[str]:
    """Patterns for "and will <verb>", the subject left out ("We have your DM *and will follow up* there")."""
    return ["(and|&) (also )?will" + _ADVERB + " " + _alternatives(verbs)]


#: The customer is told what will reach them: "you'll receive an email", "you'll hear from us".
_YOU_CONTACT = (
    r"you( will|'ll|'re going to| are going to)( also| then| now)? (receive|get|be getting|be receiving) "
    r"(a |an |our )?(\w+ )?(call|phone call|callback|call back|email|e-mail|dm|message|text|response|reply|"
    r"follow-up|follow up|ring)",
    r"you( will|'ll|'re going to| are going to| should)( also| then| now)? (hear|be hearing) (back )?from (us|me|"
    r"(our|the|a|one of our) \w+)",
    r"you( will|'ll)( also| then| now)? (be contacted|be called|be emailed|be messaged|be dm'?d|be reached|get "
    r"(a call|contacted|called|a reply|a response))",
    r"(someone|somebody|a member of our team|our team|an agent|a specialist) (from|at|on) \w+ (\w+ )?will "
    r"(be in touch|contact you|call you|reach out)",
)
#: What the customer is told will be done for them: "your refund will be processed within 5 business days".
_YOU_ACTION = (
    r"you( will|'ll)( also| then| now)? (receive|get|see|be receiving|be getting) (a |an |the |your )?"
    r"(full |partial |new |free )?(refund|credit|replacement|reimbursement|voucher|compensation|money|funds|"
    r"package|parcel|order|item|card|new|courtesy)",
    r"you( will|'ll)( also| then| now)? (be refunded|be credited|be reimbursed|be compensated|be rebooked|"
    r"be sent|be issued)",
    r"(your|the|this|that) (\w+ ){1,2}(will|'ll|is going to|are going to)( also| then| now)? be "
    r"(processed|refunded|credited|reimbursed|sent|resent|shipped|dispatched|delivered|replaced|repaired|fixed|"
    r"resolved|reissued|re-issued|redeposited|returned|reviewed|escalated|passed on|passed along|forwarded|"
    r"cancell?ed|updated|applied|issued|reinstated|restored|reactivated|removed|added|waived|reversed|"
    r"investigated|looked into|looked at|turned back on|back (up|online|on)|rebooked|honou?red|corrected|"
    r"adjusted|released|posted|on its way|with you)",
    r"(your|the) (\w+ ){0,2}(will|'ll)( also| then| now)? (arrive|reach you|reach your \w+|show up|appear|post|"
    r"land|go out|ship|be with you|be back|be available)",
    r"(it|this|that|they)( will|'ll) be (processed|refunded|credited|reimbursed|sent|resent|shipped|"
    r"dispatched|delivered|replaced|repaired|fixed|resolved|reissued|re-issued|redeposited|reviewed|escalated|"
    r"passed on|passed along|forwarded|turned back on|rebooked|corrected|adjusted|back (up|online|on))",
    r"(please )?allow (up to )?\S+( ?(-|–|to) ?\S+)? (\w+ )?(business |working )?(minutes|hours|hrs|days|weeks) "
    r"for (your |the |this |our )?(\w+ ){0,2}(refund|credit|miles|points|replacement|reimbursement|payment|"
    r"funds|money|changes?|cancell?ation|adjustment|order|package|parcel|voucher|compensation|confirmation|"
    r"email|response|reply|call|callback|team|specialists?)",
)

CONTACT = Phrases.of([*_committing(CONTACT_VERBS), *_YOU_CONTACT], negation=2)
ACTION = Phrases.of([*_committing(ACTION_VERBS), *_YOU_ACTION], negation=2)
UPDATE = Phrases.of(_committing(UPDATE_VERBS), negation=2)
_KINDS: tuple[tuple[Kind, Phrases], ...] = (("update", UPDATE), ("contact", CONTACT), ("action", ACTION))

#: A verb joined to the commitment just before it ("we'll look into this *and contact you*").
CHAINED: tuple[tuple[Kind, Phrases], ...] = (
    ("update", Phrases.of(_chained(UPDATE_VERBS), negation=2)),
    ("contact", Phrases.of(_chained(CONTACT_VERBS), negation=2)),
    ("action", Phrases.of(_chained(ACTION_VERBS), negation=2)),
)
#: "and will <verb>" with the subject earlier in the sentence ("We have your DM and will follow up there").
ELLIPTICAL: tuple[tuple[Kind, Phrases], ...] = (
    ("update", Phrases.of(_elliptical(UPDATE_VERBS), negation=2)),
    ("contact", Phrases.of(_elliptical(CONTACT_VERBS), negation=2)),
    ("action", Phrases.of(_elliptical(ACTION_VERBS), negation=2)),
)
#: The sentence holds someone who can commit (for :data:`ELLIPTICAL`).
COMMITTER = Phrases.of([r"(i|we|our (\w+ ){0,3}" + _TEAM_NOUN + ")"], negation=None)

#: Words that make a "will" something else: a hope, a guess, a condition. A commitment that overlaps one of these
#: is dropped. (Offers, abilities and generic statements in the future tense, "we'll be happy to help", "we'll
#: need your order number", "we'll always be here", "we'll go from there", have no committing verb and are not
#: matched to begin with.)
NOT_A_COMMITMENT = Phrases.of(
    [
        r"(hopefully|fingers crossed|maybe|perhaps|possibly|probably|i think|we think|i believe|we believe|"
        r"i'm sure|i am sure|i'm confident|i am confident|we're confident|i know|we know|i bet|i guess|i hope|"
        r"we hope|i'm hoping|we're hoping|hoping|i expect|we expect|i doubt|not sure if|unsure if|"
        r"not sure whether|no guarantee|wonder if|whether)( that)? (\w+ ){0,2}(we|i|you|they|it|our \w+)"
        r"( will|'ll)",
    ],
    negation=None,
    quotes=False,
)

#: Words before a commitment that make its sentence a question about it ("When do you think we'll ship?").
QUESTION_LEAD = Phrases.of(
    [r"(when|what|how|why|where|who|which|will|shall|would|should|could|can|do|does|did|is|are|if|whether)"],
    negation=None,
    quotes=False,
)
#: Where a clause ends inside a sentence: a commitment's words stop there (punctuation, a conjunction, a link, a
#: signature such as "^MK", "*TMC", "/RH" or "-Becky").
_CLAUSE_END = re.compile(
    r"[,;:()\[\]—–!?]|\.(\s|$)|\s[-/^*]\w|\^|https?://|\b(and|but|so|as|if|once|when|whenever|because|while|"
    r"then|please|thanks|thank you|unless|until)\b|&",
    re.IGNORECASE,
)
#: The conjunction that joins a second verb to a commitment (left out of its words).
_CONJUNCTION = re.compile(r"(and|&)(\s+(then|also))?\s+", re.IGNORECASE)
#: The longest a commitment's words run past the matched verb (characters), when no clause end comes first.
MAX_TAIL = 80

# --- what keeps or breaks a promise -------------------------------------------------------------------------

#: An agent reports something done.
DONE = Phrases.of(
    [
        r"(i|we)('ve| have| had)( just| now| already| also| since| gone ahead and| went ahead and)? (sent|resent|"
        r"re-sent|refunded|reimbursed|credited|issued|processed|shipped|dispatched|posted|mailed|emailed|"
        r"texted|called|rang|dm'?d|dm'?ed|messaged|replied|responded|arranged|booked|rebooked|scheduled|"
        r"rescheduled|cancell?ed|applied|added|removed|reversed|waived|updated|changed|corrected|fixed|resolved|"
        r"reset|restored|unlocked|reactivated|reinstated|replaced|reordered|raised|filed|logged|submitted|"
        r"escalated|reported|passed|forwarded|shared|contacted|notified|located|found|confirmed|checked|"
        r"looked into|looked at|investigated|extended|upgraded|adjusted|tracked|approved|authori[sz]ed|spoken|"
        r"spoke|talked|sorted|taken care of|set up|followed up|reached out|"
        r"put (in|through))",
        r"(i|we) (just )?(sent|resent|refunded|credited|issued|processed|shipped|dispatched|called|dm'?d|dm'?ed|"
        r"emailed|messaged|replied|fixed|resolved|replaced|rebooked|cancell?ed|escalated|reported|passed|"
        r"forwarded|checked|looked into|followed up|reached out|sorted)",
        r"(has|have|'s) (now |just |already |also )?been (sent|resent|refunded|reimbursed|credited|issued|"
        r"processed|shipped|dispatched|posted|cancell?ed|reversed|waived|updated|changed|corrected|fixed|"
        r"resolved|restored|reset|unlocked|replaced|rebooked|escalated|reported|removed|approved|applied|added|"
        r"extended|reactivated|reinstated|located|found|delivered|taken care of|sorted|released|repaired|booked|"
        r"scheduled|arranged|passed on|passed along|forwarded)",
        r"(is|are|it's|they're) (now )?(on (its|their|the) way|in the (post|mail)|en route|out for delivery|"
        r"back (up|online|on|to normal)|up and running|working again|fixed|resolved|sorted)",
        r"(all|now|should be) (sorted|fixed|resolved|done|set|good to go|taken care of)",
        r"check your (dms?|direct messages|inbox|email|e-mail|messages|phone|voicemail|account)",
        r"(sent|replied|responded) (to )?(you )?(a |via |in |by )?(dm|direct message|email|private message)",
        r"(here's|here is) (the|your) (update|tracking|refund|confirmation|replacement|new)",
    ],
    negation=2,
)

#: The customer confirms something done.
CONFIRMED = Phrases.of(
    [
        r"got it",
        r"(just |finally |now |have |'ve |already )?(received|recieved|got|gotten) (it|them|the (\w+ )?(refund|"
        r"replacement|money|package|parcel|credit|email|e-mail|call|dm|message|text|voucher|code|item|order|"
        r"update|confirmation)|my (\w+ )?(refund|replacement|money|package|parcel|credit|order|voucher|code|item|"
        r"new \w+)|your (call|email|e-mail|dm|message|text|reply|response|update)|a (call|reply|response|refund|"
        r"replacement|credit|voucher|code|confirmation|dm)( back)?)",
        r"(it|they|the \w+|my \w+|your \w+)( has| have|'s)? (just |finally |now )?(arrived|came|turned up|"
        r"showed up|shown up|got here|been delivered|been refunded|been credited|been fixed|been sorted|"
        r"gone through|went through|come through|came through)",
        r"(that|it|this|which) (worked|fixed it|did it|did the trick|sorted it|solved it)",
        r"(working|works|fixed|sorted|resolved) (now|again)",
        r"(all|now) (sorted|good|fixed|working|set|resolved)",
        r"(problem|issue) (solved|resolved|fixed|sorted)",
    ],
    negation=3,
)

#: The customer says it did not happen.
NOT_DONE = Phrases.of(
    [
        r"still (waiting|haven't|have not|hasn't|has not|nothing|no|not|didn't|did not|never|don't|do not)",
        r"(no ?one|nobody|no-one) (has |have |ever |even |actually )*(called|rang|phoned|contacted|emailed|"
        r"messaged|dm'?d|replied|responded|answered|got back|gotten back|reached out|followed up|been in touch|"
        r"sent|fixed|came|come|showed up|turned up)",
        r"(never|haven't|have not|hasn't|has not|didn't|did not|not) (yet |ever |even |actually )?(heard|got|"
        r"gotten|received|recieved|had) (back|anything|a (call|reply|response|callback|call back|email|dm|"
        r"message|text|refund|replacement|update)|any (call|reply|response|callback|update|word|news|email|dm|"
        r"refund|replacement)|my (refund|replacement|money|credit|order|package|parcel)|the (refund|replacement|"
        r"call|email|dm|message|package|parcel|credit))",
        r"(never|didn't|did not|hasn't|has not|haven't|have not) (called|rang|phoned|contacted|emailed|messaged|"
        r"replied|responded|got back|gotten back|reached out|followed up|arrived|come|came|shown up|showed up|"
        r"turned up|been (sent|refunded|processed|fixed|resolved|delivered|credited))",
        r"(you|they|u|he|she|the agent|your agent|your colleague|someone)( guys)? (said|promised|told me|told us)"
        r"( that)? (you|they|u|he|she|someone|i|it|we)('d| would| will|'ll| were going to| was going to)",
        r"(you|they|u) promised",
        r"(i was|i've been|i have been|we were|we've been) (told|promised)( that)? (i|we|you|someone|it|they|"
        r"somebody|he|she|my \w+)( would|'d| will|'ll| was going to| were going to)",
        r"(yet|still) to (hear|receive|get|be contacted|be called)",
        r"(haven't|havent|have not|hasn't|hasnt|has not|didn't|didnt|did not|never|not yet|still not) (yet |ever |"
        r"even |actually )?(received|recieved|got|gotten|heard back|arrived|came|shown up|showed up|turned up|"
        r"been (delivered|refunded|credited|sent|fixed|processed|resolved|contacted|called))",
        r"(where's|where is|where are|what happened to|whatever happened to) (my|the|our|that|this) (\w+ )?"
        r"(refund|replacement|call|callback|call back|update|response|reply|dm|email|credit|money|package|"
        r"parcel|order|fix)",
        r"(no|zero) (call|reply|response|update|word|news|callback|call back|dm|email|follow ?-?up|refund|"
        r"replacement) (yet|back|from|since|so far)",
    ],
    negation=None,
)


# --- extraction ---------------------------------------------------------------------------------------------


def _clause_end(view: TextView, start: int, limit: int) -> int:
    """Where the clause holding ``start`` ends (at most ``limit``), on a word boundary."""
    tail = view.text[start:limit]
    stop = _CLAUSE_END.search(tail)
    end = start + (stop.start() if stop is not None else len(tail))
    if stop is None and end - start >= MAX_TAIL:
        cut = view.text.rfind(" ", start, start + MAX_TAIL)
        end = cut if cut > start else start + MAX_TAIL
    while end > start and not view.text[end - 1].isalnum():
        end -= 1
    return end


def _in_question(view: TextView, span: Span) -> bool:
    """The commitment is what its sentence asks about ("When do you think we'll ship?")."""
    sent_start, sent_end = view.sentence_at(span.start)
    if "?" not in view.text[span.start : sent_end]:
        return False
    prefix = view.text[sent_start : span.start]
    cut = max((prefix.rfind(w) for w in (" and ", " & ", ", ", " so ", " then ")), default=-1)
    lead = prefix[cut + 1 :] if cut >= 0 else prefix
    return QUESTION_LEAD.first(TextView(lead)) is not None


def _matches(view: TextView) -> list[tuple[Kind, Span]]:
    """Every commitment match with its kind: overlaps resolved to the earliest, then the longest, match."""
    found = [(kind, s) for kind, phrases in _KINDS for s in phrases.find(view)]
    found.sort(key=lambda ks: (ks[1].start, -(ks[1].end - ks[1].start)))
    kept: list[tuple[Kind, Span]] = []
    for kind, s in found:
        if kept and s.start < kept[-1][1].end:
            continue
        kept.append((kind, s))
    return kept


def _joined(view: TextView, first: list[tuple[Kind, Span]]) -> list[tuple[Kind, Span]]:
    """The commitments with the verbs joined to them ("and contact you") and the elliptical "and will ...".

    A joined verb counts where it starts right where a commitment's clause ends (same sentence).
    """
    extra: list[tuple[Kind, Span]] = []
    chained = sorted(
        ((kind, s) for kind, phrases in CHAINED for s in phrases.find(view)), key=lambda ks: ks[1].start
    )
    ends = [_clause_end(view, s.end, view.sentence_end(s.start)) for _k, s in first]
    frontier = list(zip(ends, [s.start for _k, s in first], strict=True))
    for kind, s in chained:
        for end, start in frontier:
            same_sentence = view.sentence_at(start) == view.sentence_at(s.start)
            if 0 <= s.start - end <= 3 and not view.text[end : s.start].strip(" ,") and same_sentence:
                extra.append((kind, s))
                frontier.append((_clause_end(view, s.end, view.sentence_end(s.start)), s.start))
                break
    for kind, phrases in ELLIPTICAL:
        for s in phrases.find(view):
            sent_start = view.sentence_at(s.start)[0]
            if COMMITTER.first(TextView(view.text[sent_start : s.start])) is not None:
                extra.append((kind, s))
    taken = [s for _k, s in first]
    out = list(first)
    for kind, s in sorted(extra, key=lambda ks: ks[1].start):
        if not outside([s], taken):
            continue
        taken.append(s)
        lead = _CONJUNCTION.match(s.text)
        out.append((kind, view.span(s.start + lead.end(), s.end) if lead else s))
    return sorted(out, key=lambda ks: ks[1].start)


def _attach_due(view: TextView, spans: list[Span], dues: list[Span]) -> list[Span | None]:
    """Each commitment's due expression: the nearest one after it in its sentence (before the next commitment;
    one inside its words counts), else the nearest unclaimed one before it in the same sentence."""
    out: list[Span | None] = [None] * len(spans)
    claimed: set[int] = set()
    for i, s in enumerate(spans):
        sentence = view.sentence_at(s.start)
        limit = sentence[1]
        if i + 1 < len(spans) and view.sentence_at(spans[i + 1].start) == sentence:
            limit = min(limit, spans[i + 1].start)
        after = [j for j, d in enumerate(dues) if d.end > s.start and d.start < limit and j not in claimed]
        if after:
            out[i] = dues[after[0]]
            claimed.add(after[0])
    for i, s in enumerate(spans):
        if out[i] is not None:
            continue
        sentence = view.sentence_at(s.start)
        prev_start = spans[i - 1].start if i > 0 and view.sentence_at(spans[i - 1].start) == sentence else -1
        before = [
            j
            for j, d in enumerate(dues)
            if d.end <= s.start and d.start >= sentence[0] and d.start > prev_start and j not in claimed
        ]
        if before:
            out[i] = dues[before[-1]]
            claimed.add(before[-1])
    return out


def extract(text: str, at: datetime | None = None) -> list[Commitment]:
    """The commitments in a reply, in order, with their due times resolved against ``at`` (when the reply was
    sent; None: due times are left unresolved)."""
    view = TextView(text)
    matches = _joined(view, _matches(view))
    blocked = NOT_A_COMMITMENT.find(view)
    matches = [(k, s) for k, s in matches if outside([s], blocked) and not _in_question(view, s)]
    if not matches:
        return []
    spans = []
    for _k, s in matches:
        end = _clause_end(view, s.end, view.sentence_end(s.start))
        spans.append(view.span(s.start, max(end, s.end)))
    dues = _attach_due(view, spans, _due.find_due(view))
    out = []
    for (kind, _s), span, due in zip(matches, spans, dues, strict=True):
        due_text = due.text if due is not None else None
        resolved = _due.resolve(due_text, at) if due_text is not None and at is not None else None
        out.append(Commitment(span=span, kind=kind, due_text=due_text, due=resolved))
    return out


# --- the ledger ---------------------------------------------------------------------------------------------


def _utc(t: datetime | None) -> datetime | None:
    """``t`` in UTC (naive taken as UTC): aware datetimes of one zone compare by wall clock, which is an hour off
    around a daylight-saving change."""
    if t is None:
        return None
    return t.astimezone(UTC) if t.tzinfo is not None else t.replace(tzinfo=UTC)


def _later_turn(messages: Sequence[Message], made: int, later: int) -> bool:
    """``later`` (an agent message) is not part of the agent turn holding ``made``."""
    if any(m.role is Role.CUSTOMER and not m.internal for m in messages[made + 1 : later]):
        return True
    a, b = _utc(messages[made].timestamp), _utc(messages[later].timestamp)
    return a is not None and b is not None and b - a >= SAME_TURN


def _decide(
    messages: Sequence[Message], index: int, kind: Kind, now: datetime | None
) -> tuple[State, int] | None:
    """The first message after ``index`` that keeps or breaks the promise, with the state it sets."""
    for j in range(index + 1, len(messages)):
        m = messages[j]
        stamp = _utc(m.timestamp)
        if m.internal or not m.text.strip() or (now is not None and stamp is not None and stamp > now):
            continue
        view = TextView(m.text)
        if m.role is Role.CUSTOMER:
            if NOT_DONE.first(view) is not None:
                return ("broken", j)
            if kind == "action" and CONFIRMED.first(view) is not None:
                return ("kept", j)
            continue
        if not _later_turn(messages, index, j):
            continue
        if kind != "action" or DONE.first(view) is not None:
            return ("kept", j)
    return None


def ledger(conversation: Conversation, now: datetime | None = None) -> list[Promise]:
    """Every promise the agents made in ``conversation``, kept, broken or open as of ``now`` (default: the latest
    timestamp in the conversation). The rules are in the module docstring."""
    messages = conversation.messages
    stamps = [t for m in messages if (t := _utc(m.timestamp)) is not None]
    current = _utc(now) if now is not None else (max(stamps) if stamps else None)
    out: list[Promise] = []
    for i, m in enumerate(messages):
        if m.role is not Role.AGENT or m.internal or not m.text.strip():
            continue
        for c in extract(m.text, m.timestamp):
            due_utc = _utc(c.due)
            decided = _decide(messages, i, c.kind, current)
            state: State = "open"
            kept_at: datetime | None = None
            evidence_index: int | None = None
            if decided is not None:
                state, evidence_index = decided
                if state == "kept":
                    kept_at = messages[evidence_index].timestamp
            elif due_utc is not None and current is not None and current > due_utc:
                state = "broken"
            kept_utc = _utc(kept_at)
            early = state == "kept" and kept_utc is not None and due_utc is not None and kept_utc < due_utc
            out.append(
                Promise(
                    conversation_id=conversation.id,
                    message_id=m.id,
                    message_index=i,
                    author=m.author,
                    made_at=m.timestamp,
                    text=c.span.text,
                    kind=c.kind,
                    due_text=c.due_text,
                    due=c.due,
                    state=state,
                    kept_at=kept_at,
                    early=early,
                    evidence=messages[evidence_index].id if evidence_index is not None else None,
                    evidence_index=evidence_index,
                )
            )
    return out
