"""The PostgreSQL schema: the same tables, columns and names as the SQLite one (`schema`).

A new PostgreSQL database is created at `BASELINE` (SQLite's version 8) in one go;
`MIGRATIONS[v]` then upgrades one at version v - 1 to v, mirroring SQLite's migration v,
so both backends carry the same `SCHEMA_VERSION`. The version is kept in the table
`onrecord_schema`. What differs from SQLite, and why:

- integers are BIGINT (band keys are 64-bit), reals DOUBLE PRECISION, blobs BYTEA; dates
  stay ISO text, so every query reads them the same way;
- ids are sequences; a BEFORE INSERT trigger (`onrecord_row_id`) gives a NULL id the next
  one and moves the sequence past an id given explicitly, as SQLite's INTEGER PRIMARY KEY;
- `speaker_aliases.rowid` is a real column, the order aliases were added in;
- full-text search is a generated `tsvector` column (`statements.content_tsv`, English
  stemming) with a GIN index, instead of the FTS5 table and its triggers;
- the kept speaker counts are BEFORE row triggers, which see the rows an earlier row of the
  same statement changed, as SQLite's row triggers do;
- `casefold` and `instr` are SQL functions, so the store's queries run unchanged.
"""

from __future__ import annotations

from onrecord.store.schema import CHANNEL_COLUMNS, STATEMENTS_VIEW

BASELINE = 8
"""The SQLite schema version a new PostgreSQL database is created at."""

# Text search configuration of `content_tsv` and of the queries against it.
SEARCH_CONFIG = "english"

_DATE = "CHECK ({column} IS NULL OR to_char({column}::date, 'YYYY-MM-DD') = {column})"


def _date(column: str) -> str:
    return _DATE.format(column=column)


_FUNCTIONS: tuple[str, ...] = (
    # SQLite's casefold is Python's, registered on the connection; lower() is its nearest.
    "CREATE FUNCTION casefold(value text) RETURNS text LANGUAGE sql IMMUTABLE "
    "AS $$ SELECT coalesce(lower(value), '') $$",
    "CREATE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql "
    "IMMUTABLE AS $$ SELECT strpos(haystack, needle) $$",
    # Every search term required, each as a phrase of its words (SQLite quotes each term
    # for FTS5, whose tokenizer splits "talks-US" into two words as the regexp does here).
    f"""
    CREATE FUNCTION onrecord_tsquery(terms text[]) RETURNS tsquery LANGUAGE plpgsql
    IMMUTABLE AS $$
    DECLARE
        found tsquery := ''::tsquery;
        term text;
    BEGIN
        FOREACH term IN ARRAY terms LOOP
            found := found && phraseto_tsquery(
                '{SEARCH_CONFIG}', regexp_replace(term, '[^[:alnum:]]+', ' ', 'g'));
        END LOOP;
        RETURN found;
    END $$
    """,
    """
    CREATE FUNCTION onrecord_row_id() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        seq regclass := pg_get_serial_sequence(
            quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_TABLE_NAME), 'id')::regclass;
    BEGIN
        IF new.id IS NULL THEN
            new.id := nextval(seq);
        ELSIF new.id > coalesce(pg_sequence_last_value(seq), 0) THEN
            PERFORM setval(seq, new.id);
        END IF;
        RETURN new;
    END $$
    """,
)


def _row_ids(*tables: str) -> tuple[str, ...]:
    return tuple(
        # Named to run before the table's other BEFORE triggers (PostgreSQL runs them by name).
        f"CREATE TRIGGER {table}_assign_id BEFORE INSERT ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION onrecord_row_id()"
        for table in tables
    )


