"""What went wrong: the customer's report of a failure, grouped by the remedy it usually calls for.

Each group is data for :class:`~makeitlast.engine.detectors.Phrases`. A phrase that is negative in itself
("hasn't arrived", "won't load") turns negation handling off; a phrase that names the trouble positively
("broken", "a problem") keeps it on, so "nothing is broken" and "no problem" are not problems. Every match of
``GROUPS`` is a ``problem`` fact, evidence of a bad experience, and (through ``_wants.IMPLIED``) of the remedy its
group implies: ``failure``/``breakage``/``waiting`` want a repair, ``money`` a refund, ``treatment`` dignity;
``delay`` and ``trouble`` imply no particular remedy. ``NOT_A_PROBLEM`` cancels the problem spans it overlaps
("we solved the problem"); ``FEELINGS`` ("so disappointed", "never again") is a bad experience without a named
problem, and not a fact.

Labels (``docs/annotation.md``) decided a few borderline groupings: a recurring failure ("2nd time this
happened") is a problem but not a repeat contact, hours on hold want the thing done (``waiting``), not dignity.
"""

from __future__ import annotations

from makeitlast.engine.detectors import Phrases

#: Negated auxiliaries as tweets write them, with or without the apostrophe.
NOT = (
    r"(?:can'?t|cannot|can not|won'?t|wont|doesn'?t|does not|don'?t|do not|didn'?t|did not|isn'?t|is not|aren'?t"
    r"|are not|wasn'?t|was not|weren'?t|were not|haven'?t|have not|hasn'?t|has not|hadn'?t|had not|couldn'?t"
    r"|could not|wouldn'?t|would not|ain'?t|not|never|no longer|unable to|fails? to|failed to|refuses? to"
    r"|refused to)"
)

#: The same without "never", for verbs of use: "never works" is a failure, "I'll never use you again" a threat.
NOT_NOW = NOT.replace("|not|never|", "|not|")

_ARRIVE = (
    r"(?:arrived?|arriving|delivered|deliver|delivering|received|receive|receiving|come|came|shown up|show up|showed up"
    r"|shipped|ship"
    r"|shipping|dispatched|turned up|on time"
    r"|been (?:delivered|received|shipped|dispatched|sent|processed|refunded|credited)|here|got (?:it|them|my \w+))"
)

_WORK = (
    r"(?:work|works|working|worked|load|loads|loading|open|opens|opening|connect|connects|connecting|play|plays"
    r"|playing|sync|syncing|update|updating|download|downloading|install|installing|charge|charging|turn on"
    r"|turning on|start|starting|boot|booting|respond|responding|print|printing|send|sending|show|showing"
    r"|display|let me|let us|allow me|allow us|accept|accepting|recogni[sz]e|log ?in|sign ?in|logging in"
    r"|signing in|access|stream|streaming|save|saving|pair|pairing|detect|scan|ring|go through|going through"
    r"|stay on|stay connected|redeem|apply|applied|process|processing|check ?in|checking in|join|make (?:a )?"
    r"(?:call|calls|reservation|payment|purchase|booking)|get (?:in|into|through|on|online|access|a refund)"
    r"|place (?:an |my |the )?order|order|buy|pay|use|using|complete|submit|verify|validate|reset|change"
    r"|cancel|unlock|transfer|restore|hear|watch|read|reach|contact|get hold of|proceed|afford"
    r"|(?:get|getting) (?:it|them|this|my|the|a|an|any|through|in|into|on|online|access|hold|connected|signal|service|help|an answer|past)"
    r"|log ?into|log on|logon|sign into|login to|log in to|sign in to"
    r"|sign up|register|book|reserve|track|pick up|talk to|speak to|speak with|hear back|light up|lights up|turn off"
    r"|power on|start up|record|recording|upload|uploading|doing|do|fix|fixed|go|come up|appear|appearing|charger"
    r"|ring|dial|call|text|refresh|refreshing|launch|launching|run|running|respond|reply)"
)

