"""What the customer wants (RUBRIC section 1, ``docs/annotation.md``): seven remedies, as phrase data.

A want is read from what the customer asks for ("I want my money back", "fix this", "why was I charged") and
from what their report implies (an order that never came wants delivering, a double charge wants reversing,
rude staff want dignity). The implied part reuses the problem groups of ``_problems``.

Wishes are often stated through a negation that belongs to another verb ("still haven't got my refund",
"not even a sorry"), so most cue lists here turn the generic negation test off and list the real refusals
("I don't need a refund", "no apology needed") as vetoes instead. Vetoes are negation-aware themselves: "I
haven't received my refund" is not vetoed by "received my refund".
"""

from __future__ import annotations

from makeitlast.engine.detectors import Phrases
from makeitlast.model import Want
from makeitlast.reading._signal import Signal

_NEEDED = Phrases.of([r"(?:needed|necessary|required|needed,|expected)"], negation=None, quotes=False)

APOLOGY = Signal(
    cues=(
        Phrases.of(
            [
                r"(?:not|never|nor) (?:even )?(?:a|an|one|any) (?:single |simple |little |real )?(?:sorry|apology|apologies)",
                r"no (?:sorry|apology|apologies)",
                r"without (?:a|an|any|so much as an?) (?:single |simple )?(?:sorry|apology)",
                r"(?:want|wants|need|needs|deserve|deserves|expect|expecting|demand|demanding|owed|await|awaiting|waiting for|still waiting for|get|got) (?:a |an |some |my |your |their )?(?:proper |formal |public |real |sincere |personal |written |official )?(?:apology|apologies)",
                r"(?:owe|owes) (?:me|us|my \w+) (?:a |an )?(?:big |huge |proper |formal |public )?(?:apology|apologies)",
                r"(?:should|need to|needs to|must|could at least|could have|could've|should have|should've|ought to|better) (?:at least |even )?(?:apologi[sz]e|say sorry)",
                r"(?:an |a )?apology (?:would be|is|would go|wouldn'?t hurt)",
                r"(?:where'?s|where is|wheres) (?:my|the|an|our) apology",
                r"(?:didn'?t|did not|never|won'?t|wouldn'?t|refused to|refuses to|doesn'?t|don'?t|couldn'?t) (?:even )?(?:bother to )?(?:apologi[sz]e|apologi[sz]ed|say sorry|said sorry)",
                r"(?:no ?one|nobody|no-one) (?:even |has |ever )*(?:apologi[sz]ed|said sorry)",
                r"not (?:even )?(?:sorry|apologetic)",
            ],
            negation=None,
            unless_after=_NEEDED,
            window=14,
        ),
    ),
)

