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

A concrete phrase that starts inside a vague one ("DM us *if you need anything*", "Is there anything else we can
help with?") counts as vague; a generic "tell us more about what's going on?" is vague too, while a specific
troubleshooting question ("Does restarting help?") is a next step.

The step applies when the customer wants something, reports a bad experience or asks a question (``reading.wants``,
``reading.bad_experience``, a ``?`` in their message); praise or thanks alone needs no solution, and there the
reply's questions and facts are small talk ("Great costume! Did you make it?"), so only actions, next steps and
commitments count. A reply judged on its own (no customer message) is held to it too: a reply should still give a
way forward.

The phrase lists here are shared with the S rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from makeitlast.engine.config import Settings
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Phrases, TextView, outside
from makeitlast.model import Span, Status, StepResult
from makeitlast.rules.donts import _book as book

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
    r"sent out|sent over|followed up|dm'?d|dm'?ed|messaged|replied|responded|turned (off|on)|switched (off|on)|"
    r"stopped|paused|suspended|discontinued|launched|introduced|rolled out|retired|shared your \w+ with|"
    r"made (a|the) change|made changes|increased|decreased|reduced|lowered|raised)"
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
    r"this|that|the \w+|your \w+) up|come (out|back|by|round|over)|be (out|in contact|"
    r"contacting you|calling you|reaching out)|advise|authori[sz]e|offer|provide|give you|extend|upgrade|waive)"
)

# --- present ------------------------------------------------------------------------------------------------