#: Something does not work, did not arrive, is damaged, wrong or missing: the customer wants it fixed.
FAILURE = Phrases.of(
    [
        rf"{NOT} (?:yet |even |ever |still |properly |correctly |at all )?{_ARRIVE}",
        rf"{NOT_NOW} (?:even |seem to |properly |always |ever |still |be able to |able to |been able to )?{_WORK}",
        r"never (?:works?|worked|working|loads?|loaded|opens?|opened|connects?|connected|plays?|syncs?|updates?|responds?|responded|arrives?|arrived|came|comes|shows? up|showed up|turns? up|turned up|delivers?|delivered|picks? up|answers?|answered)",
        r"(?:isn'?t|is not|not|aren'?t|are not|never|wasn'?t|was not|weren'?t|were not) (?:yet |even |ever |still )?(?:here|there|in stock|available|working|loading|functioning|showing|visible|connected|supported|possible|fixed|resolved|sorted)",
        r"still (?:crash|crashes|crashing|fails|failing|happens|happening|remains|persists|exists|occurs|shows|says|charges|charging|drains|freezes|lags|stuck|missing|down|broken|wrong|silent|pending|unresolved|waiting|nothing|no sign|the same)",
        r"(?:still|stll) (?:not|no|doesn'?t|won'?t|can'?t|isn'?t|haven'?t|hasn'?t|didn'?t|aren'?t|wasn'?t)(?: (?:been |even |yet |got |had )?(?!(?:and|but|or|to|the|a|an|i|it|my|me|you|your|any|anything|yet)\b)[a-z]+)?",
        r"(?:still|stll) (?:broken|down|happening|having|getting|showing|stuck|waiting|slow|sllll*o+w|missing|nothing|the same|an issue|a problem|crashing|freezing)",
        r"(?:where'?s|wheres|where is|where are|where'?d|what happened to) (?:my|the|our|his|her) (?:\w+ ){0,2}(?:order|package|parcel|delivery|item|items|stuff|food|luggage|bag|bags|suitcase|tickets?|card|replacement|shipment|gift|book|phone|device|pizza|groceries|purchase)",
        r"(?:keeps?|kept|keep on) (?:on )?\w+ing",
        r"(?:stopped|stops|quit|quits|ceased) (?:working|charging|loading|responding|syncing|connecting|turning on|playing|streaming|updating)",
        r"(?:internet|wifi|wi-fi|connection|signal|service|call|calls|stream) (?:drops|dropped|cuts out|cut out|goes down|went down|keeps dropping)",
        r"(?:nobody|no one|noone|no-one) (?:has |have |had )?(?:fixed|sorted|resolved|answered|replied|responded|called back|got back)",
        r"(?:keeps?|kept|keep on|constantly|continuously|continually|randomly|always|repeatedly) (?:on )?(?:crashing|freezing|dropping|restarting|rebooting|disconnecting|buffering|logging (?:me|us) out|failing|dying|closing|shutting (?:down|off)|turning off|skipping|pausing|stopping|lagging|glitching|cutting out|going off|going down|breaking|resetting|crashes|freezes|restarts|reboots|disconnects|opening|popping up|appearing|asking|saying|telling|happening|giving me|showing|sending me|charging me|billing me)",
        r"no (?:reliable |working |more |hd |\w+ )?(?:service|signal|internet|wifi|wi-fi|connection|connectivity|power|network|data|sound|audio|picture|tv|cable|phone service|dial tone|reception|hot water|heat|lte|4g|bluetooth|forks|rice|sauce|delivery|access|dice|luggage|bags?|food|water|coverage|tracking|updates?|one (?:came|showed|turned up|picked))",
        r"(?:was |were |is |am |are )?supposed to (?:arrive|be delivered|be here|get|come|be|receive|have|ship|be shipped|be fixed|be refunded|call)",
        r"(?:empty|wrong|damaged|opened|broken|crushed|soaking|wet) (?:box|package|parcel|bag|envelope)",
        r"(?:missed|failed|attempted) (?:my |the |our )?delivery|undeliverable|out for delivery for|still (?:says |shows )?(?:in transit|processing|pending)",
        r"(?:left|leave|leaving) (?:\w+ ){0,3}behind|(?:gave|given|giving) (?:\w+ )?(?:seats?|room|table) away|(?:sold|sells) out|out of stock|(?:ran|run|running) out of",
        r"(?:stop|quit) (?:sending|charging|calling|emailing|texting|tagging|spamming|billing|messaging|changing|cancell?ing|deleting)",
        r"(?:lost|losing|lose) (?:all )?(?:my |the |our )?(?:service|signal|connection|internet|data|files|photos|pictures|contacts|progress|work|account|points|miles|music|songs|playlists?|messages|saves?|game ?saves?)",
        r"locked (?:out|me out|us out)",
        r"what'?s (?:happening|going on|wrong) (?:to|with) (?:my|the|our|this|your)",
        r"(?:is|was|are|were|something|anything|everything|what'?s|what is|whats|tf is|wtf is|something'?s|it'?s) (?:\w+ )?wrong",
        r"(?:but|yet) (?:i|we) (?:still )?(?:didn'?t|did not|never|haven'?t|have not|hasn'?t|wasn'?t|weren'?t)",
        r"something (?:is |'s )?(?:clearly |definitely |obviously |seriously )?(?:up|off|not right)",
        r"every ?time (?:i|we) (?:try|use|open|go|log|click|call|order|sign|play|launch|start)",
        r"wrong (?:item|items|order|size|colou?r|address|product|package|parcel|one|thing|food|information|info|charge|amount|bill|account|number|flight|seat|date|time|name|delivery|model|version|book|game|price|location|apartment|house|door|building|person)",
        r"incorrect(?:ly)? (?:information|info|charge|charged|billed|amount|bill|order|item|address|details|price)",
        r"(?:that|this|it) is incorrect|incorrect information",
        r"not what (?:i|we) (?:ordered|paid for|asked for|bought)",
        r"(?:is|was|were|are|been) (?:delivered|sent|shipped|dropped|left) (?:to|at) (?:the )?wrong",
        r"(?:having|had|have|experiencing|experienced|facing|get|getting) (?:a |an |some |so much |so many |lots of |a lot of |major |serious |constant |the same |the |this |these |such )?(?:issues?|problems?|trouble|troubles|difficult(?:y|ies))",
        r"(?:issues?|problems?|trouble) (?:with|since|after|when|on|logging|signing|connecting|getting|viewing|using|accessing|loading|persists?)",
        r"(?:the|this|that|same|an|a|my|big|huge|major|known|ongoing) (?:issue|problem)",
        r"doesn'?t (?:seem to )?(?:make sense|add up)",
        r"(?:won'?t|will not|doesn'?t|didn'?t) (?:let|allow) (?:me|us)",
        r"(?:never|don'?t|doesn'?t|didn'?t|do not|does not|did not|won'?t|will not) (?:even )?(?:answer|respond|reply|pick up|get back|call back|return (?:my|our) calls?)",
        # what the customer cannot do or get: "I can't see the new emojis", "couldn't even eat it", "can't reach"
        r"(?:i|we|you|u) (?:still )?(?:can'?t|cannot|can not|couldn'?t|could not|am unable to|was unable to|were unable to|are unable to) (?:even |seem to |actually |ever )?(?:see|find|eat|drink|hear|reach|read|watch|sleep|get in touch|get hold|get through|get help|get a hold|use|access|afford|believe (?:that )?(?:you|u|y'?all|they|this is))",
        r"(?:i|we) (?:do not|don'?t|didn'?t|did not) (?:even )?(?:see|find|have) (?:it|them|any|my|the|our|where|how|a way|an option|the option)",
        r"no luck|unobtainable|unavailable|not available|(?:page|item|file|account|user|video|content|song|title|order) not found|not found",
        r"without (?:even )?(?:picking|getting|asking|telling|letting|informing|notifying|waiting for|checking with|giving) (?:me|us|my|our|anyone|any)",
        r"(?:but|and|yet) (?:they|you|u|he|she|it|no one|nobody) (?:\w+ )?never (?:do|did|does|came|come|showed|show|called|call|arrived|arrive|happened|happens)",
        r"(?:or|nor|not) even (?:a )?(?:reply|respond|answer|acknowledge|response|acknowledgement|an answer|an apology|a sorry)",
        r"(?:no|not) (?:he |hemos |ha |han )?(?:recibido|llegado|llega|funciona)",
        r"(?:issue|problem|bug|error|glitch|it|this|that|fault) (?:still )?(?:remains|persists|continues|is back|came back|came back again)",
    ],
    negation=None,
)