#: Questions and requests for information; a question sentence of a few words also counts (``QUESTION``).
EXPLANATION = Signal(
    cues=(
        Phrases.of(
            [
                r"why|whyy|whyyy|whyyyy|whyyyyy",
                r"how (?:come|do|does|did|can|could|long|much|many|often|to|is|are|was|were|would|will|should|soon|far|else)",
                r"what (?:is|are|was|were|does|do|did|happened|happens|happen|time|day|date|should|can|could|would|will|if|about|the hell|the heck|the fuck|on earth|exactly|else|kind|type|other|gives|now|next|options|steps|number)",
                r"(?:what'?s|whats) (?:going on|happening|up with|the (?:deal|problem|issue|story|status|reason|point|eta|update|hold ?up)|wrong|this|that)",
                r"when (?:will|is|are|do|does|did|can|should|would|was|were|might|shall)",
                r"(?:when'?s|whens)",
                r"where (?:is|are|was|can|do|does|did|should|would|were)",
                r"(?:where'?s|wheres)",
                r"any (?:news|update|updates|info|information|idea|ideas|word|eta|explanation|reason|way|chance|plans?|timeline|timeframe|estimate|feedback|progress|response|answer|answers|thoughts|tips|advice|help|suggestions?)",
                r"(?:want|wanted|wants|need|needed|needs|would like|'d like|like|wish|curious|trying|try|hoping|hope) to (?:know|understand|find out|ask|check|confirm|get an answer|get answers)",
                r"(?:i'?m |just |was |am |i was |been )?wondering",
                r"(?:can'?t|cannot|couldn'?t|unable to|can not) (?:seem to )?(?:find|figure out|work out) (?:how|where|what|the|a|an|any|out)",
                r"(?:please |pls |plz |someone |somebody |can you |could you )?explain",
                r"explanation",
                r"(?:can|could|would|will|please) (?:you|someone|somebody|anyone|u|y'?all) (?:please |pls |plz |kindly )?(?:tell|explain|confirm|let (?:me|us) know|clarify|advise|check|look|find out|update|inform|answer|help me understand|give me an update|say)",
                r"(?:please |pls |plz |kindly )?(?:let me|lemme|let us) know",
                r"(?:anybody|anyone|someone|somebody) (?:know|knows|able to|can|could) (?:tell|say|help|explain|why|how|what|if|when|where)",
                r"is (?:it|this|that|there) (?:possible|normal|true|safe|just me|a way|an? (?:\w+ )?(?:issue|problem|outage|fix|update|option|reason|setting|way)|any|something|anything|going to|gonna|known|still|supposed)",
                r"(?:i|we) (?:have|got|had) (?:a|some|few|a few|one|two|another|1|2) (?:quick |small |simple )?(?:questions?|query|queries|enquiry|inquiry)",
                r"(?:question|query|enquiry|inquiry) (?:about|regarding|on|re|for|concerning)",
                r"(?:need|want|looking for|need some|want some|like some|like more|requesting|request) (?:more )?(?:info|infos|information|details|answers?|clarification|an update|update|a timeline|an eta|guidance|advice)",
                r"(?:waiting|still waiting|wait) (?:for|on) (?:an? )?(?:answer|answers|response|reply|explanation|update|info|information|news)",
                r"(?:need|want|need some|want some|demand|deserve) (?:answers|an answer|an explanation|explanations)",
                r"(?:update|status) (?:on|of|regarding|for) (?:my|the|our|this|flight|order)",
            ],
            negation=None,
        ),
    ),
    vetoes=Phrases.of(
        [
            r"(?:that'?s|thats|that is|this is|which is|which'?s|and that'?s|is|it'?s|here'?s|see|know|knows|no idea|understand|explains?|explained|get|got|understood|figured|guess) (?:exactly |precisely |just |also |partly |probably |the reason |reason )?why",
            r"(?:idk|dunno|no idea|not sure|unsure) (?:how|why|what|where|when|if)",
            r"(?:you'?d|you would|thought you'?d|you might|you may|you'll) (?:like|want|wish|love) to (?:know|hear|see)",
            r"is there (?:any ?way|a way|any chance) (?:i|we|you) (?:could|can|might|may) (?:get|have|receive|be sent)",
            r"(?:hope|hoping|hopefully) (?:you|u|someone|somebody|y'?all) (?:can|could|will|would) (?:help|assist|sort|fix)",
            r"(?:i )?hope (?:this|that|it)(?:'s| is| isn'?t| wasn'?t| was)",
            r"(?:can|could|would|will) (?:you|u|y'?all) (?:please |pls |kindly )?(?:remove|cancel|change|fix|add|send|delete|unlock|reset|refund|replace|help|sort|update|stop|give|get|unblock|reactivate|restore)",
            r"(?:you|u|we) (?:all )?know what",
            r"no matter (?:what|how|when|where|why|who)",
            r"what (?:a|an) \w+",
            r"(?:that'?s|thats|that is|this is|here'?s|know|knows|see|is|it'?s|exactly|precisely|regardless of|matter) (?:\w+ )?(?:how|what|when|where)",
        ],
        negation=None,
        quotes=False,
    ),
)

