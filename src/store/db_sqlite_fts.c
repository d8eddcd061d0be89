/* db_sqlite_fts.c: the FTS5 tokenizer "pok_dutch" of the library of measures' index
 * (migration_search): FTS5's unicode61 with remove_diacritics 2 (lower case, accents
 * off: "Cliëntondersteuning" is "clientondersteuning"), and every token stemmed with
 * Snowball's Dutch stemmer from Debian's libstemmer ("wijkteams" is "wijkteam"). The same
 * runs on the indexed text and on a query's words, so word forms find each other, as
 * PostgreSQL's to_tsvector('dutch', unaccent(...)) does on the other backend. Registered
 * on every connection the driver opens (db_sqlite_open). */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "db_sqlite.h"

/* A token longer than this is passed on unstemmed (no Dutch word is). */
#define STEM_MAX 256

typedef struct DutchTokenizer {
    fts5_tokenizer base;  /* unicode61's methods */
    Fts5Tokenizer *inner; /* its instance */
    struct sb_stemmer *stemmer;
} DutchTokenizer;

typedef struct DutchCall {
    DutchTokenizer *t;
    void *ctx;
    int (*token)(void *, int, const char *, int, int, int);
} DutchCall;

static int dutch_create(void *user, const char **argv, int argc, Fts5Tokenizer **out)
{
    fts5_api *api = user;
    void *inner_user = NULL;
    DutchTokenizer *t = xcalloc(1, sizeof *t);
    int rc = api->xFindTokenizer(api, "unicode61", &inner_user, &t->base);
    const char *args[] = {"remove_diacritics", "2"};
    if (rc == SQLITE_OK) rc = t->base.xCreate(inner_user, args, 2, &t->inner);
    if (rc == SQLITE_OK) {
        t->stemmer = sb_stemmer_new("dutch", NULL);
        if (!t->stemmer) rc = SQLITE_NOMEM;
    }
    if (rc != SQLITE_OK) {
        if (t->inner) t->base.xDelete(t->inner);
        free(t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

static void dutch_delete(Fts5Tokenizer *tok)
{
    DutchTokenizer *t = (DutchTokenizer *)tok;
    t->base.xDelete(t->inner);
    sb_stemmer_delete(t->stemmer);
    free(t);
}

static int dutch_token(void *arg, int flags, const char *text, int len, int start, int end)
{
    DutchCall *c = arg;
    if (len <= 0 || len > STEM_MAX) return c->token(c->ctx, flags, text, len, start, end);
    const sb_symbol *stem = sb_stemmer_stem(c->t->stemmer, (const sb_symbol *)text, len);
    if (!stem) return SQLITE_NOMEM;
    return c->token(c->ctx, flags, (const char *)stem, sb_stemmer_length(c->t->stemmer), start,
                    end);
}

static int dutch_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int len,
                          int (*token)(void *, int, const char *, int, int, int))
{
    DutchTokenizer *t = (DutchTokenizer *)tok;
    DutchCall call = {t, ctx, token};
    return t->base.xTokenize(t->inner, &call, flags, text, len, dutch_token);
}

int db_sqlite_register_fts(sqlite3 *h)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2) return -1;
    static fts5_tokenizer dutch = {dutch_create, dutch_delete, dutch_tokenize};
    return api->xCreateTokenizer(api, "pok_dutch", api, &dutch, NULL) == SQLITE_OK ? 0 : -1;
}
