"""Repeat contact: the customer says they already tried, waited, called or wrote before (``docs/annotation.md``).

"still" is counted when it carries waiting or failure ("still waiting", "still not working", "still happening"),
not in "I still love you". A bare reply that only answers an agent's request ("I did.", "Yes, I have") counts:
it says they already did what they were asked.
"""

from __future__ import annotations

from makeitlast.engine.detectors import Phrases

_CONTACT_VERB = (
    r"(?:called|phoned|rang|contacted|emailed|e-mailed|messaged|dm'?d|dm'?ed|pm'?d|dmed|tweeted|written|wrote|sent"
    r"|reported|spoken|spoke|talked|chatted|complained|asked|tried|raised|submitted|filed|opened|logged|followed"
    r"|reached out|been (?:in touch|on (?:the )?(?:phone|hold|chat))|replied|responded|explained|told|given|provided"
    r"|restarted|reset|reinstalled|rebooted|uninstalled|cleared|unplugged|power cycled)"
)

REPEAT = Phrases.of(
    [
        rf"(?:i|we|i'?ve|we'?ve|i'?d|we'?d|i have|we have|i had|we had) (?:already |also |even |just |now |since |previously |both |all |literally )?{_CONTACT_VERB}",
        rf"already {_CONTACT_VERB}",
        r"already (?:tried|did|done|have|had|been|sent|on it|checked|looked|know|knew|gave|got|paid|reported|spoke|told)",
        r"(?:yet |once |over and over |all over |time and time |here we go |happened |happening |it'?s happening |is happening |doing it |this )?again",
        r"(?:second|2nd|third|3rd|fourth|4th|fifth|5th|\d+th|umpteenth|nth|another|hundredth|millionth) (?:call|email|message|tweet|dm|attempt|request|complaint|time (?:i'?ve|i have|i'?m|i am|we'?ve|i) (?:called|calling|contacted|contacting|asked|asking|tweeted|tweeting|messaged|messaging|written|writing|emailed|emailing|reported|reporting|had to (?:call|contact|ask|chase)))",
        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|numerous|countless|a few|few|a couple(?: of)?|a dozen|dozens of|hundreds of|so many|too many|a million|various) (?:more |more than |other |separate |different )?(?:times|calls|phone calls|emails|e-mails|messages|dms|tweets|attempts|chats|tries|requests|complaints|letters|occasions|visits|trips|hours on (?:the )?phone|tickets|cases)",
        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|numerous|countless|a few|few|a couple(?: of)?|various|so many) (?:different|separate|other) (?:people|agents|reps|representatives|departments|numbers|staff|employees)",
        r"(?:no ?one|nobody|no-one) (?:has |have |is |'s |ever |even |still )*(?:responded|replied|answered|got back|gotten back|gets back|called (?:me |us )?back|contacted|helped|responding|replying|answering|respond|reply|answer|help|called)",
        r"(?:haven'?t|have not|never|still haven'?t|didn'?t|did not|hasn'?t|has not|not) (?:yet |ever |even )?(?:heard|got|gotten|received|had) (?:back|anything back|a (?:reply|response|call|answer|callback|call back|email|update)|any (?:reply|response|call|answer|callback|update|word))",
        r"(?:no|zero|still no|without (?:a|any)) (?:response|reply|replies|answer|callback|call back|word|update|news|feedback|follow[\s-]?up|resolution)(?: yet| from)?",
        r"what else (?:can|do|should|must|could) (?:i|we) (?:provide|do|send|try|give)",
        r"still (?:crash|crashes|crashing|fails|failing|happens|remains|persists|occurs|freezes|waiting|not|no|nothing|doesn'?t|won'?t|can'?t|isn'?t|haven'?t|hasn'?t|didn'?t|broken|down|happening|having|getting|seeing|showing|stuck|the same|an issue|a problem|crashing|freezing|charging|charged|missing|pending|unresolved|on hold|trying|sllll*o+w|slow)",
        r"(?:been |keep |kept |after |since |of |still |was |were |am |'m )waiting",
        r"(?:been waiting|been trying|been on hold|waited|waiting|on hold|been chasing|chasing|been calling|been emailing) (?:\w+ ){0,3}(?:for|since|over|about|almost|nearly) (?:over |more than |almost |nearly |about |the (?:last|past) )?(?:(?:\d+|an?|two|three|four|five|six|seven|several|many|a few|a couple(?: of)?|endless) (?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)|hours|days|weeks|months|ages|forever|yesterday|last (?:week|month|night)|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        r"(?:been|kept|keep|put|left) (?:me |us |you )?on hold",
        r"(?:have|'ve|already) (?:already )?(?:sent|called|emailed|messaged|contacted|tried|provided|given|submitted|reported|dm'?d|dmed|explained|told you)",
        r"tried[\s,.!-]+(?:and |but )?(?:it )?(?:didn'?t|did not|doesn'?t|does not|still|no luck|nothing|same|no change|no dice|not working|to no avail)|to no avail",
        r"(?:for|since) (?:hours|days|weeks|months|ages|forever) now",
        r"(?:as|like) (?:i|we) (?:already |previously |just |have )?(?:said|mentioned|stated|explained|told (?:you|u|ya|y'?all)|wrote|asked|tweeted|messaged|dm'?d)",
        r"(?:as|like) (?:i|we) (?:have|'?ve) (?:already )?(?:said|mentioned|stated|explained|told (?:you|u))",
        r"(?:did|done|tried) (?:that|this|it|all that|everything|all of (?:that|those|them|it)|both|so) (?:already|twice|before|too|multiple times|several times)",
        r"(?:tried|did|done) (?:that|this|it|everything|all of (?:that|those|them)|all that|all those|both|the (?:same|steps|above)|restarting|resetting|reinstalling|rebooting)",
        r"(?:follow|following|followed) ?-?up",
        r"(?:my|the|our|your|this) (?:last|previous|earlier|other|original|first|prior) (?:tweet|message|email|call|complaint|dm|reply|request|ticket|case|order|visit|conversation|chat|response|post)",
        r"(?:keep|kept|keeps|constantly|continually|repeatedly) (?:on )?(?:calling|asking|emailing|trying|telling|being told|contacting|writing|messaging|tweeting|chasing|waiting)",
        r"(?:call|calling|called|contact|contacting|tweet|tweeting|email|emailing|message|messaging|ask|asking|try|trying|tried|chase|chasing) (?:you |them |u |y'?all |this |it )?(?:every|each) (?:day|time|week|morning|single day)",
        r"(?:resend|re-send|resent|re-sent|re-submit|resubmit|resubmitted|re-tweet|re-ask|asking again)",
        r"(?:the same|same) (?:issue|problem|thing|answer|response|reply|error|message)",
        r"(?:still|yet) to (?:receive|hear|get|be)",
        r"(?:been|have been|has been|i'?ve been) (?:dealing|back and forth|trying|passed|transferred|bounced|on (?:hold|the phone|chat))",
        r"run ?-?around|passed around|back and forth|round in circles|going in circles|(?:transferred|passed|bounced) (?:around|between|from)",
        r"(?:weeks|days|months|hours) (?:now|later|ago|of)",
        r"(?:once more|yet another|one more time)",
        r"(?:same|again) (?:\w+ ){0,2}as before|as before",
        r"(?:trying|tried|try) (?:\w+ )?to (?:get (?:help|hold|through|in touch|an answer|someone)|reach|contact|inform|tell|talk to|speak to|call)",
        r"(?:can'?t|cannot|couldn'?t|could not|unable to) (?:\w+ )?(?:get in touch|reach (?:you|anyone|someone|a person|customer service|support)|get hold|get through)",
        r"(?:customer service|cust(?:omer)? serv|cs|support|phone|local|store) ?(?:staff|rep|reps|agent|agents|representative|representatives|person|people|team|guy|lady|girl|manager)? (?:\w+ )?(?:said|told|says|tells|wanted|refused|promised|tried)",
        r"(?:call|called|calling|rang|phoned) (?:\w+ )?(?:cust|customer service|customer care|support|helpline|the store|the shop|your store|the branch)",
        r"(?:said|say|says|promised) (?:they|you|u|he|she)(?:'ll| will| would|'d) (?:call|get back|email|text|contact|reply|respond|fix|send|refund)",
        r"previously|(?:the )?last time (?:i|we)|earlier (?:today|this week|this month|this year)|(?:help|helped|tried) (?:\w+ )?already",
    ],
    negation=None,
)

