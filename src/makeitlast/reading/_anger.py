"""How angry the customer is, 0 calm to 3 raging (``docs/annotation.md``).

The level is one small sum, documented here and nowhere else:

* ``WORDS``: a :class:`~makeitlast.engine.detectors.Lexicon` of weighted phrase groups (each group counts once);
* surface cues: shouting (``SHOUT_*``: at least ``SHOUT_MIN_WORDS`` fully capitalised words and most letters of
  the message in capitals; or a couple of capitalised words for emphasis),
  ``!!`` / ``???`` runs (``PUNCT_*``);
* ``BASE_COMPLAINT`` when the customer reports a bad experience at all ("a complaint stated plainly" is 1).

``level = 3`` if abusive, else the sum cut at ``LEVELS`` (1 from 0.75, 2 from 2, 3 from 4): one strong word
("worst", "unacceptable") on top of a complaint is angry; raging needs several strong signals together
(profanity and caps and outrage) or abuse.
"""

from __future__ import annotations

import re

from makeitlast.engine.detectors import Lexicon, Phrases

_MILD = [
    r"annoy(?:ed|ing|s|ance)",
    r"frustrat(?:ed|ing|ion|es)",
    r"disappoint(?:ed|ing|ment|s)",
    r"upset",
    r"unhappy|not happy|not impressed|not amused|not cool|not okay|not ok|not good|not great|not fair|unfair",
    r"smh|smdh|ugh|ughh|ughhh|ughhhh|sigh|meh|grr|grrr|grrrr|argh|arghh|aargh|aarrgh|ffs|jeez|geez|come on|c'?mon",
    r"bummer|sucks|sucky|lame|#fail",
    r"seriously|really\?+|hello\?+|again\?+",
    r"sad|sadly|saddening|unfortunately|shame|annoyingly|irritat(?:ed|ing)|bothered|tired of|confused|worried",
    r"poor|bad|worse|crap|crappy|rubbish|sloppy|lazy|slow",
    r"[🙄😒😑😤😠😞😔🤦👎😩😫😣😖😢😭☹🙁😕🤨😐😬]",
]

_STRONG = [
    r"worst|ridiculous|unacceptable|terrible|horrible|horrendous|awful|pathetic|disgust(?:ed|ing)|disgrace(?:ful)?",
    r"appall(?:ed|ing)|shocking|shocked|outrage(?:d|ous)?|absurd|joke|laughable|useless|incompetent|inept(?:ness)?",
    r"garbage|trash|hate|hated|furious|livid|angry|mad|pissed|fuming|enraged|infuriat(?:ed|ing)|sick and tired",
    r"fed up|sick of|had enough|enough is enough|done with|i'?m done|i am done|never again",
    r"(?:never|won'?t|will not|not going to) (?:\w+ ){0,3}(?:fly|use|buy|order|shop|book|stay|recommend)(?: \w+){0,3} (?:again|anymore|ever)",
    r"(?:other|another) (?:companies|company|providers?|carriers?|airlines?|banks?|networks?)|elsewhere|switch(?:ing)? (?:to|over|providers|carriers)|leav(?:e|ing) (?:you|u|for)|(?:cancel|cancell?ing|close|closing) (?:my|our|the) (?:account|service|subscription|contract|membership|card|plan|prime)",
    r"take (?:my|our) (?:business|money) (?:elsewhere|somewhere)|lost (?:a|another) customer|won'?t (?:be )?(?:renew|using|buying|ordering|flying|shopping|coming back|recommend)",
    r"wtf|wth|what the (?:hell|heck|fuck|f|actual)|tf|omfg|are you (?:kidding|serious|joking)|you'?ve got to be kidding|kidding me",
    r"lies|liars?|lying|lied|scam(?:mers?|med)?|rip ?-?off|thieves|theft|stealing|stole|robbed|criminal",
    r"a disaster|nightmare|shambles|fiasco|insane|unbelievable|unreal|how dare|shame on (?:you|u)",
    r"[😡🤬😠💢]",
]