#: A sentence that opens like a question with a person or "there" asks something even without its question mark
#: ("can I return this online", "is there an outage"); only counted at the start of a sentence. ("Is the worst ISP
#: ever" after a handle is not a question.)
QUESTION_OPENER = Phrases.of(
    [
        r"(?:do|does|did|can|could|will|would|should|is|are|was|were|have|has|am|may|shall|isn'?t|aren'?t|won'?t"
        r"|can'?t|doesn'?t|don'?t|didn'?t|wasn'?t|hasn'?t|haven'?t|shouldn'?t|wouldn'?t|couldn'?t) (?:i|you|u|we|it"
        r"|they|there|someone|anyone|anybody|somebody|y'?all|ya|he|she)",
        r"(?:who|which) (?:is|are|was|were|do|does|did|should|can|will|would|decided|thought|one|ones)",
    ],
    negation=None,
)

#: A question sentence with at least this many words asks for information even without a question word
#: ("You'll deliver it by Friday?").
QUESTION_MIN_WORDS = 3
#: Sentences that only look like questions: nothing but an exclamation of disbelief ("Really??", "Hello?").
RHETORICAL = Phrases.of(
    [
        r"^(?:really|seriously|srsly|why not|wtf|what|huh|hello|excuse me|are you (?:kidding|serious|joking)(?: me)?|(?:you'?re|you are|u r|ur) (?:kidding|joking)(?: me)?|are you for real|so|and|ok|okay|right|no|yes|eh|um|umm|uh|hey|hi|anyone|anybody|helloo|hellooo|hmm|hmmm)[\s?!.,]*$",
    ],
    negation=None,
)

