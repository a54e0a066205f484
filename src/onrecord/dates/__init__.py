"""When each statement was made, and on what occasion (`find_occasions`, in `occasions`).

A statement is dated, in this order, by:

1. a date expression in its own sentence that modifies its cue ("X on Saturday said",
   "said on July 30", "Speaking ... on Monday, X told") — never one inside quotation
   marks or reported content, after "since"/"until"/..., in a relative clause or a
   dateline; a pluperfect ("had said", "X had on September 17 downplayed") makes it an
   earlier statement, whose date the quote right after it shares and nobody else inherits;
2. the speech event of its speaker in the article: the day the speaker's dated statements,
   sentences such as "The Supreme Leader made the remarks ... on Saturday", "President
   Oriane Kestrel on Monday gave her backing ..." or "Ms Ardern spoke to the nation on
   Friday" name (a photo caption only when the text names none) — when they name one day;
   several days leave the speaker's undated statements unknown.

An expression resolves against the publication date (a weekday to the most recent such
day on or before it; a month-day takes the year of a nearby full date of its month, else
of publication, and never falls after publication); with no publication date only an
expression carrying a year resolves. Anything else is unknown (None), never a guess, and
no statement is dated after its article's publication. docs/dates.md has the details.
"""

from onrecord.dates.occasions import find_occasions
from onrecord.dates.statements import date_statements

__all__ = ["date_statements", "find_occasions"]
