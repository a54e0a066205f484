"""The SQLite schema, versioned with `PRAGMA user_version`.

Each schema version is a list of DDL statements that upgrades a database from the
version before it; a new database runs them all in order. docs/database.md describes
every table and column for people who open the file with any SQLite tool.
"""

from __future__ import annotations

SCHEMA_VERSION = 13
"""The schema version this code writes and reads (stored in `PRAGMA user_version`)."""

APPLICATION_ID = 0x6F6E7263
"""`PRAGMA application_id` of an onrecord database: "onrc" in ASCII."""

# Porter stemming over unicode61 words: "talks" finds "talk"; diacritics are folded.
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"

_VERSION_1: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        id                 TEXT PRIMARY KEY,
        doc                TEXT NOT NULL,
        source             TEXT NOT NULL,
        outlet             TEXT,
        title              TEXT,
        published          TEXT CHECK (published IS NULL OR date(published) = published),
        published_evidence TEXT,
        url                TEXT,
        language           TEXT NOT NULL DEFAULT 'en',
        text               TEXT NOT NULL,
        ingested_at        TEXT NOT NULL
    )
    """,
    "CREATE INDEX articles_doc ON articles (doc)",
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX articles_outlet ON articles (outlet)",
    """
    CREATE TABLE article_segments (
        article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        clean_start INTEGER NOT NULL CHECK (clean_start >= 0),
        raw_start   INTEGER NOT NULL CHECK (raw_start >= 0),
        length      INTEGER NOT NULL CHECK (length >= 0),
        PRIMARY KEY (article_id, seq)
    )
    """,
    """
    CREATE TABLE speakers (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        UNIQUE (name, kind)
    )
    """,
    """
    CREATE TABLE statements (
        id            INTEGER PRIMARY KEY,
        article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        speaker_id    INTEGER REFERENCES speakers (id),
        speaker_kind  TEXT NOT NULL,
        speaker_start INTEGER,
        speaker_end   INTEGER,
        kind          TEXT NOT NULL,
        confidence    REAL NOT NULL,
        source_text   TEXT NOT NULL,
        cue_text      TEXT NOT NULL,
        content_text  TEXT NOT NULL,
        content_start INTEGER,
        content_end   INTEGER,
        UNIQUE (article_id, position),
        CHECK (speaker_start IS NULL OR 0 <= speaker_start AND speaker_start <= speaker_end),
        CHECK (content_start IS NULL OR 0 <= content_start AND content_start <= content_end)
    )
    """,
    "CREATE INDEX statements_speaker ON statements (speaker_id)",
    """
    CREATE TABLE statement_spans (
        statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        role         TEXT NOT NULL CHECK (role IN ('source', 'cue', 'content')),
        seq          INTEGER NOT NULL,
        start        INTEGER NOT NULL CHECK (start >= 0),
        end_         INTEGER NOT NULL,
        PRIMARY KEY (statement_id, role, seq),
        CHECK (start <= end_)
    )
    """,
    f"""
    CREATE VIRTUAL TABLE statements_fts USING fts5 (
        content_text,
        content = 'statements',
        content_rowid = 'id',
        tokenize = '{FTS_TOKENIZER}'
    )
    """,
    """
    CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts (rowid, content_text) VALUES (new.id, new.content_text);
    END
    """,
    """
    CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_text)
        VALUES ('delete', old.id, old.content_text);
    END
    """,
    """
    CREATE TRIGGER statements_fts_update AFTER UPDATE OF content_text ON statements BEGIN
        INSERT INTO statements_fts (statements_fts, rowid, content_text)
        VALUES ('delete', old.id, old.content_text);
        INSERT INTO statements_fts (rowid, content_text) VALUES (new.id, new.content_text);
    END
    """,
)

# Version 2: canonical speakers (aliases, external ids, the user's edits) and, per
# statement, the name as mentioned in the article, the date it was said and its occasion.
_VERSION_2: tuple[str, ...] = (
    "ALTER TABLE speakers ADD COLUMN external_id TEXT",
    "ALTER TABLE speakers ADD COLUMN name_fixed INTEGER NOT NULL DEFAULT 0",
    """
    CREATE TABLE speaker_aliases (
        speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        alias      TEXT NOT NULL,
        UNIQUE (speaker_id, alias)
    )
    """,
    "CREATE INDEX speaker_aliases_alias ON speaker_aliases (alias)",
    "INSERT INTO speaker_aliases (speaker_id, alias) SELECT id, name FROM speakers",
    """
    CREATE TABLE speaker_edits (
        id      INTEGER PRIMARY KEY,
        action  TEXT NOT NULL CHECK (action IN ('merge', 'rename')),
        target  TEXT NOT NULL,
        other   TEXT NOT NULL,
        made_at TEXT NOT NULL
    )
    """,
    "ALTER TABLE statements ADD COLUMN speaker_mention TEXT",
    """
    ALTER TABLE statements ADD COLUMN said_on TEXT
        CHECK (said_on IS NULL OR date(said_on) = said_on)
    """,
    """
    ALTER TABLE statements ADD COLUMN said_on_precision TEXT
        CHECK (said_on_precision IS NULL OR said_on_precision IN ('day', 'month', 'year'))
    """,
    "ALTER TABLE statements ADD COLUMN said_on_expression TEXT",
    "ALTER TABLE statements ADD COLUMN said_on_start INTEGER",
    "ALTER TABLE statements ADD COLUMN said_on_end INTEGER",
    "ALTER TABLE statements ADD COLUMN said_on_method TEXT",
    "ALTER TABLE statements ADD COLUMN occasion_text TEXT",
    "ALTER TABLE statements ADD COLUMN occasion_start INTEGER",
    "ALTER TABLE statements ADD COLUMN occasion_end INTEGER",
    """
    UPDATE statements SET speaker_mention =
        (SELECT name FROM speakers WHERE speakers.id = statements.speaker_id)
    """,
    "CREATE INDEX statements_said_on ON statements (said_on)",
)

# Version 3: the corpus stage's results. Clusters of the same utterance (each statement's
# cluster and MinHash signature, the links that put statements together), speech events,
# and the user's topics with each statement's relevance and stance.
_VERSION_3: tuple[str, ...] = (
    """
    CREATE TABLE statement_clusters (
        statement_id INTEGER PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE,
        cluster_id   INTEGER NOT NULL,
        minhash      TEXT NOT NULL
    )
    """,
    "CREATE INDEX statement_clusters_cluster ON statement_clusters (cluster_id)",
    """
    CREATE TABLE cluster_links (
        a     INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        b     INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        how   TEXT NOT NULL CHECK (how IN ('verbatim', 'trimmed', 'paraphrase')),
        score REAL NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    )
    """,
    "CREATE INDEX cluster_links_b ON cluster_links (b)",
    """
    CREATE TABLE speech_events (
        id         INTEGER PRIMARY KEY,
        speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        said_on    TEXT CHECK (said_on IS NULL OR date(said_on) = said_on),
        occasion   TEXT
    )
    """,
    "CREATE INDEX speech_events_speaker ON speech_events (speaker_id, said_on)",
    """
    CREATE TABLE speech_event_statements (
        event_id     INTEGER NOT NULL REFERENCES speech_events (id) ON DELETE CASCADE,
        statement_id INTEGER PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX speech_event_statements_event ON speech_event_statements (event_id)",
    """
    CREATE TABLE topics (
        name            TEXT PRIMARY KEY,
        description     TEXT NOT NULL,
        proposition     TEXT NOT NULL,
        definition      TEXT NOT NULL,
        definition_hash TEXT NOT NULL,
        scored_at       TEXT
    )
    """,
    """
    CREATE TABLE statement_topics (
        statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        topic        TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
        score        REAL NOT NULL CHECK (0 <= score AND score <= 1),
        relevant     INTEGER NOT NULL CHECK (relevant IN (0, 1)),
        stance       TEXT NOT NULL CHECK (stance IN ('for', 'against', 'neutral')),
        qualifier    TEXT CHECK (qualifier IS NULL OR qualifier = 'conditional'),
        confidence   REAL NOT NULL,
        cues         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cues)),
        PRIMARY KEY (statement_id, topic)
    )
    """,
    "CREATE INDEX statement_topics_topic ON statement_topics (topic, stance)",
)