REPAIR = Signal(
    cues=(
        Phrases.of(
            [
                r"(?:please |pls |plz |pleas |kindly |can you |could you |would you |will you |u |you |y'?all |someone |somebody |need (?:you |u |someone )?to |needs to |have to |has to |gotta |better |just |then |now |must |should |sort it out and |so )?fix(?:ed|es|ing)?",
                r"(?:sort|sorted|sorting) (?:it|this|that|things|my|the|them|me|us|yourselves|yourself)? ?(?:out)?",
                r"(?:get|getting|got|have) (?:it|this|that|them|my \w+|the \w+) (?:fixed|sorted|resolved|working|sorted out|sorted|replaced|repaired|delivered|back)",
                r"(?:resolve|resolved|resolving|resolution|solve|solved|solving|solution|remedy|rectify|rectified|remedied)",
                r"(?:please |pls |plz |need |needs |can (?:you|u|someone|somebody|anyone) |could (?:you|u|someone|somebody|anyone) |would (?:you|u) |someone |somebody |anyone |i need |we need |need some |want some |could use some )help(?: me| us| please|!)?",
                r"help(?: me| us)? (?:please|pls|plz|out|asap|with|fix|get|to|sort|find|figure|understand|resolve|recover|change|unlock|cancel)",
                r"help\s*[!?]+|help$|#help",
                r"assist(?:ance)? (?:me|us|with|please|needed)|(?:need|needs|require|requires|want|please) (?:some )?assistance",
                r"(?:repair|repaired|repairs|replace|replaced|replacement|exchange|exchanged|swap|resend|re-send|reship|re-deliver|redeliver|redelivery)",
                r"(?:send|ship|deliver|bring|get|give) (?:me |us |it |them )?(?:a |an |another |the |my |our )?(?:new|replacement|right|correct|proper|working|missing|another|one|package|order|item|product)",
                r"(?:please |pls |plz |can you |could you |would you |need to |want to |trying to |like to )(?:cancel|unlock|reset|restore|reinstate|reactivate|unblock|unsuspend|remove|delete|close|update|change|transfer|add|activate|unsubscribe|stop|block|reopen|recover|retrieve|port|upgrade|downgrade|switch|move|redeem)",
                r"(?:i|we) (?:want|need|would like|'d like|wanna) (?:to |you to |u to |someone to )?(?:cancel|unlock|reset|restore|reinstate|reactivate|unblock|unsuspend|remove|delete|close|update|change|transfer|add|activate|unsubscribe|stop|block|reopen|recover|retrieve|speak|talk|return|prevent|fix|sort|resolve|replace|exchange|get rid of)",
                r"(?:i|we) (?:only |just )?(?:want|need|would like) (?:\w+ ){0,5}(?:fixed|sorted|delivered|removed|changed|cancell?ed|replaced|done|recorded|updated|resolved|unlocked|reactivated|restored)",
                r"do the right thing|make (?:it|this|things) right|put (?:it|this|things) right",
                r"(?:i|we) (?:want|need|would like|'d like) (?:my|our|the|a|an) (?:\w+ ){0,2}(?:order|package|parcel|delivery|item|product|phone|device|stuff|account|service|replacement|bag|luggage|game|tickets?|card|food|internet|wifi|tv)",
                r"(?:make|get) (?:it|this|my \w+|the \w+) (?:work|working|right)",
                r"(?:do|does) something",
                r"(?:take care of|look into|looking into|investigate) (?:it|this|that|my|the)",
                r"(?:escalate|escalated)",
                r"(?:where'?s|wheres|where is|where are) (?:my|the|our) ",
                r"(?:what|how) (?:can|should|do) (?:i|we) do",
                r"(?:need|want|needs|wants) (?:it|this|them|my \w+) (?:fixed|sorted|back|replaced|asap|today|tomorrow|now)",
                r"(?:going to|gonna|ever going to|when will (?:you|u|y'?all|it|this)|please|pls|plz) (?:\w+ )?(?:patch|fix|restore|repair|reconnect|sort)",
                r"(?:get|bring|put|turn) (?:the |my |our |it |this |them )?(?:\w+ )?(?:service|internet|power|wifi|signal|it|them) back(?: on| up)?",
                r"fix(?:es)? (?:planned|coming|soon|yet|incoming)",
            ],
            negation=None,
        ),
    ),
    vetoes=Phrases.of(
        [
            r"(?:thanks?|thank you|thx|appreciate|appreciated) (?:so much |very much |again |a lot )?(?:for )?(?:the |your |all the |all your |ur )?(?:help|assistance|fix|fixing|solution)",
            r"(?:already |all |got it |i |we |it'?s |it is |problem |issue |it got |has been |have been |was |that )(?:fixed|sorted|resolved|solved|sorted out|sorted it)",
            r"(?:fixed|sorted|resolved|solved) (?:it|now|itself|thanks|thank)",
            r"(?:no|don'?t|do not|doesn'?t) (?:need|want) (?:any )?(?:help|a replacement|a fix|assistance)",
            r"help(?:ed|ful)",
            r"(?:still )?(?:haven'?t|have not|hasn'?t|has not|not|never|didn'?t|did not) (?:yet |even )?(?:received|got|gotten|get|seen|had|been given) (?:my |the |a |any |our |their )?(?:refund|money|reimbursement|credit|compensation)",
        ],
        negation=2,
        quotes=False,
    ),
)

