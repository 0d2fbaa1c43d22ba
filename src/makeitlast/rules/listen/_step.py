"""How the listen step is judged for a reply (status, applicability, evidence).

* **present**: the reply reflects the customer's own specific problem or facts: it echoes their content words
  (``Overlap``, with a generic-word ignore list and a small concept map so "delay" echoes "late"), repeats one of
  their facts (the order number, the amount), or paraphrases ("so your card was charged twice", "it sounds like").
* **weak**: only a generic acknowledgement: "I understand", "sorry to hear that", "this issue", "your concern".
* **missing**: nothing refers to the customer's message (a bare "DM us", a template). A generic opener ("Thanks for
  reaching out!") is not acknowledgement.

The step applies when there is customer text. Without it the status still says what the reply contains, from the
paraphrase and generic patterns alone, with ``applicable`` False.
"""

from __future__ import annotations

import re
from functools import lru_cache

from makeitlast.engine import _text
from makeitlast.engine.config import Settings
from makeitlast.engine.context import ReplyContext
from makeitlast.engine.detectors import Overlap, Phrases, TextView
from makeitlast.model import Span, Status, StepResult

#: Function words and the vocabulary of every support exchange: echoing these is not listening.
_GENERIC_TEXT = """
    a about above after again against all almost also although always am an and any anyone anything are aren't
    around as at be because been before being below between both but by can can't cannot could couldn't did
    didn't do does doesn't doing don't down during each either else even ever every few for from further get gets
    getting got had hadn't has hasn't have haven't having he her here hers herself him himself his how however i
    i'd i'll i'm i've if in into is isn't it it's its itself just let let's like ll made make makes many may me
    might more most much must mustn't my myself need needs no nor not now of off often on once only or other our
    ours ourselves out over own per please pls plz put quite rather re really same say says said see seem seems
    shall she should shouldn't since so some something still such sure than that that's the their theirs them
    themselves then there there's these they they'd they'll they're they've thing things this those though through
    thru to too under until up upon us use used using very via want wants was wasn't way we we'd we'll we're we've
    well were weren't what what's when where whether which while who whom whose why will with within without won't
    would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves ok okay hey hi hello dear
    thanks thank thx ty sorry apologies apologize apologise regret appreciate please help helping helped assist
    assistance support team service customer customers issue issues problem problems concern concerns matter
    question questions trouble experience situation info information detail details look looking check checking
    dm dms message messages messaging private direct send sending sent reach reaching contact contacting tweet
    tweets twitter today tomorrow yesterday time times day days week weeks soon asap now right new good great bad
    best better worst know knowing let hear hearing glad happy understand understanding frustrating frustration
    inconvenience link click follow following here's there's able unable going gonna wanna got gotta one two
    someone somebody anyone everyone anything everything nothing guys guy folks lol omg wtf smh amp via https http
    co com www best regards kind thanks again also already another back come came still definitely absolutely
    certainly able would like love loved lot lots bit little kind kindly sincerely truly deeply cheers try tries
    tried trying work morning afternoon evening night sadly sincerest sincere welcome worry hope hoping
    give gives giving gave given keep keeps keeping kept call called calling calls mean means meant world next found
    run running contain contains
    el la los las lo le les de del al con por para que una uno un en y o es su sus tu te nos mi me se como pero muy
    der die das den dem und ist nicht ich mit für bitte ein eine zu von
    des une avec pour je est pas et il elle ce qui dans sur
"""
GENERIC_WORDS: frozenset[str] = frozenset(_GENERIC_TEXT.split())