_TABLES: tuple[str, ...] = (
    f"""
    CREATE TABLE articles (
        id                 TEXT PRIMARY KEY,
        doc                TEXT NOT NULL,
        source             TEXT NOT NULL,
        outlet             TEXT,
        title              TEXT,
        published          TEXT {_date("published")},
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
        seq         BIGINT NOT NULL,
        clean_start BIGINT NOT NULL CHECK (clean_start >= 0),
        raw_start   BIGINT NOT NULL CHECK (raw_start >= 0),
        length      BIGINT NOT NULL CHECK (length >= 0),
        PRIMARY KEY (article_id, seq)
    )
    """,
    """
    CREATE TABLE article_captions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq        BIGINT NOT NULL,
        start      BIGINT NOT NULL CHECK (start >= 0),
        end_       BIGINT NOT NULL,
        PRIMARY KEY (article_id, seq),
        CHECK (start <= end_)
    )
    """,
    """
    CREATE TABLE speakers (
        id          BIGSERIAL PRIMARY KEY,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL,
        external_id TEXT,
        name_fixed  BIGINT NOT NULL DEFAULT 0,
        UNIQUE (name, kind)
    )
    """,
    # SQLite's index is (name COLLATE NOCASE, name); the connection reads that as lower(name).
    "CREATE INDEX speakers_listing ON speakers (lower(name), name)",
    """
    CREATE TABLE speaker_aliases (
        rowid      BIGSERIAL,
        speaker_id BIGINT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        alias      TEXT NOT NULL,
        UNIQUE (speaker_id, alias)
    )
    """,
    "CREATE INDEX speaker_aliases_alias ON speaker_aliases (alias)",
    f"""
    CREATE TABLE statements (
        id                 BIGSERIAL PRIMARY KEY,
        article_id         TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position           BIGINT NOT NULL,
        speaker_id         BIGINT REFERENCES speakers (id),
        speaker_kind       TEXT NOT NULL,
        speaker_start      BIGINT,
        speaker_end        BIGINT,
        kind               TEXT NOT NULL,
        confidence         DOUBLE PRECISION NOT NULL,
        source_text        TEXT NOT NULL,
        cue_text           TEXT NOT NULL,
        content_text       TEXT NOT NULL,
        content_start      BIGINT,
        content_end        BIGINT,
        speaker_mention    TEXT,
        said_on            TEXT {_date("said_on")},
        said_on_precision  TEXT CHECK (said_on_precision IS NULL
                                       OR said_on_precision IN ('day', 'month', 'year')),
        said_on_expression TEXT,
        said_on_start      BIGINT,
        said_on_end        BIGINT,
        said_on_method     TEXT,
        occasion_text      TEXT,
        occasion_start     BIGINT,
        occasion_end       BIGINT,
        published          TEXT,
        dated              TEXT GENERATED ALWAYS AS (coalesce(said_on, published)) STORED,
        content_tsv        tsvector GENERATED ALWAYS AS
                               (to_tsvector('{SEARCH_CONFIG}', content_text)) STORED,
        UNIQUE (article_id, position),
        CHECK (speaker_start IS NULL OR 0 <= speaker_start AND speaker_start <= speaker_end),
        CHECK (content_start IS NULL OR 0 <= content_start AND content_start <= content_end)
    )
    """,
    "CREATE INDEX statements_said_on ON statements (said_on)",
    """
    CREATE INDEX statements_listing
    ON statements (speaker_id, (published IS NULL), published, article_id, position)
    """,
    "CREATE INDEX statements_dated ON statements (dated)",
    "CREATE INDEX statements_speaker_dated ON statements (speaker_id, dated)",
    "CREATE INDEX statements_search ON statements USING gin (content_tsv)",
    """
    CREATE TABLE statement_spans (
        statement_id BIGINT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        role         TEXT NOT NULL CHECK (role IN ('source', 'cue', 'content')),
        seq          BIGINT NOT NULL,
        start        BIGINT NOT NULL CHECK (start >= 0),
        end_         BIGINT NOT NULL,
        PRIMARY KEY (statement_id, role, seq),
        CHECK (start <= end_)
    )
    """,
    f"""
    CREATE TABLE statement_clusters (
        statement_id BIGINT PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE,
        cluster_id   BIGINT NOT NULL,
        speaker_id   BIGINT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        placed_on    TEXT {_date("placed_on")},
        exact        BIGINT NOT NULL CHECK (exact IN (0, 1)),
        ambiguous    BIGINT NOT NULL DEFAULT 0 CHECK (ambiguous IN (0, 1))
    )
    """,
    "CREATE INDEX statement_clusters_cluster ON statement_clusters (cluster_id)",
    "CREATE INDEX statement_clusters_placed ON statement_clusters (speaker_id, placed_on)",
    """
    CREATE TABLE statement_bands (
        key          BIGINT NOT NULL,
        statement_id BIGINT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        PRIMARY KEY (key, statement_id)
    )
    """,
    "CREATE INDEX statement_bands_statement ON statement_bands (statement_id)",
    """
    CREATE TABLE cluster_links (
        a     BIGINT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        b     BIGINT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        how   TEXT NOT NULL CHECK (how IN ('verbatim', 'trimmed', 'paraphrase')),
        score DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    )
    """,
    "CREATE INDEX cluster_links_b ON cluster_links (b)",
    f"""
    CREATE TABLE speech_events (
        id         BIGINT PRIMARY KEY,
        speaker_id BIGINT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        said_on    TEXT {_date("said_on")},
        occasion   TEXT
    )
    """,
    "CREATE INDEX speech_events_speaker ON speech_events (speaker_id, said_on)",
    "CREATE INDEX speech_events_said_on ON speech_events (said_on)",
    """
    CREATE TABLE speech_event_statements (
        event_id     BIGINT NOT NULL REFERENCES speech_events (id) ON DELETE CASCADE,
        statement_id BIGINT PRIMARY KEY REFERENCES statements (id) ON DELETE CASCADE
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
        statement_id BIGINT NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
        topic        TEXT NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
        score        DOUBLE PRECISION NOT NULL CHECK (0 <= score AND score <= 1),
        relevant     BIGINT NOT NULL CHECK (relevant IN (0, 1)),
        stance       TEXT NOT NULL CHECK (stance IN ('for', 'against', 'neutral')),
        qualifier    TEXT CHECK (qualifier IS NULL OR qualifier = 'conditional'),
        confidence   DOUBLE PRECISION NOT NULL,
        cues         TEXT NOT NULL DEFAULT '[]' CHECK (cues::jsonb IS NOT NULL),
        PRIMARY KEY (statement_id, topic)
    )
    """,
    "CREATE INDEX statement_topics_topic ON statement_topics (topic, stance)",
    """
    CREATE TABLE edits (
        id           BIGSERIAL PRIMARY KEY,
        made_at      TEXT NOT NULL,
        made_by      TEXT,
        action       TEXT NOT NULL CHECK (action IN
                         ('set', 'update', 'redate', 'reassign', 'delete', 'merge', 'rename')),
        article_id   TEXT,
        statement_id BIGINT,
        speaker_id   BIGINT,
        field        TEXT,
        old_value    TEXT,
        new_value    TEXT,
        origin       TEXT,
        cause        BIGINT REFERENCES edits (id)
    )
    """,
    "CREATE INDEX edits_article ON edits (article_id)",
    "CREATE INDEX edits_statement ON edits (statement_id)",
    "CREATE INDEX edits_speaker ON edits (speaker_id)",
    """
    CREATE TABLE fetched_pages (
        id           BIGSERIAL PRIMARY KEY,
        url          TEXT NOT NULL,
        final_url    TEXT NOT NULL,
        fetched_at   TEXT NOT NULL,
        status       BIGINT NOT NULL,
        content_type TEXT,
        body         BYTEA NOT NULL,
        article_id   TEXT REFERENCES articles (id) ON DELETE SET NULL
    )
    """,
    "CREATE INDEX fetched_pages_url ON fetched_pages (url)",
    "CREATE INDEX fetched_pages_final_url ON fetched_pages (final_url)",
    "CREATE INDEX fetched_pages_article ON fetched_pages (article_id)",
    """
    CREATE TABLE pending_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE speaker_counts (
        speaker_id BIGINT PRIMARY KEY REFERENCES speakers (id) ON DELETE CASCADE,
        statements BIGINT NOT NULL,
        articles   BIGINT NOT NULL
    )
    """,
    "CREATE INDEX speaker_counts_statements ON speaker_counts (statements)",
    """
    CREATE TABLE speaker_outlets (
        speaker_id BIGINT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
        outlet     TEXT NOT NULL,
        articles   BIGINT NOT NULL,
        PRIMARY KEY (speaker_id, outlet)
    )
    """,
    *_row_ids("speakers", "statements", "edits", "fetched_pages"),
)