#: Something the agent or the team has done.
ACTION_TAKEN = Phrases.of(
    [
        _WE
        + r"( have| had)?( just| now| already| also| since| gone ahead and| personally| went ahead and)? "
        + _DONE,
        r"(i|we)('ll| will)( now| also)? get (this|that|it|your \w+|the \w+) (reported|logged|escalated|passed on|"
        r"looked at|checked|sorted|fixed|resolved|replaced|refunded|rebooked|sent|shipped|updated|corrected)",
        r"(we|i) should (have|be able to|get) (it|this|that|you|your \w+|the \w+)",
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
        r"(now |currently |actively |already |still |\w+ly )?(looking into|working on|investigating|checking|"
        r"on it|aware of|fixing|addressing|resolving|handling|monitoring|tracking|chasing|reviewing|"
        r"dealing with|sorting)",
        r"(we're|we are|i'm|i am)( now| currently| actively| already)? (on it|aware)",
        r"(here's|here is|this is) what (i|we)('ve| have)? (done|did|can do)",
        r"(here's|here is|here are) (the|a|an|our|your|some|more|what|how|where|when|why|info|information|details|"
        r"everything|all|this|that|those|these|link)",
        r"(just|already) (responded|replied|sent|dm'?d|dm'?ed|messaged|followed up|reached out|answered)",
        r"(one|a|just a) (moment|sec|second|minute|mo)( please)?,? (as|while|whilst|and|let me|i'll|i will|we'll)",
        r"(i'm|i am|we're|we are) (showing|seeing|able to see)",
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
        r"member|any|at|on|via|here)",
        r"(call|ring|phone|text) (us|our|them|the \w+|our \w+)( team| line| desk)? (at|on|via|directly|today|now|"
        r"back|toll|free|\d|\+|24/7|anytime|any time|so|and|for)",
        r"give (us|them|our \w+( team)?|the \w+ team) a (call|ring|shout|message)",
        r"(head|go|come|pop|swing|stop|drop) (over |back |in |by |down )?to (the|our|your|any|a|https?)",
        r"(click|tap|select|choose|open|navigate|toggle|press|hold|swipe|enable|disable|turn (on|off)|switch "
        r"(on|off)|sign (in|out|into)|log (in|out|into)|uninstall|reinstall|install|update|upgrade|restart|reboot|"
        r"reset|power cycle|unplug|plug|clear|delete|remove|re-?add|re-?enter|reconnect|disconnect|unpair|re-?pair|"
        r"force (quit|close|stop)|back up|download|redownload|re-?download|refresh|resync|re-?sync|rescan|re-?scan) "
        r"(on|off|to|in|into|out|the|your|our|this|that|it|them|these|those|all|any|a|an|from|"
        r"settings|app|device|phone|router|modem|console|box|cache|cookies|browser|account|system|computer|tv|"
        r"\w+ >)",
        r"(try|trying|tried) (to|again|it|this|that|these|the|a|an|another|using|restarting|rebooting|"
        r"resetting|reinstalling|updating|logging|signing|clearing|deleting|removing|turning|switching|unplugging|"
        r"plugging|power cycling|disconnecting|reconnecting|closing|opening|re-?adding|re-?entering|downloading|"
        r"a different|a hard|a soft|going|visiting|calling|contacting|reaching|checking)",
        r"(please|pls|plz|kindly|just|simply) (try|check|confirm|verify|provide|share|send|tell|fill|return|"
        r"go back|head back|come|visit|stop|swing|"
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
        r"(?:(?<=:)|(?<=:\s))https?://\S+",
        r"(check|see|visit|read|use|follow|try|find|view|track|request|start|open|file|submit|report|manage|"
        r"update|change|contact us|reach us|details|info|information|steps|instructions|options|more|here|there|"
        r"link|form|article|page|guide|site|website|below|at|via|from|in|on|to|through|with|using)\W{0,4}"
        r"(https?://|www\.)\S+",
        r"(make sure|ensure|double check|double-check|confirm) (that|the|your|you|it|this|all|both|there|"
        r"they|it's)",
        r"(check|look) (your|the|in|on|under|with|if|whether|that|for|out|back|again|into)",
        r"(you'll|you will|you'd|you would|you) (need|have|want|be able|may (need|want|be able)|might (need|want))"
        r" to",
        r"(you can|you could|you may|you might|you're able to|you are able to|you should be able to) (now |also |"
        r"still |always |easily |either |just )?(\w+)",
        r"(the best|your best|the quickest|the easiest|the fastest) (way|option|bet|place|route)",
        r"(we|i)('d| would)? (recommend|suggest|advise|encourage)",
        r"(be sure to|make sure to|remember to|don't forget to|do not forget to|you'll want to|you may want to|you "
        r"might want to)",
        r"(let's|lets|let us) (make sure|try|check|start|get|see|look|do|troubleshoot|run|reset|update|restart|"
        r"begin|figure|work|take a look|have a look|go|meet|connect|chat)",
        r"(you|u) (don't|do not|won't|will not) (have|need) to",
        r"no need to (\w+)",
        r"(connecting|restarting|rebooting|resetting|reinstalling|updating|clearing|turning|switching|signing|"
        r"logging|deleting|removing|re-adding|power cycling|unplugging|doing|trying|using|changing|disabling|"
        r"enabling|this|that|these steps|this step|it) (\w+ ){0,4}(can|should|may|might|will|could|usually|often|"
        r"normally|typically) (help|fix|resolve|solve|do the trick|sort|clear)",
        r"(our|my) (recommendation|suggestion|advice) (is|would be)",
        r"(step|steps) (here|below|above|to)",
        r"here's how",
        r"this (link|article|page|guide) (will|should|can|has|shows|explains|covers|walks)",
    ],
    negation=2,
)

