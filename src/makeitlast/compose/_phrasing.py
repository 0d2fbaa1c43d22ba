"""The built-in drafter's wording, as data: sentences per situation, with alternatives.

``{…}`` fields are filled by :mod:`makeitlast.compose.draft`: ``{clause}`` the customer's own problem turned around
("your order hasn't arrived"), ``{thing}`` what it concerns ("your order #4471", "your iPhone 8 Plus", "this"),
``{problem}`` a plain name for the problem ("the delay with your order #4471"), ``{offer}`` the agent's offer,
``{when}`` a realistic time. Each tuple holds interchangeable wordings; the drafter picks one with a seeded random
generator, so drafts for similar messages do not all read alike while staying reproducible.

Every sentence here was judged by the coach (``tests/compose/test_draft.py`` runs each through ``check``): none may
contain a don't, and the listen, apology, solve and thank lines must each be recognised as their step.
"""

from __future__ import annotations

# --- listen (+ apologize) ---------------------------------------------------------------------------------------

#: How each kind of problem (``reading.problem_kinds``) is named when the customer's clause cannot be reflected.
PROBLEM_NAMES: dict[str, tuple[str, ...]] = {
    "breakage": ("the damage to {thing}", "{thing} arriving damaged"),
    "failure": ("the problem with {thing}", "the trouble with {thing}"),
    "money": ("the charge on {thing}", "the billing problem with {thing}"),
    "delay": ("the delay with {thing}", "{thing} running late"),
    "waiting": ("the wait you've had", "being kept waiting"),
    "treatment": ("the way you were treated", "how you were spoken to"),
    "trouble": ("the trouble with {thing}", "the trouble you've had with {thing}"),
}
#: The same without a thing to name.
PROBLEM_NAMES_BARE: dict[str, tuple[str, ...]] = {
    "breakage": ("the trouble this has caused",),
    "failure": ("this not working properly", "the trouble this has caused"),
    "money": ("the billing problem", "the charge"),
    "delay": ("the delay", "the hold-up"),
    "waiting": ("the wait you've had", "being kept waiting"),
    "treatment": ("the way you were treated", "how you were spoken to"),
    "trouble": ("the trouble you've had", "the trouble this has caused"),
}
#: Kinds of problem that only things which are delivered can have ("arriving damaged").
DELIVERED = ("order", "package", "parcel", "delivery", "item", "box", "bag", "luggage", "suitcase")

#: The customer's clause reflected back, with the apology (standard culture).
SORRY_CLAUSE = (
    "I'm sorry {clause}.",
    "I'm sorry to hear {clause}.",
    "I'm really sorry {clause}.",
)
#: A named problem, with the apology.
SORRY_PROBLEM = (
    "I'm sorry about {problem}.",
    "I'm sorry for {problem}.",
    "I'm really sorry about {problem}.",
)
#: Soft apology culture (apologizing reads as weakness): reflect and own it without "sorry".
SOFT_CLAUSE = (
    "I can see {clause}, and that's not the service we want for you.",
    "I understand {clause}. That isn't good enough, and I want to put it right.",
)
SOFT_PROBLEM = (
    "I understand the problem is {problem}, and that's not the service we want for you.",
    "I can see the issue is {problem}. That isn't good enough, and I want to put it right.",
)
#: A bad experience with nothing to name (feelings only: "so disappointed", "never again").
SORRY_GENERIC = (
    "It sounds like this has been really disappointing, and I'm sorry.",
    "It sounds like this has let you down, and I'm really sorry.",
)
#: Kind words about nothing in particular ("I love you @brand"): say back what they said, then thank them.
PRAISE_GENERIC = (
    "It sounds like you're a fan, and that makes our day!",
    "It sounds like you had a good time with us, and that makes our day!",
)
SOFT_GENERIC = ("I can see this has been a poor experience, and that's not what we want for you.",)