# A speaker's statements (with one in the article): 1 when `article` holds no other
# statement of `speaker` than `statement`; its counts of articles change only then.
_ALONE = (
    "(CASE WHEN EXISTS (SELECT 1 FROM statements o WHERE o.article_id = {row}.article_id "
    "AND o.speaker_id = {row}.speaker_id AND o.id <> {row}.id) THEN 0 ELSE 1 END)"
)
_NEW_ALONE = _ALONE.format(row="new")
_OLD_ALONE = _ALONE.format(row="old")
# What a statement adds to its speaker's counts and outlets, and what it takes away.
_COUNT_IN = f"""
    IF new.speaker_id IS NOT NULL THEN
        INSERT INTO speaker_counts AS c (speaker_id, statements, articles)
        VALUES (new.speaker_id, 1, 1)
        ON CONFLICT (speaker_id) DO UPDATE SET statements = c.statements + 1,
                                               articles = c.articles + {_NEW_ALONE};
        INSERT INTO speaker_outlets AS o (speaker_id, outlet, articles)
        SELECT new.speaker_id, a.outlet, 1 FROM articles a
        WHERE a.id = new.article_id AND a.outlet IS NOT NULL AND {_NEW_ALONE} = 1
        ON CONFLICT (speaker_id, outlet) DO UPDATE SET articles = o.articles + 1;
    END IF;
"""
_COUNT_OUT = f"""
    IF old.speaker_id IS NOT NULL THEN
        UPDATE speaker_counts SET statements = statements - 1,
                                  articles = articles - {_OLD_ALONE}
        WHERE speaker_id = old.speaker_id;
        UPDATE speaker_outlets SET articles = articles - 1
        WHERE speaker_id = old.speaker_id AND {_OLD_ALONE} = 1
          AND outlet = (SELECT a.outlet FROM articles a WHERE a.id = old.article_id);
        DELETE FROM speaker_outlets WHERE speaker_id = old.speaker_id AND articles <= 0;
    END IF;
"""


