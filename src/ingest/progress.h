/* progress.h: a progress line for long imports ("grootboek.csv: 3.400.000 regels (34%)"),
 * shown only when stderr is a terminal, at most a few times per second. */
#ifndef POK_PROGRESS_H
#define POK_PROGRESS_H

#include <stdint.h>

typedef struct Progress {
    const char *name;    /* shown before the count */
    int64_t total_bytes; /* 0: unknown, no percentage */
    int enabled;         /* stderr is a terminal */
    int shown;           /* something is on the line to clear */
    int64_t next_ns;     /* monotonic time of the next allowed update */
} Progress;

/* Start: path gives the total size (a file that cannot be stat'ed shows no percentage). */
void progress_start(Progress *p, const char *name, const char *path);
/* Report lines and bytes read; cheap enough to call every few thousand lines. */
void progress_update(Progress *p, int64_t lines, int64_t bytes);
/* Clear the line (nothing is printed on a non-terminal). */
void progress_end(Progress *p);

/* A count with Dutch thousands dots ("3.400.000") into buf (at least 32 bytes). */
char *progress_count(int64_t n, char *buf, int size);

#endif