#: Topics: words of one topic echo each other ("router" echoes "wifi", "seller" echoes "my package"), so a reply that
#: talks about the customer's subject in its own words still counts. Extend a topic when a real reply is missed.
TOPICS: dict[str, str] = {
    "connection": "internet wifi wi-fi router modem ethernet connection connectivity connected signal network outage "
    "speed speeds mbps download upload bandwidth lte wired wireless reception broadband",
    "order": "order orders ordered purchase purchased bought item items product products deliver delivery delivered "
    "arrive arrived arrival shipping shipped ship package packages parcel parcels courier tracking seller dispatch "
    "dispatched carrier",
    "flight": "flight flights fly flying plane aboard board onboard travel traveling travelling seat seats gate crew "
    "pilot airport depart departure landing runway",
    "luggage": "bag bags luggage baggage suitcase",
    "money": "charge charged charges bill billed billing fee fees payment paid pay price cost refund refunded money "
    "credit voucher vouchers compensation compensated discount promo coupon deal",
    "software": "app apps application update updated upgrade upgraded ios version install installed crash crashing "
    "crashes freeze freezing frozen glitch bug feature option setting settings",
    "food": "burrito burritos bowl boorito food meal menu ingredient ingredients dressing salad chips guac taste",
    "late": "late delay delayed delays wait waiting waited slow overdue",
    "broken": "broken broke damaged damage cracked smashed defective faulty",
    "cancel": "cancel cancelled canceled cancellation disrupted disruption",
    "login": "login log password signin locked sign",
    "device": "phone iphone battery screen controller headset console tv remote",
    "store": "store shop branch staff colleague manager employee",
    "rude": "rude unprofessional disrespectful attitude",
    "music": "song songs track tracks album albums playlist playlists music artist artists listen listening play",
    "game": "game games gaming achievement achievements patch dlc multiplayer gamertag level levels",
    "show": "episode episodes ep eps season seasons show shows series movie movies film films watch watching "
    "stream streaming channel channels recording record broadcast",
    "seating": "seat seats seating row rows upgrade upgraded upgrades aisle window",
    "queue": "line lines queue queues crowd busy wait",
    "account": "account accounts verify verified verification validate validated authenticate authenticating "
    "password code codes",
}
CONCEPTS: dict[str, str] = {word: topic for topic, words in TOPICS.items() for word in words.split()}

LISTEN_OVERLAP = Overlap(ignore=GENERIC_WORDS, concepts=CONCEPTS)

#: Repeating back, summarizing: these reflect what the customer said whatever the words.
PARAPHRASE = Phrases.of(
    [
        r"(it|that) sounds like (you|your|the|it|this)",
        r"if i('m| am)? (understand|understanding|read|reading|got|get) (you|this|that|it) (right|correctly)",
        r"if i understand (you )?(correctly|right)",
        r"(just )?to (confirm|clarify|recap|summari[sz]e|make sure i understand), (you|your|the)",
        r"you('re| are) (saying|telling us) (that )?",
        r"you (mentioned|said|told us|wrote|noted|describe|described) (that )?",
        r"you('ve| have) (mentioned|said|told us|noted|described)",
        r"(i|we) see (that )?you('ve| have| are|'re| were)",
        r"(i|we) (see|know|get|understand) (exactly |just )?what you (mean|are saying|'re saying)",
        r"so (basically |just to confirm,? )?(your|you're|you are|you've|you have|you can't|you cannot|you haven't|"
        r"you didn't|you were) (?!(can|could|will|would|should|may|might)\b)\w+",
    ],
    negation=None,
)