def _trigger(name: str, when: str, body: str, returns: str) -> tuple[str, str]:
    """A plpgsql trigger function and the row trigger that runs it."""
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {body} RETURN {returns}; END $$",
        f"CREATE TRIGGER {name} {when} FOR EACH ROW EXECUTE FUNCTION {name}()",
    )


_TRIGGERS: tuple[str, ...] = (
    *_trigger("statements_counts_insert", "BEFORE INSERT ON statements", _COUNT_IN, "new"),
    *_trigger("statements_counts_delete", "BEFORE DELETE ON statements", _COUNT_OUT, "old"),
    *_trigger(
        "statements_counts_move",
        "BEFORE UPDATE OF speaker_id ON statements",
        f"IF old.speaker_id IS DISTINCT FROM new.speaker_id THEN {_COUNT_OUT} {_COUNT_IN} "
        "END IF;",
        "new",
    ),
    # An article's statements go first, so their counts are taken back from its outlet.
    *_trigger(
        "articles_counts_delete",
        "BEFORE DELETE ON articles",
        "DELETE FROM statements WHERE article_id = old.id;",
        "old",
    ),
    *_trigger(
        "articles_counts_outlet",
        "AFTER UPDATE OF outlet ON articles",
        """
        IF old.outlet IS DISTINCT FROM new.outlet THEN
            UPDATE speaker_outlets SET articles = articles - 1
            WHERE outlet = old.outlet AND speaker_id IN
                (SELECT speaker_id FROM statements WHERE article_id = new.id);
            DELETE FROM speaker_outlets WHERE outlet = old.outlet AND articles <= 0;
            INSERT INTO speaker_outlets AS o (speaker_id, outlet, articles)
            SELECT DISTINCT speaker_id, new.outlet, 1 FROM statements
            WHERE article_id = new.id AND speaker_id IS NOT NULL AND new.outlet IS NOT NULL
            ON CONFLICT (speaker_id, outlet) DO UPDATE SET articles = o.articles + 1;
        END IF;
        """,
        "new",
    ),
    *_trigger(
        "articles_published_update",
        "AFTER UPDATE OF published ON articles",
        "UPDATE statements SET published = new.published WHERE article_id = new.id;",
        "new",
    ),
)