REFUND = Signal(
    cues=(
        Phrases.of(
            [
                r"refund(?:s|ed|ing|able)?",
                r"(?:money|cash|\$\s?\d[\d,.]*|£\s?\d[\d,.]*|€\s?\d[\d,.]*|\d[\d,.]* (?:dollars|bucks|pounds|euros)|payment|deposit|fees?|charges?) back",
                r"(?:want|need|give me|return|get|where'?s|where is|give|send) (?:me )?(?:back )?my (?:money|cash|\$|£|€)",
                r"reimburs(?:e|ed|ement|ing)",
                r"charge ?-?backs?",
                r"(?:charges?|fees?|payments?) (?:\w+ )?(?:removed|reversed|waived|refunded|taken off|cancell?ed|back)",
                r"(?:not|won'?t|refuse to|refusing to|refused to) (?:give|giving|pay|paying|send|sending) (?:it |my money |the money |me |us )?back",
                r"(?:reverse|remove|waive|drop|take off|cancel|credit back|void|refund|dispute|disputing|disputed) (?:the |this |that |these |those |my |your |a |an )?(?:\w+ )?(?:charges?|fees?|payments?|transactions?|debits?)",
                r"(?:pay|paying) (?:me|us) back",
                r"(?:return|returning) (?:it|this|these|them|my|the|an|a)",
                r"(?:i|we) (?:want|need|would like|'d like|wanna) (?:to )?(?:return|send (?:it|this|them) back)",
                r"(?:get|getting|got) (?:my |our |the |any |a )?(?:\$|£|€|money|cash|payment) back",
                r"reembols\w*|remboursement|rembourse[rz]?|rückerstattung|erstatten",
            ],
            negation=None,
        ),
    ),
    vetoes=Phrases.of(
        [
            r"(?:don'?t|do not|doesn'?t|dont|didn'?t|did not|no|not) (?:want|need|ask(?:ed|ing)? for|looking for|after|expecting|expect) (?:a |any |my |the |your )?(?:refund|money back|reimbursement)",
            r"no refund (?:needed|necessary|required)",
            r"(?:got|received|already got|already received|have received|'ve received|issued|processed) (?:the |my |a |your )?(?:refund|money back)",
            r"(?:refund|money back|reimbursement) (?:\w+ )?(?:came through|arrived|received|went through|was processed|has been processed|worked)",
        ],
        negation=2,
        quotes=False,
    ),
)

FUTURE_CREDIT = Signal(
    cues=(
        Phrases.of(
            [
                r"compensat(?:e|ed|ion|ing)",
                r"(?:a|an|some|any|account|bill|service|store|courtesy|goodwill|my|the|for) credit(?!\s+(?:card|score|check|union|limit))",
                r"(?:\d+k?|bonus|extra|some|free) (?:skymiles|miles|points|avios)",
                r"credit (?:my|me|the|our) (?:account|bill)",
                r"credited",
                r"vouchers?|coupons?|e-?vouchers?|promo codes?|gift cards?|gift certificates?|rain ?check",
                r"(?:a |some |any |the )?discount(?:s|ed)?",
                r"(?:get|give|offer|want|deserve|expect|entitled to|ask for|asking for|how about|at least|where'?s|why no|why not) (?:me |us |a |some |any |my |our )*(?:free|complimentary|comp'?d|comped) (?:\w+ )?(?:upgrade|month|months|meal|meals|drink|drinks|food|item|items|shipping|delivery|night|nights|flight|ticket|tickets|service|subscription|bag|bags|pizza|burrito|year|week|stuff|product|replacement|lunch|dinner|coffee|wifi)",
                r"(?:for|something|anything|get it|make it|it) free",
                r"(?:gesture of )?goodwill(?: gesture)?",
                r"(?:bonus|reward|rewards|loyalty|extra|courtesy) (?:points|miles|credit)",
                r"(?:miles|points|avios) (?:back|credited|added|for (?:the|my|this) (?:trouble|inconvenience))",
                r"make (?:it|this|that|things) (?:up )?(?:up to|right (?:by|with)) (?:me|us)",
                r"make up for",
                r"something (?:for|to make up for) (?:the|my|our|this) (?:trouble|inconvenience|hassle|wait|delay)",
                r"for (?:the|my|our|this|all the) (?:trouble|inconvenience|hassle)",
                r"(?:entitled|eligible) (?:to|for) (?:anything|something|compensation|a refund|money|a voucher|credit)",
                r"(?:on the house|freebie|freebies)",
                r"(?:upgrade|upgraded) (?:me|us|for free)",
            ],
            negation=None,
        ),
    ),
    vetoes=Phrases.of(
        [
            r"(?:don'?t|do not|doesn'?t|dont|no|not) (?:want|need|ask(?:ed|ing)? for|looking for|after|expecting|expect) (?:a |any |your |the )?(?:compensation|credit|voucher|vouchers|discount|freebies?|free \w+)",
            r"(?:feel|feels|felt) free",
            r"(?:gave|giving|given|gives|got|received|thanks for|thank you for|love|loved|enjoy|enjoyed|enjoying) (?:me |us |the |my |our |a |an |this |that )*(?:\w+ )?(?:free|discount|voucher|coupon|deal|credit)",
            r"free (?:trial|time|to)",
            r"(?:student|military|senior|family|employee|bulk|group) discount",
        ],
        negation=2,
        quotes=False,
    ),
)

