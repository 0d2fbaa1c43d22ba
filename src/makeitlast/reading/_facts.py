"""Facts the customer gave: numbers, amounts, dates, products, contacts, and the thing that went wrong.

Kinds (``model.FactKind``):

* ``order_number``: anything that identifies what the customer bought or holds: order, booking, reservation,
  confirmation, tracking, account, invoice, flight number ("DL4047"), Amazon-style ``123-1234567-1234567``,
  ``#12345``, and a bare number of 8+ digits that is not a phone number.
* ``case_number``: an identifier of a support contact: case, ticket, reference, claim, complaint, incident.
* ``amount``: money (``$171``, ``£6.14``, ``14p``, ``20 dollars``).
* ``date``: a calendar date, a weekday, a month, or a relative day ("yesterday", "last night", "3 days ago").
* ``product``: a named product or service (iPhone 7 Plus, iOS 11, Xbox One, Echo Dot, Prime Video...) or the
  customer's own device ("my router").
* ``email``, ``phone``.
* ``problem``: the words reporting what went wrong (the ``_problems`` groups).

Every pattern runs on the masked view (handles and links blanked), so ``@115712`` and ``t.co/U6ptkQa5Ik`` are
never facts. For labelled identifiers ("order #123-456", "booking ref MP79V2") the fact's span is the identifier
itself, not the label.
"""

from __future__ import annotations

import re

from makeitlast.engine.detectors import Phrases
from makeitlast.model import FactKind