#: A question or request that moves the case on ("Which iOS version are you on?", "Could you try a restart?").
QUESTION = Phrases.of(
    [
        r"(have|did|were|are|could|can|would|will|do|does|is|was|has|had|should|may|might) (you|u|it|this|that|the|"
        r"your|these|those|they|there|any|all|both|he|she|anyone|anything|something|we) "
        r"(?:[^?!.\n]|\.(?=\S)){2,160}\?",
        r"(which|what|when|where|how long|how many|how much|how often|who|whose|any|anything) "
        r"(?:[^?!.\n]|\.(?=\S)){2,160}\?",
        r"(could|can|would|will) (you|u) (please |kindly |also |just |then |quickly |first )?(try|check|confirm|"
        r"verify|provide|share|send|tell|let|fill|complete|submit|follow|visit|go|head|click|tap|open|select|sign|"
        r"log|clear|delete|remove|uninstall|install|reinstall|update|restart|reboot|reset|turn|unplug|power|make|"
        r"ensure|contact|call|reach|use|enable|disable|navigate|file|keep|hold|bring|take|speak|see|look|email|"
        r"e-mail|ring|text|chat|add|include|attach|post|reply|respond|forward|screenshot|import|export|test|run|"
        r"switch|change|move|give|dm|pm|message|describe|explain|clarify|double|re-?enter|re-?add|power|pop|drop)",
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
        r"we'll then|we'll definitely|i'll definitely|we'll certainly|i'll certainly|i'll still|we'll still|"
        r"we'd be happy to|i'd be happy to|we'd love to|i'd love to|we'd be glad to|i'd be glad to) "
        r"(be )?(happy to |glad to |able to |sure to )?" + WILL_DO,
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
        r"need to|have to|want to)",
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
        r"(it|this|that) (could|may|might|would) be (that|because|due|down to|related|caused)",
        r"(so|which means|that means|this means|meaning) (that )?(there|it|this|that|you|we|your|the|they)( \w+)? "
        r"(is|are|was|were|will|won't|can|can't|may|might|has|have|had|need|needs|should|differ|vary|varies)",
        r"(is|are|was|were|isn't|aren't|is not|are not|wasn't|weren't|will be|won't be|will not be|should be|"
        r"may be|might be|may not be|might not be|may have been|might have been|may not have been|could have been|"
        r"would have been|may|might|'s|'re) (\w+ ){0,2}(available|"
        r"unavailable|expected|scheduled|due|planned|coming|supported|unsupported|compatible|included|"
        r"required|needed|sold out|out of stock|in stock|discontinued|limited|live|released|delayed|cancell?ed|"
        r"on time|running|operating|open|closed|free|eligible|valid|refundable|non-refundable|"
        r"transferable|non-transferable|located|based|offered|allowed|permitted|restricted|down|fixed|resolved|"
        r"suspended|paused|postponed|full|fully booked|sold|shipped|delivered|processed|pending|active|inactive|"
        r"expired|blocked|locked|showing|listed|set to|set up|linked|correct|incorrect|accurate|the (correct|"
        r"right|same|latest|current|newest)|"
        r"a known (issue|bug|problem)|an? (issue|outage|problem|bug) (with|in|on|affecting)|"
        r"investigating|being (investigated|worked on|looked into|fixed|addressed|processed|reviewed))",
        r"(there is|there's|there are|there was|there were|there will be|there won't be|there isn't|there aren't) "
        r"(usually|typically|often|always|only|currently|now|still|no|some|known|several|multiple|many|\d+)",
        r"(there is|there's|there are|there was|there were|there will be|there won't be|there isn't|there aren't) "
        r"(currently |now |still |no |an? |some |known )?(outage|outages|issue|issues|problem|problems|bug|bugs|"
        r"delay|delays|maintenance|fee|fees|charge|charges|limit|option|options|way|update|fix|eta|estimated|"
        r"plans?|setting|feature|known|restriction|restrictions|policy|version|release|sale|discount|promo|"
        r"offer|deal|store|location|flight|flights|seats?|reason)",
        r"(no|an|the|our|your) (eta|estimated time|est\.? time|timeline|time\s?frame|release date)",
        r"(our|my|the) (system|systems|records?|notes|tracking|account notes) (shows?|indicates?|says|confirms?|"
        r"lists?|has|reflects?)",
        r"(if|when|once|whenever) (you|u) (\w+ ){1,8}(it|this|that|you|they|we|the \w+|your \w+)('ll| will| "
        r"should| won't| can| would| may| might)",
        r"(this|that|it)( is|'s) (there )?to (help|make|keep|ensure|protect|prevent|allow|let|give|stop|reduce)",
        r"(it's|it is|they're|they are|this is|that's|that is) (good|valid|available|eligible|open|free|"
        r"included|redeemable|usable) (for|on|at|in|until|through|with|to)",
        r"(we|i) (do |don't |do not )?(currently|now|also|still|only|no longer) (not )?(have|offer|ship|sell|carry|"
        r"stock|support|accept|allow|provide|fly|serve|charge|deliver|operate|require|need|list|show|see)",
        r"(we|i) (do|don't|do not) (not )?(have|offer|ship|sell|carry|"
        r"stock|support|accept|allow|provide|fly|serve|charge|deliver|operate|require|need|list|show|see)",
        r"(we|i) (have|offer|ship|sell|carry|stock|support|accept|allow|provide|fly|serve|deliver|operate|"
        r"require|show|see|can see|can confirm|confirm|checked|found|noticed|spotted) (a|an|the|your|that|"
        r"it|this|no|some|two|multiple|several|\d+)",
        r"(yes|yep|yeah|yup|nope|correct|that's correct|that's right|good news|great news)\W{1,3}(it|you|we|they|"
        r"the|that|this|there|your|our|it's|that's|this is|he|she|i|all|both|any|each)",
        r"no,? (it|you|they|there|that|this|we)( \w+)? (is|isn't|does|doesn't|won't|will|can|can't|are|aren't|was|"
        r"wasn't|didn't|don't|do|did|has|hasn't|have|haven't)",
        r"(you can|you'll be able to|you will be able to) (find|use|get|add|change|cancel|view|see|check|download|"
        r"update|buy|purchase|pre-?order|return|request|access|redeem|transfer|turn|select|choose|contact|reach|"
        r"call|visit|track|book|order|pick|collect|upgrade|downgrade|set|manage|remove|delete|reset|switch|sign|"
        r"log|apply|claim|earn|save|stream|watch|listen|play|pay|keep|bring|take|travel|fly|carry|expect)",
        r"(by|before|after|until|till|from|on|at|around|between|within|in|for) (the )?(\d{1,2}(:\d\d)?\s?(am|pm)|"
        r"\d{1,2}(st|nd|rd|th)|\d+(-| to | - )?\d* (business |working )?(hours|hrs|days|weeks|months|minutes|"
        r"mins)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|midnight|noon|"
        r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|"
        r"apr|jun|jul|aug|sep|sept|oct|nov|dec)\b",
        r"\d{1,2}(st|nd|rd|th)? (january|february|march|april|may|june|july|august|september|october|november|"
        r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b",
        r"(version|ios|android|update|v|build|release|model|gate|terminal|flight|platform|zone|zones|tier|plan|"
        r"fare|route|bus|train|stop|store|aisle|section|option|step|code|number|page|level|season|episode|"
        r"channel)\s?#?\d",
        r"\d+(\.\d+)?(\s?%| percent| dollars| pounds| euros| gb| mb| mbps| miles| points| hours?| days?| "
        r"minutes?| weeks?| months?| years?| lbs| kgs?| inches| pm| am|pm|am|kgs?|gb|mb)",
        r"(\$|£|€)\d",
        r"\d{1,2}(:\d\d)?\s?(a\.m\.|p\.m\.|a\.m|p\.m)",
        r"(one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of|several|24|48|72) (hours|days|weeks|"
        r"minutes|months) (before|after|from|prior|ahead)",
        r"(it |this |that )?(looks|seems|sounds|appears) (like|that|to be) (a|an|the|there|it|this|your|you|we)",
        r"(will|would|should|'ll|won't|will not) (\w+ )?be (made )?(available|released|launched|in stock|"
        r"restocked|back|sold|offered|on sale)",
        r"first come,? first serve[d]?",
        r"(it|this|that|the \w+|your \w+)( is|'s| was| has been| will be| isn't| wasn't| won't be) (only )?"
        r"(meant|designed|intended|made|built|set|supposed|programmed|configured|required|limited) (to|for|with|"
        r"by|so|as)",
        r"(it's|it is|they're|they are|that's|that is|this is) (made|cooked|prepared|baked|sourced|produced|"
        r"manufactured|grown|designed) (with|from|in|by|using|fresh)",
        r"(currently|at the moment|at this time|right now|for now|as of now|as of today|"
        r"at present|presently),? (we|it|this|that|the|there|our|you|they)",
        r"(works|work|applies|apply|is|are) (the same|differently|only|just) (on|for|in|with|when|if)",
        r"(it|this|that|the \w+|they) (will |may |can |might |does |do )?(depends|varies|vary|depend|differ|differs) "
        r"(on|by|based on|between|from)",
        r"(it would be|it'd be|it's|it is|it will be) (best|better|a good idea|worth|easiest|quickest|fastest) to",
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
        r"any|you've got|u|ya|y'all)( can| could| may| need| have)?( help| assist| do| be of)?( anything| any| "
        r"further| more| you| with)?( else| help| assistance| further| questions)?",
        r"(let|tell) (us|me) know (how|what) (we|i) can (do|help|assist)",
        r"(let|tell) (us|me) know (anytime|any time|whenever)",
        r"(please |pls |kindly |just |simply )?(send|shoot|drop|give) (us|me) (a |an )?(dm|pm|message|direct "
        r"message|private message|note|line|shout) "
        r"(if|whenever|should|anytime|any time|in case|when you need)",
        r"(please |pls |kindly |just |simply )?(dm|message|contact|email|call) (us|me) (if|whenever|should|"
        r"anytime|any time|in case|when you need)",
        r"(could|can|would|will) (you|u) (please )?(tell|give|share with|send) (us|me) (a (bit|little) )?more "
        r"(about|on|info|information|details)?( what| how| the)?( is| 's)?( going on| happening| the issue| "
        r"happened)?",
        r"(tell|give|share with|send) (us|me) (a (bit|little) )?more (about|on|info|information|details)( what| "
        r"how)?( is| 's)?( going on| happening| happened)?",
        r"(what|how)('s| is| was) (going on|happening|wrong|the (issue|problem|matter|trouble)|up)( with "
        r"(the|your|it|this|that)( \w+)?)?\s?\?",
        r"(what|how) (did|can|could) (we|i) (do|fix|make|improve|change) (\w+ ){0,6}(things|this|that|it|right|"
        r"better|feel|way)",
        r"(do|does) (you|u) (have|need) (any|a|an|some) (\w+ ){0,2}(concerns?|questions?|issues?|problems?|help|"
        r"assistance)",
        r"(is|are) (there|this|that) (a|an|any|some) (\w+ ){0,2}(current |specific )?(order|issue|account|concern|"
        r"problem|question|device|service|item) (you're|you are|that you're|that you are|we can|i can|you'd)",
        r"(tell|inform|update) (us|me) (on|about|of) (your|the) (issue|concern|problem|situation|concerns)",
        r"(we'll|i'll|we will|i will|we've|i've|we have|i have) (let|make) (the|our) (\w+ ){0,2}(team|teams|devs|"
        r"developers|folks|people|department|engineers|crew|leadership|managers?) (know|aware)",
        r"(make sure|ensure) (that )?(your|the|these|this|those|all) (comments|feedback|concerns|thoughts|"
        r"suggestions?|ideas?|message|messages|kind words|praise) (are|is|get|gets|reach|will)( \w+)?( on| along)?",
        r"(is there|was there) (anything|something) (else )?(\w+ ){0,4}(help|assist|assistance|do for you)",
        r"(we|i) (currently |just |still )?(don't|do not|dont) have (any |an |the |more )?(info|information|"
        r"details|update|updates|news|eta|answer|timeline|further information)( \w+){0,3}",
        r"(we|i) (have|had) no (info|information|details|update|updates|news|eta|answer|timeline)( \w+){0,3}",
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
        r"(that )?(we|i) (can|could|may be able to|might be able to) (help|assist)( you)?( out)?( with (this|that|anything|"
        r"any|your|the))?( further)?",
        r"(reach out|get in touch|contact us|message us|dm us|tweet us|ping us|hit us up|give us a shout|"
        r"holler|shout|drop us a line|let us know|come back to us|get back to us|write (to )?us|talk to us|"
        r"reach us|dm me|message me|tweet me|contact me)( again| back| here| anytime| any time| at any time)?"
        r" (anytime|any time|at any time|if|whenever|should|with any|in case|when you need|for any|for "
        r"anything|if you|if there|if we|if anything|any questions|with further)",
        r"(just |simply |please )?(give us a (shout|holler|ping|tweet|bell)|hit us up|shout out to us)",
        r"feel free to (reach out|contact us|let us know|get in touch|message us|tweet us|ping us|ask|come back|"
        r"reach back|get back|hit us up)( again| back| here)?( (if|whenever|should|with any|"
        r"anytime|any time|at any time|for any))?",
        r"(don't|do not) (hesitate|be afraid) to (reach out|contact us|let us know|get in touch|ask|message us|"
        r"dm us|tweet us|get back to us)",
        r"(i'll|we'll|i will|we will|i've|we've|i have|we have|i'd be happy to|we'd be happy to|i can|we can|"
        r"i'll be sure to|we'll be sure to|we'll make sure to|i'll make sure to|i'll definitely|we'll definitely|"
        r"we'll certainly|i'll certainly|we're going to|i'm going to|we'll gladly|i'll gladly|we'll happily|"
        r"i'll happily) (\w+ly )?(pass|share|forward|send|relay|bring|take|feed|submit|log|note|mention|make note of|"
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


@lru_cache(maxsize=64)
def _extended(phrases: Phrases, extra: tuple[str, ...]) -> Phrases:
    return phrases.extended(extra)


def team_steps(settings: Settings) -> Phrases:
    """The next-step list with a team's own phrases (``[tool.makeitlast.phrases] S001 = [...]``)."""
    return _extended(NEXT_STEP, tuple(settings.phrases.get("S001", ())))


book.register("solve.action", ACTION_TAKEN)
book.register("solve.next", NEXT_STEP)
book.register("solve.question", QUESTION)
book.register("solve.commit", COMMITMENT)
book.register("solve.info", INFORMATION)
book.register("solve.vague", VAGUE)


def concrete(
    view: TextView, next_step: Phrases = NEXT_STEP, *, small_talk: bool = False
) -> tuple[list[Span], list[Span]]:
    """(concrete evidence, vague evidence) in ``view``: a concrete phrase held in a vague one is vague.

    ``small_talk``: the customer only praised or chatted, so questions and facts in the reply are conversation,
    not a solution; only actions, next steps and commitments count.
    """
    steps = book.spans(view, "solve.next") if next_step is NEXT_STEP else next_step.find(view)
    found = book.spans(view, "solve.action") + steps + book.spans(view, "solve.commit")
    if not small_talk:
        found += book.spans(view, "solve.question") + book.spans(view, "solve.info")
    vague = book.spans(view, "solve.vague")
    if vague:
        found = outside(found, vague, start_only=True)
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


#: Praise, thanks and chat: a customer saying only this needs no solution, and questions back are small talk.
SMALL_TALK = Phrases.of(
    [
        r"(thank|thanks|thx|ty|love|loving|loved|lovely|awesome|amazing|great|best|fantastic|excellent|wonderful|"
        r"brilliant|perfect|happy|yay|lol|lmao|haha|hahaha|delicious|yummy|tasty|beautiful|cute|fun|enjoy|enjoyed|"
        r"enjoying|kudos|shout\s?out|shoutout|congrats|congratulations|glad|appreciate|appreciated|favorite|"
        r"favourite|halloween|costume|costumes|dressed|boo|boorito|cheers|woohoo|excited|can't wait|hero|legend|"
        r"mvp|rock|rocks|nice|cool|wow|omg|sweet|proud|stoked|pumped|made my (day|night|week|morning))",
    ],
    negation=None,
)


def small_talk(ctx: ReplyContext) -> bool:
    """Is the customer only praising, thanking or chatting?"""
    return ctx.customer is not None and SMALL_TALK.first(ctx.customer) is not None


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
    found, vague = concrete(
        ctx.reply, team_steps(ctx.settings), small_talk=not applicable and small_talk(ctx)
    )
    if found:
        return StepResult(status=Status.PRESENT, applicable=applicable, evidence=tuple(found))
    if vague:
        return StepResult(status=Status.WEAK, applicable=applicable, evidence=tuple(_merge(vague)))
    return StepResult(status=Status.MISSING, applicable=applicable)
