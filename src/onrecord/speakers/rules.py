"""The rules of speaker resolution, as data: word lists and tuned numbers, one comment each."""

from __future__ import annotations

# Pronouns that can head a source, with the gender they imply (None: any).
PERSON_PRONOUNS: dict[str, str | None] = {
    "he": "male",
    "she": "female",
    # the object of a channel quoting someone: "state TV quoted him as saying"
    "him": "male",
    "her": "female",
    # the possessive of a transcript's announcing line: "the full text of his speech"
    "his": "male",
}
# Pronouns that refer to a group or an institution, never to one named person.
GROUP_PRONOUNS = frozenset({"they", "it"})
# First/second person pronouns as sources: only inside nested speech; left unknown.
DEICTIC_PRONOUNS = frozenset({"i", "we", "you"})

# Head nouns of a role; a source made only of these (and modifiers) is a title.
ROLE_HEADS = frozenset(
    {
        "leader", "president", "minister", "premier", "chancellor", "secretary",
        "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "governor",
        "senator", "congressman", "congresswoman", "chairman", "chairwoman", "chair",
        "commander", "general", "director", "mayor", "king", "queen", "prince", "emir",
        "representative", "adviser", "advisor", "prosecutor", "judge", "chief", "head",
        "negotiator", "speaker", "nominee", "candidate", "ceo",
        # forms of address that stand for an office holder ("His Eminence said")
        "eminence", "excellency", "holiness", "majesty", "highness",
    }
)  # fmt: skip
# Heads of a role one person holds at a time in a place ("the Prime Minister", "His
# Eminence"): a bare title of one of these whose holder is not known stays unresolved,
# never a speaker of its own. Other titles ("the spokesman") stay phrases, as before.
OFFICE_HEADS = frozenset(
    {
        "leader", "president", "minister", "premier", "chancellor", "governor", "mayor",
        "king", "queen", "emir", "prince", "eminence", "excellency", "holiness", "majesty",
        "highness",
    }
)  # fmt: skip
# How long a holder of a role the corpus names keeps it beyond the first and last days it
# was seen so named, for a bare title to resolve to them (days; a year either side).
ROLE_SEEN_MARGIN_DAYS = 365
# Words that make a name an organisation's, whatever the entity tagger said ("Fars News
# Agency" is never a person): the organisation heads and the words of media names.
MEDIA_WORDS = frozenset(
    {
        "news", "agency", "press", "times", "post", "tv", "television", "radio", "network",
        "broadcasting", "gazette", "herald", "tribune", "journal", "daily", "irna", "xinhua",
        "zeitung", "presse", "hansard", "magazine",
    }
)  # fmt: skip
# Words naming a text, not who speaks: a "person" named so ("Prime Minister's Statement",
# a heading) is nobody.
DOCUMENT_WORDS = frozenset(
    {"statement", "speech", "remarks", "transcript", "report", "text", "excerpts", "video"}
)
# A name that is the article's outlet or site name is the publisher's, from this many
# letters ("Spinoff"; shorter host labels such as "abc" or "co" are too common to tell).
SITE_NAME_MIN_LETTERS = 5
# A one-word name may be the first word of a two-word name written family name first
# ("Xi" for "Xi Jinping", "Wang" for "Wang Yi") when it is at most this long.
FAMILY_FIRST_MAX = 4
# Heads any head of state or government is also called by: "the Russian leader" is the
# president of Russia named in the article, when no one carries "leader" itself.
GENERIC_HEADS = frozenset({"leader", "chief"})
# The role words of the offices that lead a country, which a generic head stands for.
LEADING_OFFICES = frozenset(
    {"president", "prime", "premier", "chancellor", "king", "queen", "emir", "leader"}
)
# A given name this long or longer may be misspelt by one letter left out or added inside
# it ("Vladmir", "Teresa") and still find its one person of the surname; shorter names
# ("Jon", "Ana") are too often other names.
MISSPELT_MIN_LETTERS = 5
# A surname nobody has joins a person whose name sounds alike, spelling aside ("Poutine" ~
# "Putin", "Zelenskiy" ~ "Zelenskyy"), from this many letters: shorter names sound alike
# too easily ("Bush", "Bash").
TRANSLITERATED_MIN_LETTERS = 5
# A surname is taken as misspelt when its letters without vowels (after the first) agree
# with a known surname's only when at least this many are left: "Sitharman" ~
# "Sitharaman" (sthrmn), never "Reed" ~ "Rudd" (rd), two people on the real-pages dev set.
SKELETON_MIN_LETTERS = 4
# Words that narrow a role ("Supreme Leader", "Foreign Minister"); matched like heads.
ROLE_MODIFIERS = frozenset(
    {
        "supreme", "prime", "foreign", "vice", "deputy", "interior", "defence", "defense",
        "state", "senior", "top", "national", "security", "economy", "finance", "oil",
        "justice", "attorney", "grand", "assistant", "opposition",
    }
)  # fmt: skip
# Abbreviated roles, as written before a name with a period ("Gov. Mike Pence").
ROLE_ABBREVIATIONS: dict[str, str] = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general",
    "pres.": "president", "sec.": "secretary", "amb.": "ambassador", "adm.": "admiral",
    "pm": "premier", "p.m.": "premier",
}  # fmt: skip
# Role modifiers naming another office than the head alone: a title without them is not
# that office ("the prime minister" is not the deputy prime minister).
SECOND_IN_COMMAND = frozenset({"deputy", "vice", "assistant"})
# Role words that say when, not which role: allowed in a title, ignored when matching.
UNMATCHED_MODIFIERS = frozenset({"former", "acting", "then", "new", "current", "late"})
# Country words before a role ("US President", "Iran's Foreign Minister"), mapped to one
# key so that "Iranian" and "Iran's" match each other.
DESIGNATORS: dict[str, str] = {
    "us": "us", "u.s.": "us", "american": "us", "america": "us",
    "iran": "iran", "iranian": "iran", "french": "france", "france": "france",
    "british": "uk", "uk": "uk", "britain": "uk", "russian": "russia", "russia": "russia",
    "chinese": "china", "china": "china", "german": "germany", "germany": "germany",
    "israeli": "israel", "israel": "israel", "saudi": "saudi", "iraqi": "iraq", "iraq": "iraq",
    "eu": "eu", "european": "eu", "un": "un",
    "indian": "india", "india": "india", "nigerian": "nigeria", "nigeria": "nigeria",
    "turkish": "turkey", "turkey": "turkey", "ukrainian": "ukraine", "ukraine": "ukraine",
    "australian": "australia", "australia": "australia", "canadian": "canada",
    "canada": "canada", "japanese": "japan", "japan": "japan", "italian": "italy",
    "italy": "italy", "spanish": "spain", "spain": "spain", "brazilian": "brazil",
    "brazil": "brazil", "mexican": "mexico", "mexico": "mexico", "egyptian": "egypt",
    "egypt": "egypt", "syrian": "syria", "syria": "syria", "afghan": "afghanistan",
    "afghanistan": "afghanistan", "pakistani": "pakistan", "pakistan": "pakistan",
    "venezuelan": "venezuela", "venezuela": "venezuela", "polish": "poland",
    "poland": "poland", "hungarian": "hungary", "hungary": "hungary", "irish": "ireland",
    "ireland": "ireland", "scottish": "scotland", "scotland": "scotland",
    "kenyan": "kenya", "kenya": "kenya", "korean": "korea", "korea": "korea",
    "vatican": "vatican", "palestinian": "palestine",
    # the seat of a government standing for its country ("the Kremlin leader")
    "kremlin": "russia",
}  # fmt: skip
# Words after "of" in a role phrase ("Leader of the Islamic Revolution",
# "Secretary of State"); skipped when stripping a role off a name.
ROLE_COMPLEMENTS = frozenset(
    {
        "the", "islamic", "republic", "revolution", "state", "states", "united", "affairs",
        "foreign", "defence", "defense", "interior", "justice", "iran", "nation", "country",
        "kingdom", "staff", "house", "parliament", "majlis", "federation", "people's",
    }
)  # fmt: skip
# Honorifics kept in a name for now but ignored when comparing two names.
HONORIFICS = frozenset(
    {
        "ayatollah", "grand", "seyyed", "seyed", "sayyed", "imam", "sheikh", "hojatoleslam",
        "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "rev",
        "rt", "hon", "honourable", "honorable",
        # forms of address before Indian, Nigerian and other names ("Shri Arun Jaitley",
        # "H.E. Muhammadu Buhari", "Comrade Kim Jong Un")
        "shri", "sri", "smt", "shrimati", "h.e.", "comrade", "alhaji",
    }
)  # fmt: skip
# Words opening a form of address before a name ("His Excellency Ali Vell"): not the name.
ADDRESS_WORDS = frozenset({"his", "her", "your"})
# Words after which a name has ended: "Ali Vell of Morvask" is Ali Vell.
NAME_ENDS = frozenset({"of", "from", "and", "in", "at"})
# Words that tell a person's gender, for matching "he"/"she".
GENDER_MARKERS: dict[str, str] = {
    "mr": "male", "sir": "male", "lord": "male", "ayatollah": "male", "king": "male",
    "prince": "male", "spokesman": "male", "chairman": "male", "congressman": "male",
    "mrs": "female", "ms": "female", "miss": "female", "madam": "female", "dame": "female",
    "lady": "female", "queen": "female", "princess": "female", "spokeswoman": "female",
    "chairwoman": "female", "congresswoman": "female",
}  # fmt: skip
# Nouns heading an unnamed source ("a US official", "sources close to ...").
ANONYMOUS_HEADS = frozenset(
    {
        "source", "official", "diplomat", "aide", "insider", "person", "people", "analyst",
        "expert", "observer", "witness", "resident", "activist", "member", "staffer",
        "lawmaker", "critic", "supporter", "officer", "spokesman", "spokeswoman",
        "spokesperson", "adviser", "advisor",
    }
)  # fmt: skip
# Relatives named in apposition ("Her father, Otto Marsh,"): the name is the speaker.
RELATIVES = frozenset(
    {
        "father", "mother", "son", "daughter", "brother", "sister", "wife", "husband",
        "uncle", "aunt", "nephew", "niece", "cousin", "widow", "grandson", "granddaughter",
    }
)  # fmt: skip
# Determiners that make a source indefinite, hence unnamed ("a source", "some officials").
INDEFINITE = frozenset(
    {"a", "an", "one", "some", "several", "many", "two", "three", "other", "few", "most"}
)
# Negating and universal determiners: never part of a name ("No Talks" in a headline).
QUANTIFIERS = frozenset({"no", "not", "all", "every", "each", "any", "none"})
# Determiners dropped in front of a title or an organisation name.
DEFINITE = frozenset({"the", "this", "that"})
# Head nouns of an organisation named by description ("the foreign ministry").
ORGANISATION_HEADS = frozenset(
    {
        "ministry", "office", "government", "administration", "department", "agency",
        "council", "committee", "embassy", "house", "parliament", "court", "army", "military",
        "police", "party", "company", "commission", "cabinet", "kremlin", "pentagon",
        "organisation", "organization", "union", "bank", "majlis", "guards", "corps",
        "guard", "navy", "association", "congress", "federation", "institute", "university",
        "campaign", "coalition", "alliance", "authority", "authorities", "service",
        "palace",
    }
)  # fmt: skip
# Words that end a name: headline verbs an entity tagger glues on ("Obama Says").
NAME_BREAKERS = frozenset(
    {
        "says", "said", "rules", "tells", "warns", "urges", "slams", "vows", "calls", "claims",
        "denies", "blasts", "backs", "rejects", "dismisses", "stresses", "underlines",
        "announces", "announced", "refuses", "insists", "admits", "defends", "praises",
        "signs", "threatens", "accuses", "promises", "pledges", "hits", "responds", "speaks",
        # a date the tagger glued on: "Ayatollah Seyed Ali Khamenei Wednesday"
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    }
)  # fmt: skip
# Words inside a source that put a named person outside its head: "an aide to Trump",
# "a spokesman for Clinton", "Khamenei and Rouhani".
LINKING_WORDS = frozenset(
    {"to", "for", "with", "from", "by", "near", "close", "about", "against", "and", "or"}
)
# Lowercase words allowed inside a name ("Osama bin Laden", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({"al", "bin", "ibn", "de", "da", "del", "van", "von", "der", "la", "le"})
# How many paragraphs back a pronoun may reach for its antecedent (0: same paragraph only).
# Set by reading the seeds: "he" follows its antecedent in the same or the next paragraph.
PRONOUN_PARAGRAPH_WINDOW = 1
# How far before a name to look for the role words it carries, in characters.
PREFIX_WINDOW = 120
# Words after a surname that tell two people apart ("Donald Trump Jr."), kept in the key.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Possessive determiners that open an organisation's description ("its Foreign Ministry").
POSSESSIVE_DETERMINERS = frozenset({"its", "his", "her", "their", "our"})
# Titles that name an office in other words, rewritten before titles are compared:
# "the head of state" is matched as "the president".
TITLE_SYNONYMS: dict[str, str] = {
    "head of state": "president",
    r"head of the (\w+) state": r"\1 president",  # "the head of the Russian state"
    "head of government": "prime minister",
    "premier": "prime minister",
    "leader of the opposition": "opposition leader",
}
# Entity labels of places and peoples: a name tagged so is not a person.
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})
# Sources that point back at one of the last two people named.
BACK_REFERENCES: dict[str, int] = {"the latter": -1, "the former": -2}