#: A short message that only answers the agent's request with "done already" ("I did.", "Yes, I have"): matched
#: against the whole (stripped) message when it has at most ``SHORT_ANSWER_MAX`` characters.
SHORT_ANSWER = Phrases.of(
    [
        r"^(?:yes|yeah|yep|yup|ya|yea)?[\s,.!]*(?:i|we) (?:already )?(?:did|have|had|tried|do)(?:\s*(?:that|it|this|so|both|all|already|twice|too|yes))?[\s.!,]*$",
        r"^(?:yes|yeah|yep|yup|yea|already)[\s,.!]*(?:i|we) (?:did|have|tried|sent|done)",
    ],
    negation=None,
)
SHORT_ANSWER_MAX = 40

#: "again" that threatens instead of repeating ("I will never fly with you again"): a repeat span these overlap
#: does not count.
NOT_A_REPEAT = Phrases.of(
    [
        r"(?:never|won'?t|will not|not going to|wont|never ever|don'?t ever) (?:\w+ ){0,5}again",
        r"(?:thanks?|thank you|thx|ty|cheers|appreciate (?:it|that|you)) (?:\w+ ){0,2}again",
        r"(?:never|won'?t|will not|not going to) (?:be )?(?:fly|flying|use|using|buy|buying|order|ordering|shop|shopping|book|booking|stay|staying)",
    ],
    negation=None,
    quotes=False,
)