APPRECIATION = Signal(
    cues=(
        Phrases.of(
            [
                r"loyal(?:ty)? (?:\w+ )?(?:customer|customers|member|members|client|clients|user|users|flyer|flyers|fan|fans|subscriber|subscribers|shopper|shoppers|patron|patrons|guest|guests)",
                r"(?:long|longtime|long-time|long time|long standing|long-standing|longstanding|loyal|regular|repeat|frequent|valued|paying|faithful|good|great) (?:\w+ )?(?:customer|customers|member|client|user|subscriber|flyer|shopper|patron|guest)",
                r"(?:customer|member|client|subscriber|user|flyer|shopper|fan) (?:for|since|of) (?:over |more than |almost |nearly |about |the past |the last )?(?:\d+|many|several|two|three|four|five|six|seven|eight|nine|ten|twenty|a decade|decades|years|ever|the beginning|day (?:one|1))",
                r"(?:been )?with (?:you|u|y'?all|ya|this company|your company) (?:guys )?(?:for|since) ",
                r"since day (?:one|1)",
                r"(?:\d+|many|several|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty) (?:\+ )?years? (?:\w+ )?(?:with you|with u|as a customer|as a member|of (?:loyalty|service|business|being a customer|custom)|a customer|customer|loyal)",
                r"this is how (?:you|u|y'?all) (?:\w+ )?treat (?:your |a |loyal |long ?time |valued |paying )*(?:customers?|members?|clients?|users?|subscribers?)",
                r"(?:spent|spend|spending|spends) (?:over |more than |literally )?(?:\$\s?[\d,]{4,}|£\s?[\d,]{4,}|thousands|hundreds|so much|a fortune|a lot|tons|loads|\d+k)",
                r"(?:gold|silver|platinum|diamond|elite|executive|premier)(?:member|medallion|status|card)",
                r"(?:gold|silver|platinum|diamond|elite|executive|premier|vip|titanium|medallion|1k) (?:member|members|status|customer|card ?holder|flyer|level)",
                r"(?:million|lifetime) (?:miler|member|status)",
                r"(?:take|taking|took) (?:my|our) (?:business|money|custom) (?:elsewhere|somewhere else)",
                r"(?:after|for) all (?:these|the|those) years",
                r"(?:years|decades) of (?:loyalty|business|custom|being a customer)",
            ],
            negation=None,
        ),
    ),
)

DIGNITY = Signal(cues=())

#: Wants implied by a reported problem (the ``_problems`` group names): a parcel that never came wants
#: delivering, a double charge wants reversing, rude staff want dignity. Vetoes of the want still apply.
IMPLIED: dict[Want, tuple[str, ...]] = {
    "repair": ("failure", "breakage", "waiting"),
    "refund": ("money",),
    "dignity": ("treatment",),
}

WANTS: dict[Want, Signal] = {
    "apology": APOLOGY,
    "explanation": EXPLANATION,
    "repair": REPAIR,
    "refund": REFUND,
    "future_credit": FUTURE_CREDIT,
    "appreciation": APPRECIATION,
    "dignity": DIGNITY,
}