#: Something broken, crashing, damaged or missing, named positively: negation applies ("nothing is broken",
#: "no crashes since the update"). The customer wants it fixed.
BREAKAGE = Phrases.of(
    [
        r"crash(?:es|ed|ing)?|fail(?:ed|s|ing|ure)?|intermittent(?:ly)?|unreliable",
        r"(?:freez(?:e|es|ing)|froze|frozen)",
        r"glitch(?:es|ed|ing|y)?",
        r"bugs?|buggy|bugged",
        r"(?:an |this |the |same |getting |get |keep getting |an? |says? )?errors?(?: messages?| codes?)?",
        r"outages?",
        r"(?:is|are|was|were|been|goes|went|going) (?:\w+ )?down(?! to| the| for| here| there| at)",
        r"(?:not|un)responsive|not responding",
        r"lagg?(?:y|ing|s)",
        r"buffering",
        r"dropp(?:ed|ing) (?:calls?|connection|signal|out)",
        r"(?:super |so |very |really |extremely |painfully |ridiculously |incredibly )?(?:slow|sluggish)(?:er)?",
        r"stuck",
        r"(?:black|blank|grey|gray|white|blue) screen",
        r"(?:battery|batteries) (?:life )?(?:is |was |so |really |very |too )*(?:short|poor|weak|low|bad|terrible|awful|shocking)",
        r"(?:battery|batteries) (?:\w+ ){0,3}(?:drain(?:s|ing)?|dying|dies|died|going|goes|terrible|awful|horrible|bad|worse)",
        r"(?:drain(?:s|ing|ed)?|kill(?:s|ing|ed)?) (?:my |the )?battery",
        r"(?:disappeared|vanished|gone missing|went missing|deleted (?:my|all|the)|wiped|erased|corrupted|reset itself)",
        r"(?:account|card|phone|number|payment|order|profile) (?:\w+ )?(?:is |was |has been |have been |been |got |being |keeps getting )?(?:locked|blocked|suspended|disabled|banned|hacked|compromised|deactivated|restricted|declined|rejected|flagged|terminated|closed without)",
        r"hacked",
        r"(?:damaged|broken|broke|cracked|smashed|crushed|dented|torn|ripped(?! off)|leak(?:ing|ed|s|y)|spoiled|spoilt|expired|stale|mou?ldy|rotten|faulty|defective|counterfeit|fake|bent|scratched|shattered|burnt|burned|undercooked|soggy|melted|dead on arrival|doa)",
        r"(?:missing|lost|stolen|misplaced)",
    ],
    negation=2,
)

