"""The words and dependency labels attribution rules are made of, kept as data.

Lemmas are lower-case. Edit these sets, not the rules, to widen or narrow what counts
as a cue; the PolNeAR convention that beliefs and intentions count as attributions is
why verbs such as "believe" and "fear" are here.
"""

from __future__ import annotations

# Verbs that report speech, writing or an attributed state of mind.
CUE_VERBS: frozenset[str] = frozenset(
    {
        "acknowledge",
        "add",
        "admit",
        "advise",
        "allege",
        "announce",
        "argue",
        "assert",
        "believe",
        "caution",
        "claim",
        "comment",
        "complain",
        "concede",
        "confirm",
        "contend",
        "continue",
        "criticise",
        "criticize",
        "declare",
        "deny",
        "deplore",
        "describe",
        "dismiss",
        "emphasise",
        "emphasize",
        "explain",
        "fear",
        "hope",
        "indicate",
        "insist",
        "maintain",
        "mention",
        "note",
        "observe",
        "point",
        "predict",
        "proclaim",
        "promise",
        "recall",
        "reiterate",
        "remark",
        "remind",
        "report",
        "reply",
        "respond",
        "reveal",
        "say",
        "state",
        "stress",
        "suggest",
        "tell",
        "think",
        "underline",
        "underscore",
        "urge",
        "vow",
        "warn",
        "write",
    }
)

# Cue verbs that count only when they govern a clause, never an object alone:
# "he continued the talks", "she pointed to a map", "they believe him".
CLAUSE_ONLY_VERBS: frozenset[str] = frozenset(
    {
        "add",
        "believe",
        "comment",
        "continue",
        "fear",
        "hope",
        "maintain",
        "point",
        "report",
        "say",
        "state",
        "tell",
        "think",
        "write",
    }
)

# Cue verbs whose direct object is the addressee, not what was said: "told reporters".
ADDRESSEE_VERBS: frozenset[str] = frozenset({"tell", "advise", "urge", "warn", "remind", "promise"})

# Nouns that introduce attributed content in "X's remarks that ...", "a statement by X that ...".
CUE_NOUNS: frozenset[str] = frozenset(
    {
        "accusation",
        "allegation",
        "announcement",
        "assertion",
        "belief",
        "claim",
        "comment",
        "remark",
        "statement",
        "warning",
    }
)

# Dependency labels of a cue verb's child that hold the content.
CLAUSE_CONTENT_DEPS: frozenset[str] = frozenset({"ccomp", "parataxis"})

# Cue verbs whose open complement is content ("said assuming talks are a mistake",
# "vowed to retaliate"); for others it is not ("will continue to raise demands").
XCOMP_CONTENT_VERBS: frozenset[str] = frozenset(
    {"say", "claim", "deny", "admit", "promise", "vow", "urge", "advise", "warn"}
)
OBJECT_CONTENT_DEPS: frozenset[str] = frozenset({"dobj"})

# Dependency labels of the speaker.
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj"})

# Children after a cue that are its speaker when the content precedes: the parser reads
# "A, underlined Ayatollah Khamenei." as if Khamenei were the object.
INVERTED_SPEAKER_DEPS: frozenset[str] = frozenset({"dobj", "npadvmod", "attr"})

# How a subject-less cue borrows its speaker from the verb above: "X warned ..., saying",
# "X referred to ... and said".
BORROWING_DEPS: frozenset[str] = frozenset({"advcl", "conj", "xcomp"})

# Children of a cue that belong to the cue span: "has said", "did not announce", "pointed out".
CUE_PART_DEPS: frozenset[str] = frozenset({"aux", "auxpass", "neg", "prt"})

# Dependency labels a cue never has: "the said report" (amod), "say-so" (compound).
NON_CUE_DEPS: frozenset[str] = frozenset({"amod", "compound", "nsubj", "nsubjpass", "pobj"})

# Dependency labels a noun cue has when it is used as a noun phrase.
NOMINAL_DEPS: frozenset[str] = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT"}
)

# Clauses a noun cue governs: "remarks that ..." (acl), "the claim that ..." (ccomp).
NOUN_CONTENT_DEPS: frozenset[str] = frozenset({"acl", "ccomp", "appos"})