CREATE: tuple[str, ...] = (*_FUNCTIONS, *_TABLES, *_TRIGGERS)
"""The DDL of a new database at `BASELINE`."""

# MIGRATIONS[v] upgrades a PostgreSQL database at version v - 1 to version v: the
# PostgreSQL form of SQLite's migration v.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    # Version 9: SQLite's full-text index is spelled again for Datasette (nothing to do
    # here: search reads statements.content_tsv); the same statements_view.
    9: (STATEMENTS_VIEW,),
    # Version 10: SQLite's speaker-count triggers look through the article's statements
    # (`+o.speaker_id`); PostgreSQL's planner picks that index by its own statistics.
    10: (),
    # Version 11: the reporting channel's words and span (INTEGER is a 32-bit int here,
    # enough for an offset into an article of max_article_chars).
    11: CHANNEL_COLUMNS,
    # Version 12: speakers matched by stored keys, and the offices the corpus names them by.
    12: (
        """
        ALTER TABLE speaker_aliases ADD COLUMN keyed BIGINT NOT NULL DEFAULT 0
            CHECK (keyed IN (0, 1))
        """,
        "CREATE INDEX speaker_aliases_unkeyed ON speaker_aliases (speaker_id) WHERE keyed = 0",
        """
        CREATE TABLE speaker_keys (
            kind       TEXT NOT NULL,
            key        TEXT NOT NULL,
            field      TEXT NOT NULL CHECK (field IN ('name', 'variant', 'first', 'skeleton')),
            speaker_id BIGINT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
            surname    TEXT,
            given      TEXT NOT NULL DEFAULT '',
            suffix     TEXT,
            PRIMARY KEY (kind, key, field, speaker_id)
        )
        """,
        "CREATE INDEX speaker_keys_surname ON speaker_keys (surname) WHERE surname IS NOT NULL",
        "CREATE INDEX speaker_keys_speaker ON speaker_keys (speaker_id)",
        f"""
        CREATE TABLE speaker_roles (
            head        TEXT NOT NULL,
            words       TEXT NOT NULL,
            designator  TEXT NOT NULL DEFAULT '',
            speaker_id  BIGINT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
            first_seen  TEXT {_date("first_seen")},
            last_seen   TEXT {_date("last_seen")},
            PRIMARY KEY (head, words, designator, speaker_id)
        )
        """,
        "CREATE INDEX speaker_roles_speaker ON speaker_roles (speaker_id)",
    ),
    # Version 13: the bare titles statements were assigned by, to find their holder again.
    13: (
        """
        CREATE TABLE speaker_titles (
            head       TEXT NOT NULL,
            said_on    TEXT NOT NULL DEFAULT ''
                CHECK (said_on = '' OR to_char(said_on::date, 'YYYY-MM-DD') = said_on),
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
                DEFERRABLE INITIALLY DEFERRED,
            mention    TEXT NOT NULL,
            PRIMARY KEY (head, said_on, article_id, mention)
        )
        """,
        "CREATE INDEX speaker_titles_article ON speaker_titles (article_id)",
    ),
}


def upgrade_steps(current: int, target: int) -> list[str]:
    """Return the DDL that brings a PostgreSQL database at `current` (0: new) to `target`."""
    steps = list(CREATE) if current == 0 else []
    first = BASELINE + 1 if current == 0 else current + 1
    for version in range(first, target + 1):
        steps.extend(MIGRATIONS[version])
    return steps