#: A money problem: a wrong, double or unexpected charge. The customer wants it reversed.
MONEY = Phrases.of(
    [
        r"(?:over|double|wrongly|incorrectly|falsely|mistakenly|still being|still|wrongfully|twice)[\s-]?(?:charged|charging|billed|billing)",
        r"(?:charged|charging|billed|billing|debited) (?:me |us )?(?:twice|double|again|extra|more|wrong|incorrectly|for (?:a |an |the |something|things|items?|baggage|bags?|shipping|delivery|subscription|a subscription|services?|stuff|nothing)|\$|£|€)",
        r"(?:extra|hidden|false|fraudulent|unauthori[sz]ed|duplicate|double|wrong|unexpected|incorrect|random|bogus|unknown|mystery|late|cancellation|ship) (?:charges?|fees?|payments?|transactions?|debits?|bills?)",
        r"(?:bill|price|payment|rate|premium|subscription) (?:\w+ )?(?:went up|increased|is wrong|doubled|jumped|raised)",
        r"(?:took|taken|take|stole|stolen|keep|keeping|kept|taking|steal|stealing) (?:my |our |the |all my |all the )?money",
        r"(?:had to |made me |make me )pay (?:full price|again|twice|extra|more)",
        r"(?:being|been|keep being|keeps being|still being|got|getting) (?:\w+ )?(?:charged|billed|overcharged|debited)",
        r"(?:being|been|keep being|keeps being|still being|was|were|got|get|getting|am|are) (?:just |then |also |now |again |still )?(?:charged|billed|overcharged|debited) for",
        r"(?:ripped|rip) ?off|rip-?off",
        r"charged (?:for|me) (?:\w+ ){0,3}(?:i|we) (?:didn'?t|never|did not|don'?t|do not)",
        r"(?:didn'?t|never|did not) (?:sign up|order|authori[sz]e|purchase|buy|agree)",
        r"(?:not|never) (?:been )?(?:refunded|credited|reimbursed)|no refund (?:yet|received|issued|processed|given)",
        r"charged (?:me |us )?(?:[$£€]\s?)?\d[\d.,]* (?:twice|again|double|two times|three times|extra)",
        r"why (?:charge|charged|the charge|am i (?:being )?charged|was i charged|were we charged|did (?:you|u|they) charge|(?:should|do|would|must|did) (?:i|we) (?:have to )?pay)",
        r"charged (?:me |us )?(?:more|higher|extra|double|twice)|(?:higher|more) than (?:the )?(?:quoted|estimated|rate|range|price|fare|estimate)",
    ],
    negation=None,
)

