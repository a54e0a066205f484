"""In-article speaker resolution: who each attribution's source refers to.

The input is the `Analysis` the attribution stage computed from one parse; the output is
one `Statement` per attribution, in the same order. A source is tried against these rules,
in order:

1. no source span (a quote continuing) → the previous statement's speaker;
2. a pronoun → speaker continuity: the previous statement's speaker when compatible and
   near, else the most recent compatible PERSON mention nearby, else unknown;
3. a PERSON mention, or a known surname → that person's best full name in the article;
4. a title ("the Supreme Leader") → the person whose full-name mention carries that title
   earlier in the article, else the most recent speaker whose titles do not contradict it;
5. an anonymous phrase ("a US official", "sources") → the phrase itself;
6. an organisation (ORG or GPE mention, "the foreign ministry") → its name;
7. a capitalised name the parse missed → the source with role words removed;
8. anything else → unknown.

Whenever `speaker_span` is set, `text[speaker_span]` equals `speaker`.

Across articles, `SpeakerIndex` (canonical.py) turns each statement's in-article speaker
into one canonical speaker of the corpus; `read_alias_file` reads the user's alias file.
docs/speakers.md describes both.
"""

from onrecord.speakers.aliases import AliasBook, read_alias_file
from onrecord.speakers.canonical import SpeakerIndex, name_key
from onrecord.speakers.names import Entity, person_entities
from onrecord.speakers.resolve import resolve_speakers

__all__ = [
    "AliasBook",
    "Entity",
    "SpeakerIndex",
    "name_key",
    "person_entities",
    "read_alias_file",
    "resolve_speakers",
]