#: Acknowledging that there is a problem without saying which: partial credit only.
GENERIC_ACK = Phrases.of(
    [
        r"(i|we) (completely |totally |fully |definitely |certainly |absolutely |can |do |really |truly )?"
        r"(understand|hear you|get it|can imagine|see where you're coming from)",
        r"(sorry|sad|saddening|unfortunate|disappointing|concerning|frustrating|upsetting|not good|not great|"
        r"not ideal|no good|terrible|awful|troubling|alarming) to (hear|read|see|learn)",
        r"(that|this|it)('s| is| sounds| must be| looks)( so| very| really| definitely| certainly)? "
        r"(frustrating|annoying|inconvenient|not ideal|not good|not great|concerning|disappointing|upsetting|odd|"
        r"strange|unusual|not right|no fun|not okay|not ok|unacceptable|worrying|troubling)",
        r"(that|this) (doesn't|does not|isn't|is not) (sound|look) (right|good|great|ideal)",
        r"not (the experience|what) we (want|like|expect|aim)",
        r"(this|that|the|these|those|your|any) (issues?|problems?|concerns?|matter|situation|experience|trouble|"
        r"inconvenience|frustration|difficult(y|ies)|feedback|comments?|query|enquiry|inquiry|request|case)",
        r"look into (this|that|it|things|the matter)",
        r"(understandable|we hear you|i hear you|noted|got it)",
        r"(thanks|thank you) for (letting us know|bringing (this|that|it) to|flagging|the heads up|reporting|"
        r"sharing|pointing (this|that|it) out)",
        r"what you('ve| have)? (described|mentioned|shared|said|reported)",
        # pointing back at what they said without naming it: "sorry about that", "help with this"
        r"(about|for|with|on|regarding|re|in regards? to|concerning) (this|that)(?! (is|was|will|can|should|would|"
        r"may|might|you|we|our|your|the|a|an)\b)",
        r"(feel|felt|feeling) (this|that) way",
        r"(i|we) (love|like|adore|hear|see|get) (it|this|that)",
        r"(great|good|glad|happy|awesome|wonderful|nice|lovely|sad|saddening) to (hear|see|read)",
        r"(that's|that is|this is|sounds|how) (so |really |very )?(great|awesome|amazing|wonderful|fantastic|"
        r"exciting|cool|fun|lovely|brilliant|annoying|odd|strange|weird)",
    ],
    negation=None,
)


#: Asking for an identifier ("DM us your order number", "which iOS version") is a template, not an echo of the
#: customer's problem: echoed words inside these do not count.
IDENTIFIER_REQUESTS = Phrases.of(
    [
        r"(order|tracking|confirmation|conf|account|acct|ticket|reference|ref|case|phone|contact|telephone|item|"
        r"serial|model|member|rewards|booking) (number|no|#|id|details|info|information)s?",
        r"record locator|e-?mail address|zip code|post ?code|full name|(your|the) account",
        r"(which|what)('s| is)? (the )?(exact )?(\w+ )?(device|model|version|ios|os|app|browser|country|location)|"
        r"ios version|version of (the )?ios|device model",
    ],
    negation=None,
    quotes=False,
)

#: Contact and routing boilerplate ("Send us a DM with your email address so we can connect"): a reply made only of
#: these (and the generic words above) does not refer to the customer's message at all.
_TEMPLATE_TEXT = """
    dm dms direct private message follow link email address connect connection share record locator account acct
    details additional discuss meet conversation continue browser secure secured start started here happy glad
    further assist assistance help team note forward number zip code name full phone contact chance respond
    responded response reach touch shortly member form page website site web online chat call
    feedback review options option feel free anytime take speaking pass passed passing relevant folks rest assured
    hesitate questions
    hola gracias por para con que los las una del nos te tu su cualquier favor lamentamos bonjour merci pour avec
    vous nous hallo danke bitte für mit uns

"""
TEMPLATE_WORDS: frozenset[str] = frozenset(_TEMPLATE_TEXT.split())
_TEMPLATE_STEMS: frozenset[str] = frozenset(_text.stem(w) for w in TEMPLATE_WORDS | GENERIC_WORDS)
_GENERIC_STEMS: frozenset[str] = frozenset(_text.stem(w) for w in GENERIC_WORDS)

#: The customer's name in a greeting or thanks ("Hi Jayden,", "Thanks Katie", "We hear you, Liam."): addressing
#: someone by name is courtesy, not a word about their problem.
_GREETING_NAME = re.compile(
    r"(?:\b(?:[Hh]i|[Hh]ello|[Hh]ey|[Hh]iya|[Dd]ear|[Tt]hanks|[Tt]hank you|[Mm]orning|[Aa]fternoon|[Ee]vening|[Nn]ight)"
    r",?\s+|,\s)([A-Z][a-z]{1,15})(?=\s*[,.!?]|\s*$)"
)