#: Bad treatment: rude staff, being ignored, lied to, talked down to. The customer wants dignity.
TREATMENT = Phrases.of(
    [
        r"rude(?:ly|ness)?",
        r"disrespect(?:ed|ful|ing)?",
        r"(?:ignored|ignoring (?:me|us|my|our)|ignore (?:me|us|my|our))",
        r"(?:no ?one|nobody|no-one) (?:is |has |have |will |even |ever |at all |still )*(?:respond|responds|responded|responding|reply|replies|replied|replying|answer|answers|answered|answering|help|helps|helped|helping|gets? back|got back|called (?:me |us )?back|calls (?:me |us )?back|reads?|cares?|listens?|knows?|seems to know|seems to care|seem to care|can help|is able to help|bothered|picks? up|picked up|came|come|showed up|turned up|contacted|called)",
        r"(?:lied|lying|liars?|lies|a lie|lie to|lied to|all lies|false promises?)",
        r"(?:y'?all|you|u|they|he|she|staff|agents?|reps?) (?:all )?lie",
        r"talk(?:ed|ing|s)? down",
        r"condescending|patroni[sz]ing|belittl(?:ed|ing)",
        r"(?:treat(?:ed|s|ing)?|made (?:me|us) feel|make (?:me|us) feel|feel|felt) (?:me |us )?like (?:crap|dirt|garbage|shit|trash|a criminal|criminals|an idiot|idiots|a child|children|a number|nothing|a thief|thieves|a liar|an inconvenience)",
        r"hung up on|hang up on|hangs up on",
        r"(?:bad|poor|terrible|horrible|awful|worst|appalling|shocking|disgusting|dreadful|lousy|crap|crappy|shit|shitty|pathetic|atrocious|abysmal|unhelpful|useless|rubbish|garbage|trash|sloppy) (?:\w+ ){0,2}(?:service|support|care|attitude|staff|employees?|agents?|reps?|representatives?|manager|managers|driver|drivers|communication|response|cs|help|helpline|team|serivce|servise|sevice)",
        r"(?:not|never|wasn'?t|weren'?t|isn'?t|aren'?t|hasn'?t been|haven'?t been) (?:very |at all |been |being |so |too |exactly |remotely )*(?:helpful|professional|useful|informative|accommodating|cooperative|responsive)",
        r"(?:staff|agents?|reps?|representatives?|employees?|crew|manager|driver|cashier|attendants?|people|he|she|they) (?:was|were|is|are|have been|has been) (?:not|n't|never) (?:very |at all |so |too )*(?:friendly|nice|polite|courteous|respectful|kind)",
        r"unhelpful|unfriendly|impolite|uncooperative|unresponsive|no help|no use|of no use|no good at|useless",
        r"treat(?:ed|s|ing)? (?:me |us |customers |people |your customers |his customers )?(?:so |this |that |very |really |extremely )?(?:badly|poorly|terribly|horribly|rudely|unfairly|disrespectfully)",
        r"lack of (?:communication|information|info|help|response|support|service|care|respect|updates?|customer service|empathy|courtesy|professionalism)",
        r"(?:only |just )?(?:automated|canned|copy and paste|copy-paste|scripted|generic) (?:answers?|responses?|replies|messages?)",
        r"(?:service|support|staff) (?:is |was |has been )?(?:bad|poor|terrible|horrible|awful|appalling|shocking|disgusting|dreadful|lousy|crap|shit|pathetic|atrocious|abysmal|unhelpful|useless|a joke|👎)",
        r"unprofessional|incompeten(?:t|ce)|inept(?:ness)?",
        r"(?:yelled|screamed|shouted|swore|cursed|laughed) at (?:me|us|my)|(?:flipping|freaking|flipped|freaked) out|lost (?:his|her|their) temper|(?:literally |was |is |kept )?(?:screaming|yelling|shouting) (?:at|in)",
        r"remain(?:s|ed|ing)? silent|radio silence|(?:ghosted|ghosting)|(?:inadequate|unacceptable|poor|useless|unhelpful|canned|generic|lazy) (?:response|reply|answer)",
        r"(?:attitude|rudest)",
        r"(?:not|never) (?:being )?(?:listened to|heard|taken seriously)",
        r"(?:you|u|y'?all|they|nobody|no one|no-one|company|companies|staff|he|she|anyone|management) (?:\w+ )?(?:don'?t|doesn'?t|didn'?t|do not|does not|did not|couldn'?t|could not) (?:even )?(?:care|give a)",
        r"(?:no|zero|without any|without a|not a single|not one|not any) (?:response|responses|reply|replies|answer|answers|acknowledg(?:e)?ment|callback|call back|communication|respect|help|empathy|courtesy|customer service|human|real person|solution|resolution|follow[\s-]?up)",
        r"(?:still|haven'?t|have not|never) (?:heard|got|gotten|received) (?:back|a (?:reply|response|call|callback|answer))",
        r"lip service|fobbed off|brushed off|blown off|ghosted",
    ],
    negation=None,
)

