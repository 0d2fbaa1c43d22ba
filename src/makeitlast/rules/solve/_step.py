"""How the solve step is judged for a reply (status, applicability, evidence).

"Be the bridge! Even if you're the intermediary, give customer something concrete to hold onto/look forward to."

* **present**: something concrete: an action taken ("I've refunded the fee", "we've sent a replacement"), an answer
  with real information ("the update is out tomorrow", "this happens because ..."), or a concrete next step for
  either side: one for the customer ("DM us your order number and we'll check", "follow this link to reset",
  "try restarting the app", "which iOS version are you on?") or one the team commits to ("we'll call you back",
  "the driver will arrive by 5pm", "someone from that team will get back to you"). A link given as the way
  forward ("details here: https://...") counts.
* **weak**: vague help only: "let us know if we can help", "we're here for you", "happy to help", "we'll pass it
  on", "feel free to reach out", with nothing concrete beside it.
* **missing**: nothing to hold onto at all.

A concrete phrase inside a vague one ("DM us *if you need anything*") counts as vague.

The step applies when the customer wants something, reports a bad experience or asks a question (``reading.wants``,
``reading.bad_experience``, a ``?`` in their message); praise or thanks alone needs no solution. A reply judged on
its own (no customer message) is held to it too: a reply should still give a way forward.

The phrase lists here are shared with the S rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from makeitlast.engine.config import Settings
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView
from makeitlast.model import Span, Status, StepResult

# --- building blocks ----------------------------------------------------------------------------------------

_WE = r"(i|we|i've|we've|i'd|we'd|i'll|we'll|i'm|we're)"
#: What an agent does when they act: the past tense after "I've"/"we've"/"we just".
_DONE = (
    r"(refunded|reimbursed|credited|issued|sent|resent|re-sent|shipped|dispatched|posted|mailed|emailed|e-mailed|"
    r"texted|arranged|booked|rebooked|re-booked|scheduled|rescheduled|cancell?ed|processed|applied|added|removed|"
    r"reversed|waived|refunded|updated|changed|corrected|fixed|resolved|reset|restored|unlocked|unblocked|"
    r"reactivated|reinstated|replaced|reordered|re-ordered|ordered|placed|raised|filed|logged|opened|submitted|"
    r"escalated|reported|contacted|called|rang|notified|alerted|reached out|located|found|confirmed|"
    r"checked|looked into|looked (at|over)|investigated|extended|upgraded|adjusted|tracked|set up|activated|"
    r"released|approved|authori[sz]ed|requested|created|spoken|spoke|talked|arranged for|organi[sz]ed|"
    r"compensated|returned|recovered|retrieved|merged|transferred|moved|switched|enabled|disabled|removed|"
    r"deleted|closed|re-?opened|verified|sorted|squared|taken care of|gone ahead|put (in|through)|refreshed|"
    r"sent out|sent over|followed up|dm'?d|dm'?ed|messaged|replied|responded)"
)
#: What an agent commits to do.
WILL_DO = (
    r"(look into|look at|take a look|have a look|check|investigate|follow up|get back|reach out|contact|call|"
    r"ring|email|e-mail|text|message|dm|send|resend|ship|refund|credit|reimburse|replace|fix|repair|sort|resolve|"
    r"escalate|review|update you|keep you (posted|updated|informed|in the loop)|let you know|be in touch|"
    r"get in touch|arrange|book|rebook|cancel|process|issue|waive|reverse|remove|add|reset|restore|unlock|"
    r"reactivate|reinstate|find out|dig into|dig deeper|get (this|that|it|you|your \w+) (sorted|fixed|resolved|"
    r"back|taken care of|moving|going|working|rebooked|refunded|replaced)|raise|open|submit|file|report|"
    r"track|locate|trace|chase|confirm|verify|connect you|transfer you|put you through|set up|schedule|reschedule|"
    r"give you a call|give you a ring|touch base|circle back|take care of|handle|work on|get someone|"
    r"have someone|make sure (you|your|it|this|the)|ensure (you|your|it|this|the)|deliver|bring|pick (it|them|"
    r"this|that|the \w+|your \w+) up|come (out|back|by|round|over)|be (there|out|with you|in contact|"
    r"contacting you|calling you|reaching out)|advise)"
)

# --- present ------------------------------------------------------------------------------------------------

#: Something the agent or the team has done.
ACTION_TAKEN = Phrases.of(
    [
        _WE + r"( have| had)?( just| now| already| also| since| gone ahead and| personally| went ahead and)? "
        + _DONE,
        r"(i|we)('ve| have)( just| now| already| also)? (got|gotten|had) (this|that|it|your \w+|the \w+) "
        r"(sorted|fixed|resolved|refunded|replaced|rebooked|cancell?ed|corrected|updated|escalated|reported)",
        r"(your|the|this|that|a|an|it|its|it's) (\w+ ){0,2}(has|have|had|was|were|is|are|'s)( now| just| already| "
        r"also)? (been )?(refunded|reimbursed|credited|issued|processed|sent|resent|shipped|dispatched|posted|"
        r"cancell?ed|reversed|waived|updated|changed|corrected|fixed|resolved|restored|reset|unlocked|replaced|"
        r"rebooked|escalated|reported|removed|approved|applied|added|extended|reactivated|reinstated|located|found|"
        r"logged|raised|submitted|forwarded to|passed to|delivered|taken care of|sorted|released|repaired|"
        r"dispatched|booked|scheduled|arranged)",
        r"(it's|it is|they're|they are|your \w+ is|your \w+ are|the \w+ is|the \w+ are|a \w+ is|one is) "
        r"(now )?(on (its|their|the) way|in the post|in the mail|en route|out for delivery|back (up|online|in stock|"
        r"to normal)|up and running|working again|live now|now live)",
        r"(we're|we are|i'm|i am|our (\w+ )?teams? (is|are)|the team is|engineers are|techs are|they're|they are) "
        r"(now |currently |actively |already |still )?(looking into|working on|investigating|checking|"
        r"on it|aware of|fixing|addressing|resolving|handling|monitoring|tracking|chasing|reviewing|"
        r"dealing with|sorting)",
        r"(we're|we are|i'm|i am)( now| currently| actively| already)? (on it|aware)",
        r"(here's|here is|this is) what (i|we)('ve| have)? (done|did|can do)",
    ],
    negation=2,
)

#: A next step for the customer: a DM or contact route with something to send, a link, a thing to try, a question.
NEXT_STEP = Phrases.of(
    [
        # a direct message, with or without what to put in it
        r"(dm|pm|message|msg) (us|me)",
        r"(send|shoot|drop|give|flick) (us|me) (a |an |your |the )?(quick )?(dm|pm|direct message|private message|"
        r"message|note|line|email|e-mail|call|ring|dm'?s|details|info)",
        r"(via|by|in|through|over|into|in a|by a|via a|to) (a )?(dm|dms|pm|direct message|direct messages|"
        r"private message|private messages|direct|private)",
        r"(dm|direct message|private message|pm)(ing)? (us|me|your|the|with|so|and|to|over)",
        r"follow (us|and dm|& dm|and send|back)",
        r"(reach|get|be) (out )?(to us |in touch )?(via|through|by|at|here|on|using|with our)",
        r"(contact|email|e-mail|chat with|reach|visit|see) (us|our|the|them|a|an|your|this|these|customer|guest|"
        r"member|any|at|on|via|here) ",
        r"(call|ring|phone|text) (us|our|them|the \w+|our \w+)( team| line| desk)? (at|on|via|directly|today|now|"
        r"back|toll|free|\d|\+|24/7|anytime|any time|so|and|for)",
        r"give (us|them|our \w+( team)?|the \w+ team) a (call|ring|shout|message)",
        r"(head|go|come|pop|swing|stop|drop) (over |back |in |by |down )?to (the |our |your |any |a |https?)",
        r"(click|tap|select|choose|open|navigate|toggle|press|hold|swipe|enable|disable|turn (on|off)|switch "
        r"(on|off)|sign (in|out|into)|log (in|out|into)|uninstall|reinstall|install|update|upgrade|restart|reboot|"
        r"reset|power cycle|unplug|plug|clear|delete|remove|re-?add|re-?enter|reconnect|disconnect|unpair|re-?pair|"
        r"force (quit|close|stop)|back up|download|redownload|re-?download|refresh|resync|re-?sync|rescan|re-?scan) "
        r"(on |off |to |in |into |out |the |your |our |this |that |it |them |these |those |all |any |a |an |from |"
        r"settings|app|device|phone|router|modem|console|box|cache|cookies|browser|account|system|computer|tv|"
        r"\w+ >)",
        r"(try|trying|tried) (to |again|it |this|that|these|the |a |an |another|using|restarting|rebooting|"
        r"resetting|reinstalling|updating|logging|signing|clearing|deleting|removing|turning|switching|unplugging|"
        r"plugging|power cycling|disconnecting|reconnecting|closing|opening|re-?adding|re-?entering|downloading|"
        r"a different|a hard|a soft|going|visiting|calling|contacting|reaching|checking)",
        r"(have you|did you|were you|are you|could you|can you|would you|will you|do you|does it|does this|is it|is "
        r"this|is the|are the|have they|did they|did it|has it|has this|are there|is there an|is there a (specific|"
        r"particular)|which|what|when|where|how long|how many|how much|who) (?:[^?!.\n]|\.(?=\S)){2,160}\?",
        r"(please|pls|plz|kindly|just|simply) (try|check|confirm|verify|provide|share|send|tell|let us know|fill|"
        r"complete|submit|follow|visit|go|head|click|tap|open|select|sign|log|clear|delete|remove|uninstall|"
        r"install|reinstall|update|restart|reboot|reset|turn|unplug|power|make sure|ensure|contact|call|reach|"
        r"refer|use|enable|disable|navigate|file|keep|hold|bring|take|speak|see|look|email|e-mail|ring|text|"
        r"chat|stop by|pop|drop|note|allow|wait|give|add|include|attach|post|reply|respond|forward|screenshot)",
        r"(let|tell|show) (us|me) (know )?(the|your|which|what|when|where|how|who|whether|more|a bit|a little|"
        r"about|in dm|via dm|in a dm|by dm|exactly|if (you|it|this|that|the|restarting|a|any|there|your) (\w+ )?"
        r"(\w+ )?(helps|works|worked|helped|fixes|fixed|resolves|resolved|changes|made|makes|see|have|received|"
        r"got|get|tried|try|still|is|was|are|were|can|did|do))",
        r"(follow|see|use|check|read|visit|complete|fill out|fill in|submit) (out |in )?(the |these |this |our |"
        r"those )?(steps|instructions|link|article|guide|page|form|tips|options|info|information|details|faq|"
        r"faqs|support page|help page|site|website|app)",
        r"(check|see|visit|read|use|follow|try|find|view|track|request|start|open|file|submit|report|manage|"
        r"update|change|contact us|reach us|details|info|information|steps|instructions|options|more|here|there|"
        r"link|form|article|page|guide|site|website|below|at|via|from|in|on|to)\W{0,4}(https?://|www\.)\S+",
        r"(make sure|ensure|double check|double-check|confirm) (that |the |your |you |it |this |all |both |there |"
        r"they |it's )",
        r"(check|look) (your|the|in|on|under|with|if|whether|that|for|out|back|again|into)",
        r"(you'll|you will|you'd|you would|you) (need|have|want|be able|may (need|want|be able)|might (need|want))"
        r" to",
        r"(you can|you could|you may|you might|you're able to|you are able to|you should be able to) (now |also |"
        r"still |always |easily |either |just )?(\w+)",
        r"(the best|your best|the quickest|the easiest|the fastest) (way|option|bet|place|route)",
        r"(we|i) (recommend|suggest|advise|encourage)",
        r"(our|my) (recommendation|suggestion|advice) (is|would be)",
        r"(step|steps) (here|below|above|to)",
        r"here's how",
        r"this (link|article|page|guide) (will|should|can|has|shows|explains|covers|walks)",
    ],
    negation=2,
)

#: A commitment by the agent or the team to a future action.
COMMITMENT = Phrases.of(
    [
        r"(i'll|we'll|i will|we will|i'm going to|we're going to|i am going to|we are going to|"
        r"let me|let us|allow me to|allow us to|i can|we can|i'll be "
        r"sure to|we'll be sure to|i'll make sure to|we'll make sure to|i'll be happy to|we'll be happy to|"
        r"i'll gladly|we'll gladly|i'll also|we'll also|i'll then|we'll then|i'll personally|i'll now|we'll now|"
        r"we'll then|we'll definitely|i'll definitely|we'll certainly|i'll certainly|i'll still|we'll still) "
        r"(be )?(happy to |glad to |able to |sure to )?"
        + WILL_DO,
        r"(someone|somebody|a (member|colleague|specialist|supervisor|manager|technician|tech|engineer|agent|"
        r"rep|representative|advisor|advocate|team member|courier|driver)|(our|the|a|that|this|your) (\w+ ){0,2}"
        r"(team|department|dept|specialists?|engineers?|techs?|technicians?|agents?|advocates?|reps?|"
        r"representatives?|driver|courier|store|manager|supervisor|crew|staff|carrier|partner|warehouse|"
        r"office|colleagues?|folks)|they|he|she) "
        r"(\w+ )?(will|'ll|should|is going to|are going to|can|is|are) (now |also |then |soon |be able to |"
        r"be happy to |be glad to |be in touch to |shortly |definitely |certainly )?"
        r"(get back|contact|reach out|call|ring|email|e-mail|text|message|be in touch|follow up|look into|"
        r"investigate|review|check|arrive|come|deliver|be (there|out|at|with you|by|arriving|delivering|"
        r"contacting|calling|reaching|in touch|able to help|able to assist|happy to help|glad to help)|pick up|"
        r"collect|ship|send|refund|credit|replace|fix|repair|sort|resolve|help|assist|advise|take care|handle|"
        r"issue|process|update|respond|reply|answer|escalate|arrange|rebook|book|provide|give you|set you up|"
        r"get you|have (it|this|that|them|your \w+|you|a \w+))",
        r"(you'll|you will|you should|you'd|you'll also|you'll then|you should then) (\w+ )?(receive|get|hear|be "
        r"(contacted|called|emailed|refunded|credited|notified|reimbursed|compensated|rebooked|sent|able|"
        r"charged|billed|asked|prompted|given|offered|taken)|see (the|a|your|it|this|that|them|an)|be seeing|"
        r"need to|have to|want to|find)",
        r"(your|the|a|an|this|that|it|its|it's) (\w+ ){0,2}(will|'ll|should|is going to|are going to|is due to|is "
        r"expected to|are expected to|is scheduled to|are scheduled to|is set to|are set to) (be |now be |then be |"
        r"also be )?(arrive|arriving|delivered|sent|shipped|processed|refunded|credited|issued|back|restored|"
        r"fixed|resolved|available|released|out|live|reflected|visible|reactivated|reinstated|replaced|collected|"
        r"picked up|there|ready|posted|dispatched|updated|applied|added|removed|returned|reversed|waived|"
        r"cancell?ed|rebooked|in your account|on its way|with you|in stock|restocked|repaired|launched|rolled out|"
        r"coming|come|go out|ship|land|depart|leave|open|close|reopen)",
    ],
    negation=2,
)

#: Information that answers: a reason, a fact about the order/service, what is available or when.
INFORMATION = Phrases.of(
    [
        r"(this|that|it|which)( is|'s| was| happens| happened| occurs| can happen| may happen| might happen| could "
        r"be| may be| might be| would be| will be)? (because|due to|caused by|the result of|a result of|related to|"
        r"down to)",
        r"(because|the reason|this is why|that's why|that is why|which is why|this happens when|this can happen "
        r"when|this occurs when)",
        r"(is|are|was|were|isn't|aren't|is not|are not|wasn't|weren't|will be|won't be|will not be|should be|"
        r"'s|'re) (currently |now |still |not |only |also |unfortunately |fully |temporarily )?(available|"
        r"unavailable|expected|scheduled|due|planned|coming|supported|unsupported|compatible|included|"
        r"required|needed|sold out|out of stock|in stock|discontinued|limited|live|released|delayed|cancell?ed|"
        r"on time|running|operating|open|closed|free|eligible|valid|refundable|non-refundable|"
        r"transferable|non-transferable|located|based|offered|allowed|permitted|restricted|down|fixed|resolved|"
        r"a known (issue|bug|problem)|an? (issue|outage|problem|bug) (with|in|on|affecting)|"
        r"investigating|being (investigated|worked on|looked into|fixed|addressed|processed|reviewed))",
        r"(there is|there's|there are|there was|there were|there will be|there won't be|there isn't|there aren't) "
        r"(currently |now |still |no |an? |some |known )?(outage|outages|issue|issues|problem|problems|bug|bugs|"
        r"delay|delays|maintenance|fee|fees|charge|charges|limit|option|options|way|update|fix|eta|estimated|"
        r"plans?|setting|feature|known|restriction|restrictions|policy|version|release|sale|discount|promo|"
        r"offer|deal|store|location|flight|flights|seats?|reason)",
        r"(no|an|the|our|your) (eta|estimated time|est\.? time|timeline|time ?frame|release date|date)",
        r"(we|i) (do|don't|do not|currently|now|also|still|only|no longer) (not )?(have|offer|ship|sell|carry|"
        r"stock|support|accept|allow|provide|fly|serve|charge|deliver|operate|require|need|list|show|see)",
        r"(we|i) (have|offer|ship|sell|carry|stock|support|accept|allow|provide|fly|serve|deliver|operate|"
        r"require|show|see|can see|can confirm|confirm|checked|found|noticed|spotted) (a |an |the |your |that |"
        r"it |this |no |some |two |multiple |several |several |[0-9])",
        r"(yes|yep|yeah|yup|nope|correct|that's correct|that's right|good news|great news)\W{1,3}(it|you|we|they|"
        r"the|that|this|there|your|our|it's|that's|this is|he|she|i|all|both|any|each)",
        r"no,? (it|you|they|there|that|this|we)( \w+)? (is|isn't|does|doesn't|won't|will|can|can't|are|aren't|was|"
        r"wasn't|didn't|don't|do|did|has|hasn't|have|haven't)",
        r"(you can|you'll be able to|you will be able to) (find|use|get|add|change|cancel|view|see|check|download|"
        r"update|buy|purchase|pre-?order|return|request|access|redeem|transfer|turn|select|choose|contact|reach|"
        r"call|visit|track|book|order|pick|collect|upgrade|downgrade|set|manage|remove|delete|reset|switch|sign|"
        r"log|apply|claim|earn|save|stream|watch|listen|play|pay|keep|bring|take|travel|fly|carry|expect)",
        r"(by|before|after|until|till|from|on|at|around|between|within|in|for) (the )?(\d{1,2}(:\d\d)? ?(am|pm)|"
        r"\d{1,2}(st|nd|rd|th)|\d+(-| to | - )?\d* (business |working )?(hours|hrs|days|weeks|months|minutes|"
        r"mins)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|midnight|noon|"
        r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|"
        r"apr|jun|jul|aug|sep|sept|oct|nov|dec)\b",
        r"(version|ios|android|update|v|build|release|model|gate|terminal|flight|platform|zone|zones|tier|plan|"
        r"fare|route|bus|train|stop|store|aisle|section|option|step|code|number|page|level|season|episode|"
        r"channel) ?#?\d",
        r"\d+(\.\d+)?( ?%| percent| dollars| pounds| euros| gb| mb| mbps| miles| points| hours| days| minutes| "
        r"weeks| months| years| lbs| kg| inches| pm| am)",
        r"(\$|£|€)\d",
        r"(it|this|that|the \w+|your \w+)( is|'s| was| has been| will be| isn't| wasn't| won't be) (only )?"
        r"(meant|designed|intended|made|built|set|supposed|programmed|configured|required|limited) (to|for|with|"
        r"by|so|as)",
        r"(it's|it is|they're|they are|that's|that is|this is) (made|cooked|prepared|baked|sourced|produced|"
        r"manufactured|grown|designed) (with|from|in|by|using|fresh)",
        r"(unfortunately|sadly|currently|at the moment|at this time|right now|for now|as of now|as of today|"
        r"at present|presently),? (we|it|this|that|the|there|our|you|they)",
        r"(works|work|applies|apply|is|are) (the same|differently|only|just) (on|for|in|with|when|if)",
        r"(it|this|that|the \w+|they) (depends|varies|vary|depend) on",
        r"(the|our|your) (\w+ ){0,2}(policy|terms|rules|guidelines|process|procedure|system|fee|fees|price|prices|"
        r"pricing|charge|limit|allowance|cutoff|cut-off|deadline|window|hours|schedule|timeline) (is|are|says|"
        r"states|allows|requires|covers|includes|was|were|will|would|should|can|changed|changes|went up|went down|"
        r"increased|for)",
        r"(happen|happens|happened|occur|occurs|occurred|apply|applies|applied) (when|if|because|after|before|"
        r"once|only)",
    ],
    negation=None,
)

# --- weak ---------------------------------------------------------------------------------------------------

#: Vague help: an offer with nothing concrete in it. Also overrides a concrete-looking phrase it holds.
VAGUE = Phrases.of(
    [
        r"(let|tell) (us|me) know (if|whether|should|when|anytime|any time|how we|what we|if there's|if there is|"
        r"if you|if we|if anything|if there are) (we|i|you need|you'd like|you have|you want|you require|"
        r"you're|there's|there is|anything|we can|i can|there are|further|there's anything|you ever|you still|"
        r"any|you've got|u|ya|y'all)",
        r"(let|tell) (us|me) know (how|what) (we|i) can (do|help|assist)",
        r"(let|tell) (us|me) know (anytime|any time|whenever)",
        r"(we're|we are|i'm|i am|we'll be|i'll be|we'll always be|we're always|i'm always|we are always|always)"
        r"( always| right| still| here| all)? here( for you| to help| if| whenever| should| in case| anytime| any "
        r"time| 24/7| with| and| ready| when| for anything| for any)",
        r"(happy|glad|here|ready|available|standing by|on hand|eager|love) to (help|assist|support|lend a hand|"
        r"chat|answer|look into)( you)?( out)?( with (this|that|anything|any|your|the))?( further| any way we "
        r"can| in any way| anyway we can| any way possible| however we can| as we can| where we can)?",
        r"(we|i)('d| would|'ll| will)( be)?( more than| very| really| so| absolutely| always| definitely)? "
        r"(happy|glad|love|like|want|pleased|willing) to (help|assist|support|look into|take a look|look|check|"
        r"lend a hand|chat)( you)?( out)?( with (this|that|anything|any|your|the))?( further)?",
        r"(we|i)( really| just| definitely| certainly| absolutely)? (want|wanna|hope|aim|need|would like) to "
        r"(help|assist|support|make (this|it|things) right|get (this|it) (sorted|fixed|resolved|right)|take a "
        r"(look|closer look)|look into|check|hear more|learn more|know more|understand)",
        r"(we|i) (can|could|may be able to|might be able to) (help|assist)( you)?( out)?( with (this|that|anything|"
        r"any|your|the))?( further)?",
        r"(reach out|get in touch|contact us|message us|dm us|tweet us|ping us|hit us up|give us a shout|"
        r"holler|shout|drop us a line|let us know|come back to us|get back to us|write (to )?us|talk to us|"
        r"reach us|dm me|message me|tweet me|contact me)( again| back| here| anytime| any time| at any time)?"
        r" (anytime|any time|at any time|if|whenever|should|with any|in case|when you need|for any|for "
        r"anything|if you|if there|if we|if anything|any questions|with further)",
        r"(just |simply |please )?(give us a (shout|holler|ping|tweet|bell)|hit us up|shout out to us)",
        r"feel free to (reach out|contact us|let us know|get in touch|message us|tweet us|ping us|ask|come back|"
        r"reach back|get back|hit us up|dm us|send us a dm)( again| back| here)?( (if|whenever|should|with any|"
        r"anytime|any time|at any time|for any))?",
        r"(don't|do not) (hesitate|be afraid) to (reach out|contact us|let us know|get in touch|ask|message us|"
        r"dm us|tweet us|get back to us)",
        r"(i'll|we'll|i will|we will|i've|we've|i have|we have|i'd be happy to|we'd be happy to|i can|we can|"
        r"i'll be sure to|we'll be sure to|we'll make sure to|i'll make sure to|i'll definitely|we'll definitely|"
        r"we'll certainly|i'll certainly|we're going to|i'm going to|we'll gladly|i'll gladly|we'll happily|"
        r"i'll happily) (pass|share|forward|send|relay|bring|take|feed|submit|log|note|mention|make note of|"
        r"make a note of|flag|raise|add|record|share|forwarded|passed|shared|relayed|logged|noted|submitted|"
        r"recorded|sent|taken|made a note of|made note of|flagged|added|raised|brought|fed)( this| that| it| "
        r"your| these| those| all| the| them| those| everything| along| on)( \w+)?( \w+)?( (on|along|back|up|"
        r"over|in))?( to| with| for)?( (the|our|my|relevant|appropriate|right) (\w+ )?(team|teams|folks|people|"
        r"department|dept|group|person|powers that be|higher ups|leadership|management|product team|developers|"
        r"devs|engineers|crew|staff|manager|managers))?",
        r"(feedback|comments|suggestion|suggestions|concerns|thoughts|input|request|idea|ideas|experience) "
        r"(has|have|is|are|was|were|will be)( been)? (noted|shared|passed|forwarded|logged|recorded|sent|"
        r"documented|submitted|received|heard|taken on board|passed along|passed on)",
        r"(i've|we've|i have|we have|i|we) (noted|logged|documented|recorded|received|heard|taken note of)",
        r"(we'll|we will|i'll|i will|we'd|we would) (keep|take) (this|that|it|your \w+|these|those) (in mind|into "
        r"(account|consideration)|on board|under consideration)",
        r"(we'll|we will|i'll|i will|we) (do our best|do what we can|see what (we|i) can do|try our best|try "
        r"to help|always try|work hard|keep working|continue to work|strive|endeavo(u)?r)",
        r"hope (this|that|it|these|those|we) (helps|help|clears|clarifies|answers|works)",
        r"(how|what) (can|may|could|should) (we|i) (help|assist|do)( you)?( today| for you| with| further)?",
        r"(is there|was there) (anything|something) (else )?(we|i|that we|that i) (can|could|may) (help|assist|"
        r"do)",
        r"(any|anything) (else|further|more) (we|i) can (help|assist|do)",
        r"(we're|we are|i'm|i am) (here|available|around|online|standing by)( 24/7| all day| every day| around "
        r"the clock| anytime| any time| now)?",
        r"(we've|we have|i've|i have) got (your|ur) back",
        r"(you're|you are) in (the )?(right|good) (place|hands)",
    ],
    negation=None,
)

# --- the assessment -----------------------------------------------------------------------------------------

_URL = re.compile(r"https?://\S+|\bwww\.\S+")


def _outside(spans: Sequence[Span], blockers: Sequence[Span]) -> list[Span]:
    """The spans that lie inside none of ``blockers``."""
    return [s for s in spans if not any(b.start <= s.start and s.end <= b.end for b in blockers)]


@lru_cache(maxsize=64)
def _extended(phrases: Phrases, extra: tuple[str, ...]) -> Phrases:
    return phrases.extended(extra)


def team_steps(settings: Settings) -> Phrases:
    """The next-step list with a team's own phrases (``[tool.makeitlast.phrases] S001 = [...]``)."""
    return _extended(NEXT_STEP, tuple(settings.phrases.get("S001", ())))