# Version 4: clusters and events updated locally. Each clustered statement keeps its
# speaker and the day it is placed on (said, else published) for look-ups by speaker and
# day window, and whether it bridges nothing; MinHash LSH band keys replace the full
# signatures. The clusters of version 3 are dropped: the next ingest (or `onrecord
# clusters --rebuild`) builds them again under the new event rules.
_VERSION_4: tuple[str, ...] = (
    "DROP TABLE speech_event_statements",
    "DROP TABLE speech_events",
    "DROP TABLE cluster_links",
    "DROP TABLE statement_clusters",
    """
    CREATE TABLE statement_clusters (
        statement_id INTEGER PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE,
        cluster_id   INTEGER NOT NULL,
        speaker_id   INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        placed_on    TEXT CHECK (placed_on IS NULL OR date(placed_on) = placed_on),
        exact        INTEGER NOT NULL CHECK (exact IN (0, 1)),
        ambiguous    INTEGER NOT NULL DEFAULT 0 CHECK (ambiguous IN (0, 1))
    )
    """,
    "CREATE INDEX statement_clusters_cluster ON statement_clusters (cluster_id)",
    "CREATE INDEX statement_clusters_placed ON statement_clusters (speaker_id, placed_on)",
    """
    CREATE TABLE statement_bands (
        key          INTEGER NOT NULL,
        statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        PRIMARY KEY (key, statement_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX statement_bands_statement ON statement_bands (statement_id)",
    """
    CREATE TABLE cluster_links (
        a     INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        b     INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        how   TEXT NOT NULL CHECK (how IN ('verbatim', 'trimmed', 'paraphrase')),
        score REAL NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    )
    """,
    "CREATE INDEX cluster_links_b ON cluster_links (b)",
    """
    CREATE TABLE speech_events (
        id         INTEGER PRIMARY KEY,
        speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        said_on    TEXT CHECK (said_on IS NULL OR date(said_on) = said_on),
        occasion   TEXT
    )
    """,
    "CREATE INDEX speech_events_speaker ON speech_events (speaker_id, said_on)",
    """
    CREATE TABLE speech_event_statements (
        event_id     INTEGER NOT NULL REFERENCES speech_events (id) ON DELETE CASCADE,
        statement_id INTEGER PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX speech_event_statements_event ON speech_event_statements (event_id)",
)

# Version 5: one edit log for every change made to the record after extraction (an
# article's fields set by hand or updated by a re-ingest, a statement reassigned, deleted or
# re-dated, speakers merged or renamed), which takes over the rows of `speaker_edits`; and
# the pages fetched from the web, kept byte for byte with when and from where.
_VERSION_5: tuple[str, ...] = (
    """
    CREATE TABLE edits (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        made_at      TEXT NOT NULL,
        made_by      TEXT,
        action       TEXT NOT NULL CHECK (action IN
                         ('set', 'update', 'redate', 'reassign', 'delete', 'merge', 'rename')),
        article_id   TEXT,
        statement_id INTEGER,
        speaker_id   INTEGER,
        field        TEXT,
        old_value    TEXT,
        new_value    TEXT,
        origin       TEXT,
        cause        INTEGER REFERENCES edits (id)
    )
    """,
    "CREATE INDEX edits_article ON edits (article_id)",
    "CREATE INDEX edits_statement ON edits (statement_id)",
    "CREATE INDEX edits_speaker ON edits (speaker_id)",
    """
    INSERT INTO edits (made_at, action, field, old_value, new_value)
    SELECT made_at, action,
           CASE action WHEN 'merge' THEN 'speaker' ELSE 'name' END,
           CASE action WHEN 'merge' THEN other ELSE target END,
           CASE action WHEN 'merge' THEN target ELSE other END
    FROM speaker_edits ORDER BY id
    """,
    "DROP TABLE speaker_edits",
    """
    CREATE TABLE fetched_pages (
        id           INTEGER PRIMARY KEY,
        url          TEXT NOT NULL,
        final_url    TEXT NOT NULL,
        fetched_at   TEXT NOT NULL,
        status       INTEGER NOT NULL,
        content_type TEXT,
        body         BLOB NOT NULL,
        article_id   TEXT REFERENCES articles (id) ON DELETE SET NULL
    )
    """,
    "CREATE INDEX fetched_pages_url ON fetched_pages (url)",
    "CREATE INDEX fetched_pages_final_url ON fetched_pages (final_url)",
    "CREATE INDEX fetched_pages_article ON fetched_pages (article_id)",
)

# Version 6: derived data is never left stale. Each article is stored with a pending mark in
# the same transaction; the mark goes once its statements are clustered and scored against
# every stored topic, so a run killed in between leaves it, and the next ingest (or
# `onrecord repair`) finishes the work. An upgraded database marks the articles that have a
# statement with a speaker but no cluster, or a statement not scored against a stored topic.
_VERSION_6: tuple[str, ...] = (
    """
    CREATE TABLE pending_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
    ) WITHOUT ROWID
    """,
    """
    INSERT INTO pending_articles (article_id)
    SELECT DISTINCT s.article_id FROM statements s
    WHERE (s.speaker_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM statement_clusters c WHERE c.statement_id = s.id))
       OR EXISTS (SELECT 1 FROM topics t WHERE NOT EXISTS (
           SELECT 1 FROM statement_topics st WHERE st.statement_id = s.id AND st.topic = t.name))
    """,
)

# Version 7: the photo captions cleaning marked in each article's text, so that the
# statements of an article whose date is corrected are dated again as at its ingest.
_VERSION_7: tuple[str, ...] = (
    """
    CREATE TABLE article_captions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        start      INTEGER NOT NULL CHECK (start >= 0),
        end_       INTEGER NOT NULL,
        PRIMARY KEY (article_id, seq),
        CHECK (start <= end_)
    )
    """,
)

# A speaker's statements (with one in the article): the condition that `article` holds no
# other statement of `speaker` than `statement`; its counts change only when that holds.
# `+o.speaker_id` keeps the look-up on the article's statements (a few rows): without it
# SQLite reads the speaker's whole history through the covering index `statements_listing`
# (170,000 rows for the most quoted speaker of a million statements, at every insert).
_ALONE = (
    "NOT EXISTS (SELECT 1 FROM statements o WHERE o.article_id = {article} "
    "AND +o.speaker_id = {speaker} AND o.id <> {statement})"
)
_NEW_ALONE = _ALONE.format(article="new.article_id", speaker="new.speaker_id", statement="new.id")
_OLD_ALONE = _ALONE.format(article="old.article_id", speaker="old.speaker_id", statement="old.id")
# What a statement adds to its speaker's counts and outlets, and what it takes away.
_COUNT_IN = f"""
        INSERT INTO speaker_counts (speaker_id, statements, articles)
        SELECT new.speaker_id, 1, 1 WHERE new.speaker_id IS NOT NULL
        ON CONFLICT (speaker_id) DO UPDATE SET statements = statements + 1,
                                               articles = articles + ({_NEW_ALONE});
        INSERT INTO speaker_outlets (speaker_id, outlet, articles)
        SELECT new.speaker_id, a.outlet, 1 FROM articles a
        WHERE new.speaker_id IS NOT NULL AND a.id = new.article_id AND a.outlet IS NOT NULL
          AND {_NEW_ALONE}
        ON CONFLICT (speaker_id, outlet) DO UPDATE SET articles = articles + 1;
"""
_COUNT_OUT = f"""
        UPDATE speaker_counts SET statements = statements - 1,
                                  articles = articles - ({_OLD_ALONE})
        WHERE speaker_id = old.speaker_id;
        UPDATE speaker_outlets SET articles = articles - 1
        WHERE speaker_id = old.speaker_id AND {_OLD_ALONE}
          AND outlet = (SELECT a.outlet FROM articles a WHERE a.id = old.article_id);
        DELETE FROM speaker_outlets WHERE speaker_id = old.speaker_id AND articles <= 0;
"""
_COUNT_TRIGGERS: tuple[str, ...] = (
    f"""
    CREATE TRIGGER statements_counts_insert AFTER INSERT ON statements
    WHEN new.speaker_id IS NOT NULL BEGIN {_COUNT_IN} END
    """,
    f"""
    CREATE TRIGGER statements_counts_delete AFTER DELETE ON statements
    WHEN old.speaker_id IS NOT NULL BEGIN {_COUNT_OUT} END
    """,
    f"""
    CREATE TRIGGER statements_counts_move AFTER UPDATE OF speaker_id ON statements
    WHEN old.speaker_id IS NOT new.speaker_id BEGIN {_COUNT_OUT} {_COUNT_IN} END
    """,
)
# Each speaker's numbers of statements and articles, and the outlets that quote them, kept
# by triggers as statements come, go or change speaker, so listing speakers reads a page of
# rows instead of counting every statement.
_SPEAKER_COUNTS: tuple[str, ...] = (
    """
    CREATE TABLE speaker_counts (
        speaker_id INTEGER PRIMARY KEY REFERENCES speakers (id) ON DELETE CASCADE,
        statements INTEGER NOT NULL,
        articles   INTEGER NOT NULL
    )
    """,
    "CREATE INDEX speaker_counts_statements ON speaker_counts (statements)",
    """
    CREATE TABLE speaker_outlets (
        speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        outlet     TEXT NOT NULL,
        articles   INTEGER NOT NULL,
        PRIMARY KEY (speaker_id, outlet)
    ) WITHOUT ROWID
    """,
    """
    INSERT INTO speaker_counts (speaker_id, statements, articles)
    SELECT speaker_id, count(*), count(DISTINCT article_id) FROM statements
    WHERE speaker_id IS NOT NULL GROUP BY speaker_id
    """,
    """
    INSERT INTO speaker_outlets (speaker_id, outlet, articles)
    SELECT s.speaker_id, a.outlet, count(DISTINCT s.article_id)
    FROM statements s JOIN articles a ON a.id = s.article_id
    WHERE s.speaker_id IS NOT NULL AND a.outlet IS NOT NULL GROUP BY s.speaker_id, a.outlet
    """,
    *_COUNT_TRIGGERS,
    # An article's statements go first, so their counts are taken back from its outlet.
    """
    CREATE TRIGGER articles_counts_delete BEFORE DELETE ON articles BEGIN
        DELETE FROM statements WHERE article_id = old.id;
    END
    """,
    """
    CREATE TRIGGER articles_counts_outlet AFTER UPDATE OF outlet ON articles
    WHEN old.outlet IS NOT new.outlet BEGIN
        UPDATE speaker_outlets SET articles = articles - 1
        WHERE outlet = old.outlet AND speaker_id IN
            (SELECT speaker_id FROM statements WHERE article_id = new.id);
        DELETE FROM speaker_outlets WHERE outlet = old.outlet AND articles <= 0;
        INSERT INTO speaker_outlets (speaker_id, outlet, articles)
        SELECT DISTINCT speaker_id, new.outlet, 1 FROM statements
        WHERE article_id = new.id AND speaker_id IS NOT NULL AND new.outlet IS NOT NULL
        ON CONFLICT (speaker_id, outlet) DO UPDATE SET articles = articles + 1;
    END
    """,
)

# Version 8: reads stay fast on millions of statements. Each statement keeps its article's
# publication date (`published`, kept in step by a trigger when the article's date is
# corrected) and its date (`dated`: the day it was said, else that publication date, a
# generated column), so listings are read in index order and date ranges through an index;
# speakers are indexed in the order listings name them.
_VERSION_8: tuple[str, ...] = (
    "ALTER TABLE statements ADD COLUMN published TEXT",
    """
    UPDATE statements SET published = (SELECT a.published FROM articles a
                                       WHERE a.id = statements.article_id)
    """,
    """
    ALTER TABLE statements ADD COLUMN dated TEXT
        GENERATED ALWAYS AS (coalesce(said_on, published)) VIRTUAL
    """,
    """
    CREATE TRIGGER articles_published_update AFTER UPDATE OF published ON articles BEGIN
        UPDATE statements SET published = new.published WHERE article_id = new.id;
    END
    """,
    # Listings by speaker: a speaker's statements by publication date (undated last),
    # article and position, read in order without sorting.
    """
    CREATE INDEX statements_listing
    ON statements (speaker_id, published IS NULL, published, article_id, position)
    """,
    "DROP INDEX statements_speaker",  # statements_listing starts with speaker_id
    "CREATE INDEX statements_dated ON statements (dated)",
    "CREATE INDEX statements_speaker_dated ON statements (speaker_id, dated)",
    "CREATE INDEX speakers_listing ON speakers (name COLLATE NOCASE, name)",
    "CREATE INDEX speech_events_said_on ON speech_events (said_on)",
    *_SPEAKER_COUNTS,
)

# One row per statement with its speaker, article, outlet and dates (PostgreSQL's the same).
STATEMENTS_VIEW = """
    CREATE VIEW statements_view AS
    SELECT s.id AS statement_id,
           sp.id AS speaker_id,
           sp.name AS speaker,
           s.speaker_kind,
           s.kind,
           s.content_text AS content,
           s.source_text AS source,
           s.cue_text AS cue,
           s.said_on,
           s.said_on_precision,
           a.published,
           s.dated AS date,
           s.occasion_text AS occasion,
           a.outlet,
           a.title,
           a.doc,
           a.url,
           a.id AS article_id
    FROM statements s
    JOIN articles a ON a.id = s.article_id
    LEFT JOIN speakers sp ON sp.id = s.speaker_id
    """

# Version 9: other tools see the full-text index and read statements in one view. Datasette
# and sqlite-utils find an FTS table by the text `content="statements"` (or
# `content=[statements]`) in its CREATE statement, without spaces: version 1 wrote
# `content = 'statements'`, so the index is made again in that spelling (same columns,
# tokenizer and rowids) and rebuilt from the statements. `statements_view` joins each
# statement with its speaker, article, outlet and dates, for people who browse the file.
_VERSION_9: tuple[str, ...] = (
    "DROP TABLE statements_fts",
    f"""
    CREATE VIRTUAL TABLE statements_fts USING fts5 (
        content_text,
        content="statements",
        content_rowid="id",
        tokenize='{FTS_TOKENIZER}'
    )
    """,
    "INSERT INTO statements_fts (statements_fts) VALUES ('rebuild')",
    STATEMENTS_VIEW,
)

# Version 10: storing a statement costs the same at any size. The speaker-count triggers of
# version 8 looked for the speaker's other statements in the article through the speaker's
# whole history (see `_ALONE`); they are made again to look through the article's.
_VERSION_10: tuple[str, ...] = (
    "DROP TRIGGER statements_counts_insert",
    "DROP TRIGGER statements_counts_delete",
    "DROP TRIGGER statements_counts_move",
    *_COUNT_TRIGGERS,
)

# Version 11: a statement's reporting channel ("Fars" in "…, according to Fars", "his
# official website" in "his official website quoted him as saying"): its words and span.
CHANNEL_COLUMNS: tuple[str, ...] = (
    "ALTER TABLE statements ADD COLUMN channel_text TEXT",
    "ALTER TABLE statements ADD COLUMN channel_start INTEGER",
    "ALTER TABLE statements ADD COLUMN channel_end INTEGER",
)
_VERSION_11: tuple[str, ...] = CHANNEL_COLUMNS

# Version 12: speakers are matched by stored, indexed keys, never loaded whole, and one
# person is one speaker across outlets. Each key of a speaker's names is a row of
# `speaker_keys`: the folded name; a person's surname, given names and suffix; an
# organisation's name with its demonym read as a place (`variant`); the first word of a
# two-word name, for family names written first (`first`: "Xi" for "Xi Jinping"); given
# names and the surname without vowels (`skeleton`: "Sitharman" for "Sitharaman"). An alias
# added without its keys (by a merge, a rename, or before this version) is marked
# `keyed = 0`; the next ingest keys it before matching anything. `speaker_roles` keeps the
# offices the corpus names each person by ("Supreme Leader Ali Khamenei"; "the Leader"
# resolved in its article), with the first and last days seen, so a bare title elsewhere
# resolves to the one holder known at that time.
_VERSION_12: tuple[str, ...] = (
    """
    ALTER TABLE speaker_aliases ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0
        CHECK (keyed IN (0, 1))
    """,
    "CREATE INDEX speaker_aliases_unkeyed ON speaker_aliases (speaker_id) WHERE keyed = 0",
    """
    CREATE TABLE speaker_keys (
        kind       TEXT NOT NULL,
        key        TEXT NOT NULL,
        field      TEXT NOT NULL CHECK (field IN ('name', 'variant', 'first', 'skeleton')),
        speaker_id INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        surname    TEXT,
        given      TEXT NOT NULL DEFAULT '',
        suffix     TEXT,
        PRIMARY KEY (kind, key, field, speaker_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX speaker_keys_surname ON speaker_keys (surname) WHERE surname IS NOT NULL",
    "CREATE INDEX speaker_keys_speaker ON speaker_keys (speaker_id)",
    """
    CREATE TABLE speaker_roles (
        head        TEXT NOT NULL,
        words       TEXT NOT NULL,
        designator  TEXT NOT NULL DEFAULT '',
        speaker_id  INTEGER NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        first_seen  TEXT CHECK (first_seen IS NULL OR date(first_seen) = first_seen),
        last_seen   TEXT CHECK (last_seen IS NULL OR date(last_seen) = last_seen),
        PRIMARY KEY (head, words, designator, speaker_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX speaker_roles_speaker ON speaker_roles (speaker_id)",
)

# Version 13: the bare titles statements were assigned by ("the Russian president", with
# nobody named in their article), filed under the office heads they name with the day they
# were resolved against, so that a holder the corpus learns later is found for them (and a
# second holder learned later makes them nobody's again): the result does not depend on
# the order articles are ingested in. The foreign key is checked at commit, since the
# corpus stage files an article's titles just before the article's row is written.
_VERSION_13: tuple[str, ...] = (
    """
    CREATE TABLE speaker_titles (
        head       TEXT NOT NULL,
        said_on    TEXT NOT NULL DEFAULT '' CHECK (said_on = '' OR date(said_on) = said_on),
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
            DEFERRABLE INITIALLY DEFERRED,
        mention    TEXT NOT NULL,
        PRIMARY KEY (head, said_on, article_id, mention)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX speaker_titles_article ON speaker_titles (article_id)",
)

# MIGRATIONS[v] upgrades a database at version v - 1 to version v.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: _VERSION_1,
    2: _VERSION_2,
    3: _VERSION_3,
    4: _VERSION_4,
    5: _VERSION_5,
    6: _VERSION_6,
    7: _VERSION_7,
    8: _VERSION_8,
    9: _VERSION_9,
    10: _VERSION_10,
    11: _VERSION_11,
    12: _VERSION_12,
    13: _VERSION_13,
}


def upgrade_steps(current: int) -> list[str]:
    """Return the DDL statements that bring a database at version `current` up to date."""
    return [
        ddl for version in range(current + 1, SCHEMA_VERSION + 1) for ddl in MIGRATIONS[version]
    ]