# Trailing children of a source that are not part of the speaker's noun phrase:
# "Khamenei, meantime,", "the Leader, addressing ..." (time modifiers go too).
SOURCE_TRAILING_DROP_DEPS: frozenset[str] = frozenset({"npadvmod", "advmod", "punct", "cc", "acl"})

# Brackets that close a part of a source and stay with it: "Sen. Lindsey Graham (R-S.C.)".
CLOSING_BRACKETS: frozenset[str] = frozenset({")", "]", "}"})

# Children before a cue that join its span when right next to it, as PolNeAR mostly
# annotates: "also said", "now says", "did not say". (PolNeAR train/dev: time and place
# modifiers after the cue, "said Friday", are mostly left out, so they are here too.)
CUE_MODIFIER_DEPS: frozenset[str] = frozenset({"advmod", "neg"})

# Dashes that end a dateline before the source: "TEHRAN (Tasnim) – Leader of ...".
DATELINE_DASHES: frozenset[str] = frozenset({"–", "—", "--"})

# Entity labels that mark a time expression, dropped from the end of a source.
TIME_ENTITY_LABELS: frozenset[str] = frozenset({"DATE", "TIME"})

# Participles that, after a comma at the end of content, start a new clause of the
# reporter's, not the speaker's content: "..., referring to ...", "..., adding ...".
TRAILING_PARTICIPLES: frozenset[str] = frozenset(
    CUE_VERBS
    | {
        "address",
        "allude",
        "lash",
        "point",
        "refer",
        "speak",
        "urge",
    }
)

# Words that set a participle off from the clause before it: ", saying", "and added",
# "while adding".
SET_OFF_WORDS: frozenset[str] = frozenset({",", "and", "while"})

# Children after a cue that may follow "A, X said" without making A something else:
# "..., the Leader said on Saturday, referring to ...", "..., said the Leader."
CUE_TAIL_DEPS: frozenset[str] = frozenset(
    {"punct", "prep", "npadvmod", "advmod", "advcl", "nsubj", "dobj", "cc", "conj"}
)

# Children of a cue that end its object content: "stressed X, warning ...", "and said".
OBJECT_TAIL_STOP_DEPS: frozenset[str] = frozenset({"punct", "cc", "conj", "advcl", "ccomp"})

# Words that may lie between two quoted pieces of one content without splitting it:
# `that fraud is “a big problem” but “nobody talks about it.”`.
JOINING_WORDS: frozenset[str] = frozenset({"and", "but", "or", "then", "and then", "nor"})

# Punctuation stripped from the ends of content and source (quote marks and brackets stay).
EDGE_PUNCTUATION: frozenset[str] = frozenset({",", ".", ";", ":", "—", "–", "-", "--"})

# Relative pronouns standing for the noun they attach to: "an official who said ...".
RELATIVE_PRONOUN_TAGS: frozenset[str] = frozenset({"WP", "WDT"})

# "According to X": the preposition, its object word, and the labels they come with.
ACCORDING_LEMMAS: frozenset[str] = frozenset({"according", "accord"})

# Words that make a preposition at the end of a source a time modifier even without an
# entity label (hand-built parses have none): "Khamenei on Wednesday".
TIME_WORDS: frozenset[str] = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "week",
        "month",
        "year",
        "morning",
        "evening",
        "night",
    }
)

# Subjects that name no one: "it seems that ...", "there are claims that ...".
EXPLETIVE_SUBJECTS: frozenset[str] = frozenset({"it", "there"})

# Cues that speak for no one: "X seems to ...", "Y is expected to ...", "Z reportedly ...".
# PolNeAR gives them no source (on train 167 of 171 such seem/appear cues and all 53
# of "is/are expected" have none): the subject is what seems, not who says so.
SEEMING_VERBS: frozenset[str] = frozenset({"seem", "appear"})
# Verbs that speak for no one when passive ("is expected", "is widely expected").
IMPERSONAL_PASSIVES: frozenset[str] = frozenset({"expect"})
IMPERSONAL_ADVERBS: frozenset[str] = frozenset({"reportedly"})
# What a verb of seeming takes when it tells how something seems ("seemed [to capture]",
# "appears [that ...]", "seems [uneasy]"); "appeared on television" takes none of these.
SEEMING_COMPLEMENT_DEPS: frozenset[str] = frozenset({"xcomp", "ccomp", "acomp", "attr", "oprd"})