#: An identifier: five or more letters, digits and dashes, holding at least one digit.
_ID = r"#?(?=[a-z0-9-]*\d)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
#: The identifier at the end of a labelled match (where the fact's span starts).
ID_TAIL = re.compile(r"#?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
#: Identifiers shorter than this are not taken ("order 5" is a quantity).
MIN_ID_LENGTH = 5

_LABEL_TAIL = r"(?: (?:number|no\.?|num|nr|#|id|code|ref(?:erence)?|details))?(?: is| was| =)?[\s:#.-]+"

ORDER_NUMBER = Phrases.of(
    [
        rf"(?:order|booking|reservation|confirmation|conf|tracking|track|account|acct|a/c|invoice|purchase|transaction|pnr|itinerary|membership|member|loyalty|rewards|skymiles|aadvantage|frequent flyer|ff|shipment|package|parcel|waybill|awb|e-?ticket|record locator|locator|booking ref(?:erence)?){_LABEL_TAIL}{_ID}",
        r"flight (?:number |no\.? |#\s*)?(?:[a-z]{2}\s?|[a-z]\d|\d[a-z])?\d{2,4}",
    ],
    negation=None,
    quotes=False,
)

#: Identifiers recognisable without a label; they yield to a labelled case number over the same digits. The
#: letter-and-digit codes (flights "DL4047", "B6123") count only when written in capitals (checked on the original
#: text, see ``ORDER``).
BARE_ORDER_NUMBER = Phrases.of(
    [
        r"[a-z][a-z\d]\d{2,4}",
        r"\d{3}-\d{7}-\d{7}",
        r"1z[0-9a-z]{16}",
        r"#\d{5,}",
        r"\d{8,9}|\d{12,}",
    ],
    negation=None,
    quotes=False,
)
CASE_NUMBER = Phrases.of(
    [
        rf"(?:case|ticket|reference|ref|claim|complaint|incident|sr|service request|report|request|query|enquiry|inquiry|support id|interaction){_LABEL_TAIL}{_ID}",
    ],
    negation=None,
    quotes=False,
)

EMAIL = Phrases.of([r"[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}"], negation=None, quotes=False)

#: Phone numbers: digit groups with separators or a plus; checked for 9-15 digits (``PHONE_DIGITS``).
PHONE = Phrases.of(
    [
        r"\+?\(?\d{1,4}\)?(?:[\s.-]?\(?\d{2,5}\)?){2,4}",
        r"\d{10,11}",
    ],
    negation=None,
    quotes=False,
)
PHONE_DIGITS = (9, 15)

AMOUNT = Phrases.of(
    [
        r"(?:[$£€¥₹]|us\$|rs\.)\s?\d[\d,]*(?:\.\d{1,2})?(?:\s?(?:k|m|million|bn|billion|grand))?",
        r"(?:usd|gbp|eur|rs|inr|cad|aud) \d[\d,]*(?:\.\d{1,2})?(?: (?:k|m|million|bn|billion|grand))?",
        r"\d[\d,]*(?:\.\d{1,2})?\s?(?:[$£€]|dollars?|bucks|pounds?|quid|euros?|usd|gbp|eur|cents?|pence|rupees|p(?=\s|$|[.,!?]))",
    ],
    negation=None,
    quotes=False,
)

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"

DATE = Phrases.of(
    [
        rf"(?:{_WEEKDAY},? )?{_DAY} (?:of )?{_MONTH}(?:,? \d{{4}}|,? '\d{{2}})?",
        rf"(?:{_WEEKDAY},? )?{_MONTH} {_DAY}(?:,? \d{{4}})?",
        rf"{_DAY}{_MONTH}(?:\d{{2,4}})?",
        r"(?:january|february|april|june|july|august|september|october|november|december)(?: \d{4})?",
        r"(?:[12]\d|3[01]|0?[1-9])[/.](?:1[0-2]|0?[1-9])[/.](?:\d{4}|\d{2})",
        r"(?:1[0-2]|0?[1-9])[/.](?:[12]\d|3[01]|0?[1-9])[/.](?:\d{4}|\d{2})",
        r"\d{4}-\d{2}-\d{2}",
        r"(?:1[0-2]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])(?![/\d])",
        r"(?:(?:last|this|next|on|since|until|till|by|from) )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?: (?:morning|afternoon|evening|night))?",
        r"(?:yesterday|today|tonight|tomorrow|this (?:morning|afternoon|evening|week|month|weekend)|last (?:night|week|month|year|weekend|time)|the other day|earlier today|(?:\d+|a|an|one|two|three|four|five|six|seven|few|a few|couple of|a couple of) (?:days?|weeks?|months?|years?|hours?) ago)",
    ],
    negation=None,
    quotes=False,
)
#: A bare ``n/m`` below this is a tweet count ("1/2", "2/3"), not a date.
THREAD_COUNTER_MAX = 9

_DEVICE_NOUNS = (
    r"(?:phone|iphone|ipad|laptop|tablet|router|modem|tv|television|console|headphones|earbuds|printer|watch|camera"
    r"|charger|controller|remote|cable box|dvr|receiver|hub|kindle|echo|alexa|firestick|fire stick|xbox|ps4|ps3|ps5"
    r"|playstation|switch|mac|macbook|imac|computer|pc|desktop|speaker|soundbar|smart tv|set top box|set-top box|handset"
    r"|sim|sim card|keyboard|mouse|monitor|airpods|app|subscription|plan|smartwatch|fitbit|dishwasher|fridge|washer"
    r"|dryer|oven|microwave|vacuum|game|copy)"
)

PRODUCT = Phrases.of(
    [
        r"iphone(?: (?:x|se|\d{1,2}s?))?(?: (?:plus|\+|pro|max|mini))?(?: \d+ gb| \d+gb)?",
        r"ipad(?: (?:pro|air|mini))?(?: \d)?",
        r"macbook(?: (?:pro|air))?|imac|mac ?os(?: \w+)?|macos(?: (?:high )?sierra)?|os ?x",
        r"apple (?:watch|tv|music|pay|id|care|store)|airpods|itunes|icloud|app store|ios \d+(?:\.\d+)*|watch ?os(?: \d+)?",
        r"(?:samsung )?galaxy(?: (?:s|note|tab|a|j) \d+)?(?: (?:plus|\+|edge))?|(?:galaxy )?note \d+|pixel(?: \d)?(?: xl)?",
        r"xbox(?: (?:one|360|live))?(?: (?:x|s))?|ps[345]|playstation(?: (?:\d|plus|vr|network|store))?|psn|nintendo(?: switch)?",
        r"kindle(?: (?:fire|paperwhite|oasis|voyage|unlimited))?|echo(?: (?:dot|show|plus|spot|look))?|alexa|fire (?:tv|stick|tablet|hd)(?: stick)?|firestick|prime(?: (?:video|now|music|membership|pantry|day))?",
        r"chromecast|roku|apple tv|android(?: \d+)?|windows (?:\d+|xp|vista|phone|update)|office 365|office365|gmail|surface (?:pro|laptop|book|go)",
        r"(?:adobe )?(?:photoshop|lightroom|illustrator|premiere|acrobat|creative cloud|indesign|after effects)(?: (?:cc|classic|\d+))?|lr \d",
        r"spotify(?: premium)?|hulu(?: live)?|netflix|youtube(?: tv)?|sling|directv(?: now)?|fios|xfinity|uverse|u-verse|tivo",
        r"(?:samsung|lg|sony|vizio|tcl|hisense|panasonic|philips|bose|sonos|fitbit|garmin|dell|hp|lenovo|asus|acer|huawei|oneplus|motorola|moto|nokia|lg) \w*\d\w*",
    ],
    negation=None,
    quotes=False,
)

#: The customer's own device named generically ("my router"): taken where no named product overlaps.
OWN_DEVICE = Phrases.of(
    [rf"(?:my|our|the|his|her|new|brand new) (?:new |brand new |old )?{_DEVICE_NOUNS}"],
    negation=None,
    quotes=False,
)

#: Detectors by kind, in priority order (where two spans overlap, the earlier kind wins), and whether a match
#: that holds letters must be written in capitals (bare codes: "MP79V2" is a booking reference, "iphone7" is not).
ORDER: tuple[tuple[FactKind, Phrases, bool], ...] = (
    ("email", EMAIL, False),
    ("order_number", ORDER_NUMBER, False),
    ("case_number", CASE_NUMBER, False),
    ("order_number", BARE_ORDER_NUMBER, True),
    ("amount", AMOUNT, False),
    ("date", DATE, False),
    ("phone", PHONE, False),
    ("product", PRODUCT, False),
    ("product", OWN_DEVICE, False),
)
