"""Abuse: insults or threats aimed at staff or the company's people (``docs/annotation.md``).

Swearing about a situation ("this fucking app") is anger, not abuse; calling the people names or threatening
them is. The patterns therefore need a target: ``you``/``your staff``/``they`` with an insult, or a direct
"f*** you", or a threat of harm or of turning up.
"""

from __future__ import annotations

from makeitlast.engine.detectors import Phrases

_INSULT = (
    r"(?:idiots?|idiotic|morons?|moronic|imbeciles?|clowns?|fools?|stupid|dumb|dumbass(?:es)?|retards?|retarded"
    r"|incompetent|useless|liars?|thieves|crooks?|scum|scumbags?|assholes?|arseholes?|a-holes?|pricks?|dicks?"
    r"|bastards?|losers?|pigs?|animals|jokers?|muppets?|twats?|cunts?|wankers?|tossers?|douche(?:bags?)?"
    r"|garbage|trash|pathetic|clueless|brain ?dead|brainless|worthless|criminals?|crooked|frauds?|dimwits?"
    r"|halfwits?|numpties|numpty|buffoons?|dopes?|dolts?|parasites?|vultures?|snakes?|rats?|sh[i!*]tbags?"
    r"|pieces? of (?:shit|sh\*t|crap|garbage|trash|work)|monkeys?|cowards?)"
)
_PEOPLE = (
    r"(?:you|u|ya|y'?all|you guys|you people|your (?:\w+ )?(?:staff|employees?|people|agents?|reps?|representatives?"
    r"|team|driver|drivers|workers?|managers?|support|cs|customer service|ceo|management|company)|they|these (?:people|guys)"
    r"|those (?:people|guys)|the (?:staff|employees?|agents?|reps?|driver|manager|cashier|people|workers?|crew|attendants?"
    r"|pilot|guy|lady|woman|man) (?:at|in|on|there|here)|(?:he|she))"
)

ABUSE = Phrases.of(
    [
        rf"{_PEOPLE}(?: are| r| is|'re| were| was| are all| are such| are just|'re all|'re such| are nothing but|'re nothing but| bunch of| lot of)? (?:a |an |such |such a |a bunch of |bunch of |a pack of |fucking |fkn |freaking |bloody |damn |total |complete |absolute |utter |ignorant |lazy |greedy )*{_INSULT}",
        r"(?:fuck|f\*+k|f\*+|fck|fuk|screw|sod|damn) (?:you|u|ya|y'?all|off|yourselves|yourself|your company|you all|em|them)",
        r"(?:go to hell|go die|drop dead|eat shit|stfu|shut (?:the fuck |tf )?up|kys|kill yourselves|kill yourself|burn in hell|rot in hell|go fuck)",
        r"(?:you|u|y'?all|ya) (?:all )?(?:suck|disgust me|make me sick|are the worst people|should be (?:fired|ashamed|shot|sacked))",
        r"(?:i'?ll|i will|i'?m going to|i'?m gonna|im gonna|i am going to|i shall|ima|imma) (?:come|go|drive|walk|head) (?:down )?(?:there|to your (?:store|office|shop|branch|hq|headquarters|building)|down to)",
        r"(?:find|hunt|track) (?:you|u|them|him|her|your \w+) down",
        r"(?:kill|hurt|beat|punch|smack|slap|shoot|stab|strangle|choke|murder|fight|hit|deck) (?:you|u|ya|him|her|them|someone|somebody|your \w+|the (?:driver|manager|staff|guy))",
        r"i know where (?:you|u|your \w+|he|she|they) (?:live|lives|work|works)",
        r"(?:you'?ll|you will|u will|ull) (?:regret|pay for) (?:this|it)",
        r"watch (?:your|ur) back",
        r"burn (?:it|the place|your \w+|the \w+) down",
        r"(?:idiots|morons|imbeciles|clowns|scumbags|assholes|arseholes|bastards|cunts|twats|wankers|pricks|dickheads|muppets|numpties|dimwits|halfwits|buffoons|tossers)",
        r"(?:f\*+|fucking|fkn|fuckin|effing) (?:idiots?|morons?|clowns?|incompetent|useless|liars?|thieves|scum|assholes?|bastards?|losers?|muppets?|twats?|cunts?|wankers?|pricks?|dicks?)",
    ],
    negation=2,
)
