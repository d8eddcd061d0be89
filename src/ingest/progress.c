/* progress.c: the terminal progress line of long imports. It writes to stderr only when
 * that is a terminal, so logs and tests never see it. */
#include "progress.h"

#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Updates at most four times per second: more only costs time and flickers. */
#define PROGRESS_INTERVAL_NS 250000000LL

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

char *progress_count(int64_t n, char *buf, int size)
{
    char digits[24];
    uint64_t mag = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    int o = 0;
    if (n < 0 && o < size - 1) buf[o++] = '-';
    for (int i = 0; i < nd && o < size - 2; i++) {
        if (i > 0 && (nd - i) % 3 == 0) buf[o++] = '.';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

void progress_start(Progress *p, const char *name, const char *path)
{
    struct stat st;
    p->name = name;
    p->total_bytes = path && stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (int64_t)st.st_size : 0;
    p->enabled = isatty(STDERR_FILENO);
    p->shown = 0;
    p->next_ns = p->enabled ? now_ns() + PROGRESS_INTERVAL_NS : 0;
}

void progress_update(Progress *p, int64_t lines, int64_t bytes)
{
    if (!p->enabled) return;
    int64_t t = now_ns();
    if (t < p->next_ns) return;
    p->next_ns = t + PROGRESS_INTERVAL_NS;
    char count[32];
    progress_count(lines, count, sizeof count);
    if (p->total_bytes > 0)
        fprintf(stderr, "\r%s: %s regels (%d%%)", p->name, count,
                (int)(bytes * 100 / p->total_bytes));
    else
        fprintf(stderr, "\r%s: %s regels", p->name, count);
    fflush(stderr);
    p->shown = 1;
}

void progress_end(Progress *p)
{
    if (!p->enabled || !p->shown) return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = 0;
}