def own_words(view: TextView, brand: frozenset[str] | set[str] = frozenset()) -> list[Span]:
    """The reply's own words: not generic, not contact boilerplate, not a request for an identifier, not a sign-off,
    a handle, a link, a number or the brand's own name (``brand``: stems, see :func:`brand_words`)."""
    signed = (
        [m.span() for m in _text.SIGNATURE.finditer(view.text)]
        if any(c in view.text for c in "^*~/-–")
        else []
    )
    signed += [(s.start, s.end) for s in IDENTIFIER_REQUESTS.find(view)]
    signed += [m.span(1) for m in _GREETING_NAME.finditer(view.text)]
    out: list[Span] = []
    for stem, a, b in view.stems:
        if (
            len(stem) < 3
            or stem in _TEMPLATE_STEMS
            or stem in brand
            or stem.isdigit()
            or any(x <= a < y for x, y in signed)
        ):
            continue
        out.append(view.span(a, b))
    return out


def _fact_echoes(ctx: ReplyContext) -> list[Span]:
    """Facts the customer gave (order numbers, amounts, products ...) repeated in the reply."""
    facts = ctx.known_facts
    if not facts:
        return []
    low = ctx.reply.text.lower()
    out: list[Span] = []
    for fact in facts:
        needle = fact.span.text.strip().lower()
        if len(needle) < 3 or fact.kind == "problem":
            continue
        at = low.find(needle)
        if at >= 0 and not ctx.reply.quoted(at):
            out.append(ctx.reply.span(at, at + len(needle)))
    return out


def echoes(ctx: ReplyContext) -> list[Span]:
    """Reply words that echo the customer's own content words (not generic support vocabulary)."""
    if ctx.customer is None:
        return []
    keys = LISTEN_OVERLAP.keys(ctx.customer)
    for view in ctx.earlier:
        keys |= LISTEN_OVERLAP.keys(view)
    if "@" in ctx.customer.text:
        keys -= brand_words(ctx.customer.text)
    found = LISTEN_OVERLAP.find(ctx.reply, keys)
    if found:
        asks = IDENTIFIER_REQUESTS.find(ctx.reply)
        if asks:
            found = [s for s in found if not any(a.start <= s.start < a.end for a in asks)]
    return found


_HANDLE = re.compile(r"(?<![\w.])@([A-Za-z]\w*)")
_HANDLE_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def _brand_of(ctx: ReplyContext) -> set[str]:
    text = ctx.customer.text if ctx.customer is not None else ""
    return brand_words(text) if "@" in text else set()


def brand_words(text: str) -> set[str]:
    """Stems of the words in the handles the customer tagged ("@XboxSupport" gives xbox and support): the brand's
    own name, which a reply repeats whatever the customer said."""
    out: set[str] = set()
    for m in _HANDLE.finditer(text):
        for part in _HANDLE_PART.findall(m.group(1)):
            if len(part) >= 3:
                out.add(_text.stem(part.lower()))
    return out


@lru_cache(maxsize=64)
def _extended(phrases: Phrases, extra: tuple[str, ...]) -> Phrases:
    return phrases.extended(extra)


def team_paraphrases(settings: Settings) -> Phrases:
    """The paraphrase list with a team's own phrases (``[tool.makeitlast.phrases] L001 = [...]``)."""
    return _extended(PARAPHRASE, tuple(settings.phrases.get("L001", ())))


def paraphrases(view: TextView, phrases: Phrases = PARAPHRASE) -> list[Span]:
    return phrases.find(view)