#: A question or request without a complaint: show what was understood.
ASKING_CLAUSE = (
    "You'd like to know {topic}.",
    "You're asking {topic}.",
)
#: A question reflected by what it is about (``{run}``: the customer's own words, "the half gig update").
ASKING_RUN = (
    "You're asking about {run}.",
    "Good question about {run}.",
)
#: A statement without a complaint, reflected by what it is about; the thanks is in it.
TELLING_RUN = (
    "Thanks for telling me about {run}.",
    "Thanks for filling me in on {run}.",
)
#: A statement without a complaint, its clause said back ("Got it, you pre-ordered your game at GameStop.").
TELLING_CLAUSE = (
    "Thanks for telling me {clause}.",
    "Thanks for letting me know {clause}.",
)
PRAISE_CLAUSE = (
    "So glad to hear {clause}!",
    "It's great to hear {clause}!",
)
#: A message in a language the drafter does not write: say so, and hand over with a bridge.
OTHER_LANGUAGE = (
    "I'm passing your message to a colleague who speaks your language, and they'll reply here within 24 hours. "
    "Thank you for your patience.",
)
#: Said first when that message reports a problem.
OTHER_LANGUAGE_SORRY = "I'm sorry for the trouble."

#: Kind words, reflected.
PRAISE_RUN = (
    "Thank you for the kind words about {run}!",
    "Thanks so much for the shout-out about {run}!",
)
#: Nothing to reflect (a fragment such as "I did."): acknowledge it and pick the case up in words of our own.
FOLLOW_UP = (
    "Thanks for confirming that.",
    "Thanks for coming back to me on this.",
)
FOLLOW_UP_STEP = (
    "I'm pulling up your case notes now, and I'll update you here within the hour.",
    "I'm reviewing your account history now and will reply here within the hour with the next step.",
)
#: A closing message ("ok thanks"): thank them, leave the door open without a vague offer.
CLOSING = (
    "Thank you for confirming!",
    "Thanks for letting me know, and for your patience!",
)
#: A bad experience with nothing but its subject to name (``{run}``).
SORRY_RUN = (
    "I'm sorry about {run}, that's not the experience we want for you.",
    "I'm sorry to hear about {run}.",
)
SOFT_RUN = ("I can see the problem with {run}, and that's not the service we want for you.",)

#: Said once more when the customer is angry (level 2-3), after the apology.
ANGER_ACK = (
    "I can see why you're upset.",
    "That's a frustrating position to be put in.",
    "You had every reason to expect better.",
)
#: Said when they have had to ask before.
REPEAT_ACK = (
    "You shouldn't have had to chase us about this.",
    "You've had to contact us more than once, and that's on us.",
)
#: Said when they wanted to be treated with respect.
DIGNITY_ACK = (
    "You deserve to be treated with respect.",
    "Everyone who contacts us should be treated with courtesy, and you weren't.",
)
#: A calm boundary for an abusive message (D012): help, and ask for respect.
BOUNDARY = (
    "I want to help you with this, and I'll ask that we keep it respectful.",
    "I'm here to sort this out, and I'd ask that we keep the conversation respectful.",
)

# --- solve --------------------------------------------------------------------------------------------------------

