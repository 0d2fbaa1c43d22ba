"""Scripted trainee replies for the built-in scenarios: a good L.A.S.T. path and a path of don'ts for each."""

from __future__ import annotations

#: Replies that listen, apologize, ask the golden question, then offer what the customer wants, with thanks.
GOOD: dict[str, list[str]] = {
    "airline-lost-bag": [
        "I'm so sorry your suitcase didn't come off the belt, Dana, and with your sister's wedding tomorrow. I've "
        "opened a trace for bag TP482911 from TP1357. Thank you for giving me the tag number. What can I do to make "
        "this right?",
        "Absolutely. As soon as the bag is found, a courier will deliver it to the Avenida Palace, and we will "
        "reimburse a dress and basics you buy today: keep the receipts. I'll call you by 6pm today with an update. "
        "Thanks for your patience while we track it down.",
    ],
    "bank-double-charge": [
        "I'm sorry you were charged twice for the €89.90 at TechWorld, Priya, especially with your rent due on "
        "Friday. I can see both payments on your card ending 4417. Thank you for spotting it so quickly. What can I "
        "do to make this right?",
        "I've reversed the duplicate €89.90 payment; it will be back in your account by tomorrow, before your rent "
        "goes out on Friday. It happened because the shop's terminal sent the authorisation twice when the "
        "connection dropped. Thank you for your patience, and for eleven years with us.",
    ],
    "late-delivery": [
        "I'm sorry order #55102 is stuck in transit, Marco, with your son's birthday on Saturday. I've checked the "
        "tracking and the parcel hasn't moved since Monday. Thanks for the order number. What can I do to make this "
        "right?",
        "I've sent a new Space Station set by express courier today; it will arrive by Friday at 6pm, in time for "
        "the party, and I've refunded the €6.99 delivery fee. Thanks for your patience with this.",
    ],
    "restaurant-rude-staff": [
        "I'm so sorry, Helen. Being called difficult in front of your family at your mother's 70th birthday "
        "dinner is not how any guest should be treated, and asking for a steak to be cooked more was completely "
        "reasonable. Thank you for telling us about it. What can I do to make this right?",
        "Please accept our sincere apology, to you and to your mother. I've spoken with the Bridge Street "
        "manager, who will talk to the server this week about how we treat guests, and I'll email you by Friday "
        "to tell you what was done. Thank you for giving us the chance to put it right.",
    ],
    "broken-product": [
        "I'm sorry your BrewMaster 300 has stopped heating after only three weeks, Tom. I've found order #A77812 "
        "and it's well within the warranty. Thanks for the order number. What would you like us to do?",
        "I've arranged a replacement BrewMaster 300; the courier will bring it on Thursday and take the faulty "
        "machine away at the same time. Thank you for your patience.",
    ],
    "subscription-wont-cancel": [
        "I'm sorry the cancel button kept failing, Aisha, and that you were charged £12.99 again today. I can see "
        "your three attempts this month. Thank you for sticking with it and telling us. What can I do to make this "
        "right?",
        "I've cancelled your StreamMax subscription today, so there will be no more charges, and I've refunded "
        "today's £12.99; it will show on your card within 3 days. Thank you for your patience.",
    ],
    "repeat-contact-unanswered": [
        "I'm very sorry, Gareth. You've emailed us four times about claim CLM-204481 and nobody replied, while "
        "your kitchen floor is lifting from the water damage. That's not good enough. I have your claim open now. "
        "Thank you for your patience. What can I do to make this right?",
        "I've booked an assessor for your kitchen this Thursday at 10am. I'm your contact from now on: I'll call "
        "you on Wednesday by 5pm to confirm the visit. Thank you for bearing with us.",
    ],
    "abusive-energy-bill": [
        "I want to help you with the £640 bill, and I'll ask that we keep this respectful. I'm sorry your meter "
        "hasn't been read in a year. Thank you for flagging the estimate. What can I do to make this right?",
        "I've booked a meter reading for Tuesday morning, and once we have it I'll send you a revised bill based "
        "on your real use, by Friday. Thanks for your patience.",
    ],
    "retail-return-exception": [
        "I'm sorry to hear your mother was in hospital, Sofia. Thank you for bringing the coat back with the tags "
        "and the receipt. How can I help?",
        "Since you were caring for your mother, I'll make an exception and refund the coat today. Our returns "
        "window is 30 days because returned stock has to be sold in season. Thank you for explaining.",
        "I'm afraid I can't do the same for the boots, because returns have to come back within 30 days so the "
        "stock can still be sold in season, which keeps our prices fair for everyone. What I can do is show you "
        "our winter sale, which starts on Monday. Thank you for understanding.",
    ],
    "hotel-overbooking": [
        "I'm very sorry, Mr Sato. You have a confirmed booking, HX-88213, and a keynote at 9am, and we don't have "
        "your room tonight. That's our failure. Thank you for your patience at this hour. What can I do to make "
        "this right?",
        "I've booked you a room at the Harbour Grand, our partner hotel 10 minutes away, and a taxi is waiting "
        "outside now. Tonight is on us, and I'll make sure your room here is ready tomorrow at 2pm. Thank you for "
        "bearing with us.",
    ],
    "internet-outage": [
        "I'm sorry your internet has been down since yesterday, Lena, with your client presentation tomorrow at "
        "10. Thank you for already trying the reboot. What can I do to make this right?",
        "Your connection is down because a street cabinet in your area was damaged; engineers are on site and "
        "expect to have it restored by 8pm tonight. To be safe, I've sent a 4G mobile router by courier; it will "
        "arrive by 9am tomorrow. Thank you for your patience.",
    ],
    "pharmacy-wrong-dose": [
        "I'm so sorry, Margaret. You were given amlodipine 10mg instead of your 5mg, and you've been dizzy for two "
        "days. Thank you for bringing the box in. Please stop the 10mg tablets. What can I do to make this right?",
        "Here are the correct 5mg tablets, and I'll call your GP this morning to check that you're alright. It "
        "happened because the two strengths were stored side by side and were picked wrongly; we've moved them "
        "apart and added a second check at the counter. Thank you for telling us so quickly.",
    ],
}

#: Replies full of don'ts: policy walls, blame, condescension, assumptions, "we can't".
DONTS: dict[str, list[str]] = {
    sid: [
        "It's our policy, I'm afraid. You need to calm down.",
        "That's not my department, the other team messed up. You must have done something wrong.",
        "We can't do anything about that. Obviously, rules are rules.",
        "As I already explained, it's company policy. Calm down.",
        "Not my fault. You probably didn't read the terms.",
        "We can't do anything about that. Obviously, rules are rules.",
        "As I already explained, it's company policy. Calm down.",
        "Not my fault. You probably didn't read the terms.",
    ]
    for sid in GOOD
}