_PROFANITY = [
    r"fuck(?:s|ed|er|ers|ing|in|ery|up|wit|face)?|fck(?:ing|in|ed)?|fuk(?:ing|in|ed)?|fkn|fking|effing|motherfuck(?:er|ers|ing)?",
    r"f\*+(?:k|ck|king|cking|in)?|s\*+t|sh\*t(?:ty)?",
    r"shit(?:s|ty|tiest|ted|show|head)?|bullshit|bs|#bs|damn(?:ed|it)?|goddamn(?:it)?|dammit",
    r"crap|ass|asshole(?:s)?|arse(?:hole|holes)?|bastard(?:s)?|bloody hell|piss(?:ed|ing)?|wank(?:er|ers)?|bollocks",
    r"screw (?:you|this|u|y'?all)",
]

#: The words. Profanity weighs a little more than one strong word: swearing is anger, but not yet abuse.
WORDS = Lexicon(
    (
        (1.0, Phrases.of(_MILD, negation=2)),
        (2.0, Phrases.of(_STRONG, negation=1)),
        (1.5, Phrases.of(_PROFANITY, negation=None)),
    )
)

#: The customer reports a bad experience: at least annoyed.
BASE_COMPLAINT = 0.75
#: Shouting: at least ``SHOUT_MIN_WORDS`` fully capitalised words (four letters or more) with this share of the
#: message's letters in capitals adds ``SHOUT_ALL``; a few capitalised words for emphasis ("5 DAYS") add
#: ``SHOUT_SOME``.
SHOUT_SHARE = 0.6
SHOUT_MIN_WORDS = 3
SHOUT_ALL = 1.25
SHOUT_SOME_WORDS = 2
SHOUT_SOME = 0.5
#: Punctuation runs: "!!" or "??" (or "?!") add ``PUNCT_RUN``; three or more marks in a row add ``PUNCT_LONG``.
PUNCT_RUN = 0.5
PUNCT_LONG = 1.0
#: Thresholds: a sum at or above ``LEVELS[i]`` is level ``i + 1``.
LEVELS = (0.75, 2.0, 4.0)
#: Fully capitalised words that are names, not shouting.
NOT_SHOUTING = frozenset(
    {
        "USA",
        "UK",
        "US",
        "LTE",
        "ATM",
        "DVR",
        "TV",
        "HD",
        "PS4",
        "PSN",
        "IOS",
        "APP",
        "LOL",
        "OMG",
        "FYI",
        "ASAP",
        "DM",
        "DMS",
        "CEO",
        "UPS",
        "USPS",
        "FEDEX",
        "DHL",
        "AMZL",
        "NBA",
        "NFL",
        "NHL",
        "MLB",
        "BBC",
        "CNN",
        "ESPN",
        "PIN",
        "SMS",
        "SIM",
        "GPS",
        "PC",
        "MAC",
        "OS",
        "WIFI",
        "ISP",
        "LHR",
        "JFK",
        "LAX",
        "ATL",
        "DFW",
        "ORD",
        "SFO",
        "BA",
        "AA",
        "AT&T",
        "ATT",
        "EE",
        "HBO",
        "NYC",
        "LA",
        "SW",
        "RR",
        "AKA",
        "PST",
        "EST",
        "GMT",
        "UTC",
        "USB",
        "HDMI",
        "ETA",
        "FAQ",
        "ID",
        "IT",
        "AM",
        "PM",
        "ESTA",
        "UPC",
        "VIP",
        "XL",
        "XXL",
    }
)

#: Runs of two or more ! or ? ("!!", "?!?", "????").
PUNCT = re.compile(r"[!?]{2,}")
#: Anger words alone (no problem named) that still report a bad experience: one strong word ("worst") or
#: two mild ones.
BAD_WORDS = 2.0
#: Fully capitalised words of four letters or more (shorter ones are mostly codes: LAX, PHL, ATM), and the letters
#: counted for the shouting share.
CAPS = re.compile(r"(?<![\w@#])[A-Z]{4,}(?![\w])")
LETTER = re.compile(r"[A-Za-z]")
CAPITAL = re.compile(r"[A-Z]")
