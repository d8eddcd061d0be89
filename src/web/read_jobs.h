/* read_jobs.h: documents of "Document inlezen" read in the background. A scan takes
 * seconds a page; the upload starts a reading here and waits a moment for it (a text
 * document is done by then), else the browser is sent to a page that shows how far the
 * reading is and reloads itself until it is done (page_read.c). Each reading belongs to
 * the session that started it and to one municipality, under a random token; it is kept
 * WEB_READING_KEEP_SECONDS after it finished. The readings live in this process. */
#ifndef POK_READ_JOBS_H
#define POK_READ_JOBS_H

#include "../read/read.h"
#include "upload.h"

#define WEB_READINGS_MAX 8     /* readings kept at once, finished or not */
#define WEB_READINGS_RUNNING 2 /* read at the same time (the cores pok serve has) */
#define WEB_READING_KEEP_SECONDS (30 * 60)
#define WEB_READING_WAIT_MS 3000      /* the upload waits this long before the progress page */
#define WEB_READING_REFRESH_SECONDS 2 /* the progress page reloads itself this often */

typedef struct WebReading {
    char token[65];
    char name[1216]; /* the file name as uploaded */
    int running, failed;
    int page, pages; /* how far: pages read of pages (PDF; 0 of 0 before it knows) */
    ReadDoc doc;     /* when finished and not failed */
    ReadResult res;  /* idem */
    PokErr err;      /* when failed */
    WebPending kept; /* an editor's file, waiting for "opslaan" */
    int has_kept;
    /* private to read_jobs.c */
    char owner[65], muni[16];
    int used, refs;
    long finished;
    unsigned char *data;
    size_t len;
} WebReading;

/* Start reading data (copied) for req's session and muni_code; kept (may be NULL) is the
 * editor's file. token gets the reading's token. 0, or -1 with err (too many at once). */
int web_reading_start(const WebRequest *req, const char *muni_code, const char *name,
                      const unsigned char *data, size_t len, const WebPending *kept, char token[65],
                      PokErr *err);
/* The reading of token, for req's session and muni_code, held until web_reading_put
 * (NULL: unknown, expired, another session or municipality). Waits up to wait_ms for it
 * to finish. Fields other than page and pages may be read only once running is 0. */
WebReading *web_reading_get(const WebRequest *req, const char *token, const char *muni_code,
                            int wait_ms);
/* A snapshot of how far r is, taken under the lock. */
void web_reading_progress(WebReading *r, int *running, int *page, int *pages);
void web_reading_put(WebReading *r);

#endif