#: Delays and cancellations: a bad experience without one obvious remedy.
DELAY = Phrases.of(
    [
        r"(?:delayed|delays?|late|later than|overdue|behind schedule|postponed|rescheduled)",
        r"(?:was|were|been|got|is|are|being|have been|has been|just|now|they|you|u) (?:\w+ )?cancell?ed",
        r"cancell?ed (?:my|our|the) (?:flight|order|booking|reservation|delivery|appointment|trip)",
        r"(?:missed|miss) (?:my|our|the) (?:flight|connection|train|bus|appointment|delivery)",
        r"stranded|diverted|overbooked|bumped",
        r"(?:waited|waiting|wait) (?:for )?(?:over |more than |almost |nearly |about |)(?:\d+|an|a|two|three|four|five|several|many|hours|days|weeks|months|ages|forever)",
        r"(?:moved|changed|downgraded|switched|bumped) (?:my |our |me |us )?(?:seats?|flight|booking|reservation|room|to another)",
        r"(?:hours|days|weeks|months) (?:later|and still|now|of waiting|on hold|without)",
        r"taking (?:so |too |forever|ages|way too )(?:long)?",
        r"(?:took|takes|taking) (?:forever|ages|so long|too long)",
    ],
    negation=2,
)

#: Plain trouble words: they need negation handling ("no problem", "not an issue", "nothing wrong").
TROUBLE = Phrases.of(
    [
        r"problems?|issues?|trouble",
        r"(?:declined|rejected|refused|denied|denying|refusing|refuse)",
        r"(?:unable to|can'?t seem to|cannot seem to)",
        r"(?:inconvenience|inconvenienced|hassle|nightmare|mess|shambles|fiasco|disaster)",
        r"(?:went|gone|going) wrong|(?:messed|screwed|mucked|cocked|fucked) up|ruin(?:ed|s|ing)",
        r"(?:hair|fly|flies|bug|bugs|insect|plastic|glass|metal|mould|mold|worm|stone|bone|foreign object|something|this|that|what) in (?:my |the |our |his |her )?(?:food|meal|order|drink|salad|burrito|bowl|sandwich|coffee|pizza|soup|box)",
        r"(?:scam(?:med|s)?|fraud(?:ulent)?|theft|stealing|thieves)",
        r"run ?-?around|not (?:entitled|eligible|allowed)|(?:odd|strange|weird|random|unknown|suspicious|unexpected|unwanted) (?:texts?|emails?|messages?|calls?|charges?|alerts?|notifications?)",
        r"(?:car |an |in an? |road |traffic )accident|injured|got hurt|food poisoning",
        r"(?:turned|turning|turn) (?:me |us |them |him |her )?(?:down|away)",
        r"(?:bad|poor|terrible|horrible|awful|worst|dreadful|lousy|crap|crappy|shitty|disappointing|frustrating) (?:\w+ ){0,2}(?:experience|performance|quality|signal|reception|connection|coverage|battery|update|service|food|flight|trip|stay|delivery|product|app)",
    ],
    negation=2,
)