#: The customer reports having done what was asked ("I DM'ed you!", "Just did", "Done."), and the reply says it
#: got it ("We have received your DM", "I have responded to your DM"): that answers what they said.
DID_IT = Phrases.of(
    [
        r"(i |just |already )?(dm'?ed|dmed|dm'd|messaged|sent (it|you|a dm|the dm|a message|them|an email)|emailed)",
        r"(just |already )?(did|done)( it| that| so)?",
    ],
    negation=None,
)
GOT_IT = Phrases.of(
    [
        r"(received|got|seen|read|responded to|replied to|answered|found) (your|the) (dm|dms|message|messages|pm|"
        r"email|e-mail|details|info)",
        r"(thanks|thank you|thx|ty) for (following up|sending (that|this|it|the|those|these)|the dm|your dm)",
    ],
    negation=None,
)


def _got_what_they_did(ctx: ReplyContext) -> list[Span]:
    """The reply acknowledges what the customer says they did (their DM, their email)."""
    if ctx.customer is None or len(ctx.customer.text) > 160:
        return []
    got = GOT_IT.find(ctx.reply)  # the rarer of the two: asked first
    return got if got and DID_IT.first(ctx.customer) is not None else []


def assess(ctx: ReplyContext) -> StepResult:
    # a customer who only says "ok thx" has told nothing to reflect back
    applicable = ctx.has_customer and not ctx.closing
    specific = paraphrases(ctx.reply, team_paraphrases(ctx.settings))
    if applicable:
        specific = specific + _fact_echoes(ctx) + echoes(ctx) + _got_what_they_did(ctx)
    if specific:
        specific.sort(key=lambda s: s.start)
        return StepResult(status=Status.PRESENT, applicable=applicable, evidence=tuple(specific))
    own = own_words(ctx.reply, _brand_of(ctx)) if applicable else []
    # own_words knows only English support vocabulary: in another language their count says nothing
    if len(own) >= OWN_WORDS_PRESENT and _text.looks_english(ctx.reply.text):
        # an answer about the case in its own words ("Is the light on top red?", "We turned online ordering off
        # for the promo, it's back tomorrow") shows it understood what is needed, even without echoing a word
        return StepResult(status=Status.PRESENT, applicable=applicable, evidence=tuple(own))
    generic = GENERIC_ACK.find(ctx.reply)
    if generic:
        return StepResult(status=Status.WEAK, applicable=applicable, evidence=tuple(generic))
    if own:
        # a reply that responds in a few words of its own ("Agreed!") reacts to the message, even when it does not
        # name the problem; only pure contact boilerplate is missing
        return StepResult(status=Status.WEAK, applicable=applicable, evidence=tuple(own))
    return StepResult(status=Status.MISSING, applicable=applicable)


#: A reply with this many content words of its own (not generic, not contact boilerplate, not a sign-off) answers
#: the specific case. Chosen on the hand-labelled sample (``eval/``): 3 gives more false "present", 5 more misses.
OWN_WORDS_PRESENT = 4


def reflected(result: StepResult) -> int:
    """How many distinct things of the customer's a present listen step reflects (a paraphrase counts as many)."""
    keys: set[str] = set()
    for span in result.evidence:
        if " " in span.text.strip():
            return 1_000  # a paraphrase or a multi-word fact: a summary in itself
        stem = _text.stem(span.text.lower().replace("’", "'"))
        keys.add(LISTEN_OVERLAP.concepts.get(span.text.lower(), stem))
    return len(keys)


#: A customer sentence with this many content words makes a point of its own.
POINT_WORDS = 2


def points(view: TextView) -> list[tuple[int, int]]:
    """The customer's sentences that say something of their own (``POINT_WORDS`` content words or more)."""
    sentences = view.sentences
    words: list[set[str]] = [set() for _ in sentences]
    i = 0
    for stem, a, _b in view.stems:
        while i + 1 < len(sentences) and a >= sentences[i + 1][0]:
            i += 1
        if len(stem) >= 3 and stem not in _GENERIC_STEMS and not stem.isdigit() and words:
            words[i].add(stem)
    return [sentences[k] for k, found in enumerate(words) if len(found) >= POINT_WORDS]


def content_words(view: TextView) -> int:
    """The customer's words that are not handles, links or generic support vocabulary."""
    return len(LISTEN_OVERLAP.keys(view))