#: The offer as a concrete step: ``{offer}`` is a verb phrase ("refund the second charge").
OFFER_VERB = (
    "I'll {offer} for you {now}.",
    "I'm going to {offer} for you {now}.",
)
#: The offer as a thing ("a full refund", "a replacement").
OFFER_NOUN = (
    "I'll arrange {offer} for you {now}.",
    "I'll set up {offer} for you {now}.",
)
#: When it lands, per kind of offer: realistic and a little under-promised.
OFFER_WHEN: dict[str, tuple[str, ...]] = {
    "refund": (
        "It can take up to 5 business days to show on your statement, and I'll email you once it's sent.",
        "Please allow up to 5 business days for it to reach your account; I'll confirm by email when it's done.",
    ),
    "replacement": (
        "It should be with you within 5 working days, and I'll send you the tracking number as soon as it ships.",
        "You'll get the tracking details by email once it's on its way, and it should arrive within 5 working "
        "days.",
    ),
    "credit": (
        "You'll see it on your account within 24 hours.",
        "It will be on your account by this time tomorrow.",
    ),
    "call": (
        "Someone from our team will call you within one business day.",
        "We'll call you within one business day, at the number on your account.",
    ),
    "booking": (
        "I'll email you the new confirmation within two hours.",
        "We'll email you the updated booking within two hours.",
    ),
    "visit": (
        "I'll confirm the appointment time with you by the end of tomorrow.",
        "I'll message you by tomorrow evening with the appointment time.",
    ),
    "other": (
        "I'll confirm here once it's done, by the end of tomorrow at the latest.",
        "I'll update you as soon as it's done, and no later than the end of tomorrow.",
    ),
}

#: No offer: a concrete next step the agent controls, per the customer's main want.
NEXT_STEP: dict[str, tuple[str, ...]] = {
    "refund": (
        "I'm looking into the charge now, and I'll come back to you by the end of tomorrow with your refund "
        "options.",
        "I'll check the payment today and reply by the end of tomorrow with what I can do about a refund.",
    ),
    "repair": (
        "I'll look into what's going wrong and get back to you within 24 hours with a fix or a clear next step.",
        "I'm checking this now, and I'll reply within 24 hours with how we can fix it.",
    ),
    "explanation": (
        "I'll find out what happened and explain it to you here by the end of tomorrow.",
        "I'm looking into what went wrong, and I'll explain it to you within 24 hours.",
    ),
    "future_credit": (
        "I'll look at what we can do to make up for the trouble and reply by the end of tomorrow.",
        "I'm checking what we can offer you for this, and I'll come back to you within 24 hours.",
    ),
    "dignity": (
        "I'll take this up with the team's manager today, and I'll come back to you within two business days with "
        "what they're doing about it.",
        "I'm passing this to the team's manager today, and I'll come back to you within two business days with "
        "what they've done.",
    ),
    "question": (
        "Let me check this for you, and I'll reply here within a few hours with a clear answer.",
        "I'll check this now and reply here with the answer within a few hours.",
    ),
    "other": (
        "I'm looking into this personally, and I'll update you within 24 hours.",
        "I'll look into this today and come back to you within 24 hours with where things stand.",
    ),
}
#: Asking for the identifier when they gave none and the problem is about something they bought or hold.
ASK_ORDER = (
    "If you DM me your order number, I can check it straight away.",
    "Could you DM me your order number so I can look it up?",
)
#: The golden question, when no offer is made.
GOLDEN = (
    "What can I do to make this right?",
    "What can I do to make this right for you?",
)

# --- thank --------------------------------------------------------------------------------------------------------

THANKS: dict[str, tuple[str, ...]] = {
    "patience": ("Thank you for your patience with this.", "Thanks for bearing with us."),
    "details": (
        "Thanks for including the details, it helps me move faster.",
        "Thanks for giving me the details.",
    ),
    "reference": (
        "Thanks for including the order number, it saves us both time.",
        "Thank you for sending the order number, it helps me move faster.",
    ),
    "flagging": ("Thanks for flagging this.", "Thank you for letting us know about this."),
    "loyalty": ("Thank you for sticking with us.", "Thank you for your loyalty, it means a lot."),
    "praise": ("Thank you for the kind words!", "Thanks so much for the kind words!"),
    "question": ("Thanks for checking with us.", "Thank you for checking with us first."),
    "update": ("Thanks for letting us know!", "Thank you for the update!"),
    "feedback": ("Thank you for the feedback.", "Thanks for taking the time to tell us this."),
}

#: Opening words, for a customer who is not angry.
GREETINGS = ("Hi,", "Hi there,", "Hello,")