#: Waiting for something that should have come: a late parcel, no news since, hours on hold. The customer wants it
#: delivered or done.
WAITING = Phrases.of(
    [
        r"(?:still|been|keep|kept|am|'m|are|'re|sitting|sat|standing|stood|been \w+) waiting",
        r"on hold|(?:nothing|no (?:news|update|updates|word|info|information|sign of it)) (?:since|yet|so far)|without (?:any )?(?:updates?|news|information|info|word)",
        r"(?:it'?s|its|it has|has|have|it'?s already|already) been (?:over |almost |nearly |like |about |more than )?(?:\d+|a|an|two|three|four|five|six|seven|eight|nine|ten|several|many|a few) (?:hours?|days?|weeks?|months?|hrs?)",
        r"(?:not|never|wasn'?t|weren'?t|isn'?t|aren'?t|didn'?t|doesn'?t|don'?t|won'?t|no longer) (?:\w+ ){0,2}on time|(?:way |so |very |really )?overdue",
        r"(?:\d+|two|three|four|five|several|many) (?:days?|hours?|weeks?|hrs?) (?:late|behind|delayed|overdue|past)",
    ],
    negation=2,
)

#: Not a current problem: one reported as solved ("we solved the problem", "the issue is fixed now"), a threat
#: ("I won't use you again" is not a failure to use), the customer's own apology. A problem span these overlap does
#: not count.
NOT_A_PROBLEM = Phrases.of(
    [
        r"(?:won'?t|will not|never|not going to|wont) (?:be )?(?:use|using|buy|buying|order|ordering|book|booking|fly|flying|shop|shopping|pay|paying|recommend|renew|stay|staying|come|coming) (?:\w+ ){0,4}(?:again|anymore|ever|elsewhere)",
        r"(?:solved|fixed|resolved|sorted|sorted out|cleared up|figured out|worked out) (?:the |my |this |that |our |your )?(?:problem|issue|trouble|error|bug|glitch)s?",
        r"(?:problem|issue|trouble|error|bug|glitch)s? (?:is |was |has been |have been |got |are |were |seems )?(?:now |finally |all )?(?:solved|fixed|resolved|sorted|gone|cleared|sorted out)",
        r"no (?:more )?(?:problems?|issues?) (?:now|anymore|since|at all)",
        r"broke (?:out|up|even)|(?:don'?t|do not|didn'?t|did not) (?:get|see|understand) (?:why|how|what|the point)",
        r"(?:sorry|apologies|apologise|apologize) (?:for|about) (?:the |my |any |this |that )?(?:inconvenience|trouble|hassle|confusion|mess|delay|late reply|late response|slow reply)",
    ],
    negation=None,
    quotes=False,
)

#: The customer's own words for how it felt: a bad experience even when the trouble itself is not named.
FEELINGS = Phrases.of(
    [
        r"disappoint(?:ed|ing|ment)|frustrat(?:ed|ing|ion)|annoy(?:ed|ing)|upset|unhappy|not happy|not impressed|not amused",
        r"dissatisf(?:ied|action)|unsatisf(?:ied|actory)|not satisfied",
        r"not (?:ok|okay|acceptable|good enough|fair|right|cool)|unacceptable|unfair|ridiculous|outrageous|disgrace(?:ful)?|shameful",
        r"fed up|sick of|tired of|had enough|enough is enough|furious|livid|fuming|angry|mad at|pissed|disgusted|appalled",
        r"worst|terrible|horrible|horrendous|awful|pathetic|atrocious|abysmal|appalling|shocking|dreadful|a joke|joke of a",
        r"(?:never|won'?t|will not|not going to|wont) (?:\w+ ){0,3}(?:again|fly|use|buy|order|shop|book|stay|recommend|return|renew)",
        r"(?:cancel|cancell?ing|close|closing|switch(?:ing)?|leav(?:e|ing)) (?:my|our) (?:account|service|subscription|contract|membership|plan)",
        r"complain(?:t|ts|ing|ed)?|fail|jobfail|epicfail|nightmare|ordeal|debacle|fiasco|shambles",
        r"(?:you|u|y'?all|it|this|that|service|app|prime) (?:\w+ )?sucks?",
        r"this is how (?:you|u|y'?all) (?:\w+ )?treat",
        r"(?:see|look at|try|check out|going to|go to|switch(?:ing)? to) (?:what )?(?:other|another) (?:companies|company|providers?|carriers?|airlines?|banks?|networks?|stores?|shops?)|(?:go|going|take my business|look|looking) elsewhere",
    ],
    negation=2,
)

#: All groups, named (the name is the kind of trouble; the ``problem`` facts are their spans).
GROUPS: dict[str, Phrases] = {
    "failure": FAILURE,
    "breakage": BREAKAGE,
    "money": MONEY,
    "treatment": TREATMENT,
    "delay": DELAY,
    "waiting": WAITING,
    "trouble": TROUBLE,
}