def concrete(view: TextView, next_step: Phrases = NEXT_STEP) -> tuple[list[Span], list[Span]]:
    """(concrete evidence, vague evidence) in ``view``: a concrete phrase held in a vague one is vague."""
    found = ACTION_TAKEN.find(view) + next_step.find(view) + COMMITMENT.find(view) + INFORMATION.find(view)
    vague = VAGUE.find(view)
    if vague:
        found = _outside(found, vague)
    found.sort(key=lambda s: (s.start, -s.end))
    return _merge(found), vague


def _merge(spans: list[Span]) -> list[Span]:
    """Overlapping evidence spans kept once (the longest at each start)."""
    out: list[Span] = []
    for s in spans:
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def customer_asks(ctx: ReplyContext) -> bool:
    """Does the customer want something, report a bad experience or ask a question?"""
    if ctx.customer is None or ctx.reading is None:
        return True
    r = ctx.reading
    if r.bad_experience or any(w != "appreciation" for w in r.wants):
        return True
    text = ctx.customer.text
    if "?" not in text:
        return False
    return "?" in (_URL.sub(" ", text) if "http" in text or "www." in text else text)


def assess(ctx: ReplyContext) -> StepResult:
    applicable = customer_asks(ctx)
    found, vague = concrete(ctx.reply, team_steps(ctx.settings))
    if found:
        return StepResult(status=Status.PRESENT, applicable=applicable, evidence=tuple(found))
    if vague:
        return StepResult(status=Status.WEAK, applicable=applicable, evidence=tuple(_merge(vague)))
    return StepResult(status=Status.MISSING, applicable=applicable)
