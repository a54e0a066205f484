"""The phrase lists stance is read from: each a module-level pattern, matched case-insensitively.

Written from the example corpus (fiction) and the shapes of refusal in political reporting;
checked against the seeds only in tests. Every entry is a regular expression.
"""

from __future__ import annotations

import re


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Words naming the act of negotiating: used when the proposition is about talks.
TALK_TERMS = _any(
    r"\btalk(?:s|ing)?\b",
    r"\btalked\b(?!\s+into)",  # "not be talked into surrender" is not about talks
    r"\bnegotiat\w*",
    r"\bdialogue\b",
    r"\b(?:the|negotiating) table\b",
    r"\bsit(?:s|ting)?(?: down)?\b(?=\s+(?:to|with)\b)",
    r"\bmeet\b",
    r"\binvitation\b",  # "we accept the invitation" (to talks)
    r"(?<=nothing to )discuss\b",  # "discuss" alone is too often "discuss the matter"
)

# Verbs in a proposition that mean "negotiate": such a topic is read with TALK_TERMS.
NEGOTIATION_VERBS = frozenset({"negotiate", "talk", "talks", "meet", "hold"})

# Negators: their scope is the next few words (NEGATION_WINDOW) up to punctuation.
NEGATORS = _any(r"\b(?:no|not|never|nothing|neither|nor|none|cannot)\b", r"n[’']t\b")

# How many words may stand between a negator and what it negates ("won't be any talks").
NEGATION_WINDOW = 3

# Refusal: the speaker rejects the act, whatever the grammar around it (against).
REFUSALS = _any(
    r"\brul(?:e|es|ed|ing) out\b",
    r"\bforbidden\b",
    r"\bblatant mistake\b",
    r"\buseless\b",
    r"\bdetrimental\b",
    r"\bdismiss(?:es|ed|ing)?\b",
    r"\breject(?:s|ed|ing)?\b",
    r"\bobjection to\b",
    r"\bobject(?:s|ed)? to\b",
    r"\babstinence from\b",
    r"\babstain(?:s|ed|ing)? from\b",
    r"\bavoid(?:s|ed|ing)? (?:any )?(?:talks|negotiations|negotiating)\b",
    r"\bnot worth a penny\b",
    r"\b(?:could|can|will|would) not take place\b",
    r"\bcannot take place\b",
    r"\byield no results?\b",
    r"\bnothing to discuss\b",
    r"\btalk about nothing\b",
    r"\bhow (?:could|can|would) we\b",  # rhetorical: "How could we attend talks with ..."
    r"\brefus(?:e|es|ed|ing|al) to (?:talk|negotiate|meet)\b",
    r"\bclosed\b",  # "the door is closed"; negated, "is not closed", it reads as support
)

# Support: the speaker accepts or asks for the act (for).
SUPPORTS = _any(
    r"\bready (?:to|for)\b",
    r"\bprepared to\b",
    r"\bwilling(?:ness)? to\b",
    r"\baccept(?:s|ed|ing)?\b",
    r"\bwelcom(?:e|es|ed|ing)\b",
    r"\b(?:come|came|comes|return(?:s|ed)?|back) to the table\b",
    r"\bsit(?:s|ting)? down with\b",
    r"\bopen to\b",
    r"\bno problem with\b",
    r"\bnothing wrong with\b",
    r"\bcontinu(?:e|es|ed|ing|ation of) (?:the )?(?:talks|negotiations)\b",
    r"\bpossible\b",
    r"\b(?:hold|open) talks\b",
    r"\bagree(?:s|d)? to (?:talk|negotiate|meet|hold)\b",
    r"\bback(?:s|ed|ing)\b",  # "gave her backing to ... talks"
    r"\b(?:we|i)\s+(?:will|would|can|could|shall)\s+(?:(?!not\b|never\b)\w+\s+)?(?:talk|negotiate|meet)\b",
)

# Limits: talks accepted but confined to one subject (for, and conditional).
LIMITS = _any(
    r"\blimited to\b",
    r"\bonly about\b",
    r"\b(?:merely|only) (?:include|cover|concern|center on|centre on)\b",
    r"\bmerely\b",
    r"\bsingle subject\b",
    r"\bstick to\b",
    r"\bnot (?:be )?part of the (?:talks|negotiations)\b",
    r"\b(?:is|be|are) not on the table\b",
    r"\bnot be on the table\b",
    r"\b\w+-only\b",  # "fish-only talks"
    r"\bwalk(?:s|ed)? away from the table\b",  # staying at the table, on terms
)

# Conditions: the position holds only if, until or unless something (conditional).
CONDITIONS = _any(
    r"\bonly (?:if|when|once)\b",
    r"\bunless\b",
    r"\buntil\b",
    r"\bas long as\b",
    r"\bprovided (?:that )?",
    r"\bon (?:the right|certain|these|those) terms\b",
    r"\bon condition\b",
    r"\bwithout (?!pre-?conditions)(?:any )?guarantees?\b",
    r"\bgive us\b",  # "Give us those guarantees, and we will come to the table"
    r"\bif\b",
    r"\botherwise\b",
    r"\bwhile\b",
    r"\bwhen\b",
)

# Reporting verbs in the attribution cue that carry the stance ("ruled out talks").
CUE_REFUSALS = _any(
    r"\brul(?:e|es|ed|ing) out\b",
    r"\bdismiss\w*",
    r"\breject\w*",
    r"\brefus\w*",
    r"\bobject(?:s|ed|ing)?\b",
)
CUE_SUPPORTS = _any(
    r"\bwelcom\w*",
    r"\baccept\w*",
    r"\bendors\w*",
    r"\bback(?:s|ed|ing)\b",
    r"\burg(?:e|es|ed|ing)\b",
    r"\bcall(?:s|ed)? for\b",
)

# The speaker recalling an old position ("In January I said ..."): what follows in that
# sentence is not today's stance. "as I have already stated" reaffirms, so it is excluded.
RECALLED = _any(r"(?<!as )\bI (?:have |had )?(?:already )?said\b")

# A counterpart named after "with" / "between" that is not the topic's: a capitalised
# name, or a group such as "other world nations".
OTHER_COUNTERPART = re.compile(
    r"^\W*(?:(?:the|a|an|its|their)\s+)?(?:[A-Z][\w’'-]+|other (?:world )?(?:nations|countries))"
)
COUNTERPART_PREPOSITION = re.compile(r"\b(?:with|between)\b", re.IGNORECASE)

# How far after an act word its counterpart may be named ("talks or relations with the US").
COUNTERPART_REACH = 45
# How many characters after the preposition the counterpart's name may run.
COUNTERPART_SPAN = 50
# How far before an act word a counterpart may stand ("Iran-US talks", "Morvask talks").
COUNTERPART_BEFORE = 20

# Clause boundaries: sentence ends, semicolons and "but": a cue's scope stops there.
CLAUSE_BREAK = re.compile(r"(?<=[.!?])[\"”’']?\s+|;\s+|,?\s+but\s+|\s+…\s+", re.IGNORECASE)
