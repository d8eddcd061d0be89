/* read.c: pok read FILE...: council documents read, their POK amounts listed and their
 * arithmetic checked (docs/read.md). Reads no store: nothing it finds is saved. Several
 * files are read by --jobs threads; the output keeps the order of the arguments. */
#include "../read/read.h"
#include "cli.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READ_MAX_JOBS 64

typedef struct ReadJob {
    const char *path;
    int json;
    const char *muni;
    Buf out;    /* what to print for this file */
    int failed; /* could not be read */
    int findings;
    PokErr err;
} ReadJob;

typedef struct ReadQueue {
    ReadJob *jobs;
    size_t n, next;
    pthread_mutex_t lock;
} ReadQueue;

static void read_one(ReadJob *j)
{
    ReadDoc doc;
    ReadResult res;
    unsigned char *data = NULL;
    size_t len = 0;
    if (read_file_bytes(j->path, NULL, &data, &len, &j->err) != 0 ||
        read_and_analyse(j->path, data, len, NULL, j->muni, &doc, &res, &j->err) != 0) {
        j->failed = 1;
        free(data);
        return;
    }
    free(data);
    j->findings = res.nfindings > 0;
    if (j->json) {
        json_t *o = read_result_json(&doc, &res);
        char *s = json_dumps(o, JSON_COMPACT);
        buf_puts(&j->out, s);
        buf_puts(&j->out, "\n");
        free(s);
        json_decref(o);
    } else {
        read_result_text(&doc, &res, &j->out);
    }
    read_result_free(&res);
    read_doc_free(&doc);
}

static void *read_worker(void *arg)
{
    ReadQueue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->lock);
        size_t i = q->next < q->n ? q->next++ : q->n;
        pthread_mutex_unlock(&q->lock);
        if (i >= q->n) return NULL;
        read_one(&q->jobs[i]);
    }
}

static int cmd_read(Cli *cli, int argc, char **argv)
{
    (void)cli;
    static const char usage[] =
        "pok read FILE... [--format text|json] [--municipality CODE] [--jobs N] [--strict]";
    const char **pos = xcalloc((size_t)argc + 1, sizeof *pos);
    const char *format = NULL, *muni = NULL, *jobs_text = NULL;
    int strict = 0, npos = 0;
    CliOpt opts[] = {{"format", 1, &format, NULL},
                     {"municipality", 1, &muni, NULL},
                     {"jobs", 1, &jobs_text, NULL},
                     {"strict", 0, NULL, &strict},
                     {0}};
    int rc = cli_parse(argc, argv, opts, pos, 1, argc, &npos, usage);
    if (rc) {
        free(pos);
        return rc;
    }
    int json = 0;
    if (format && strcmp(format, "json") == 0)
        json = 1;
    else if (format && strcmp(format, "text") != 0) {
        free(pos);
        return cli_fail("veld 'format': verwacht text of json, niet '%s'", format);
    }
    long jobs = 1;
    if (jobs_text) {
        char *end;
        jobs = strtol(jobs_text, &end, 10);
        if (*end || jobs < 1 || jobs > READ_MAX_JOBS) {
            free(pos);
            return cli_fail("veld 'jobs': verwacht een getal van 1 tot en met %d, niet '%s'",
                            READ_MAX_JOBS, jobs_text);
        }
    }
    ReadQueue q = {.jobs = xcalloc((size_t)npos, sizeof(ReadJob)), .n = (size_t)npos};
    pthread_mutex_init(&q.lock, NULL);
    for (int i = 0; i < npos; i++) {
        q.jobs[i].path = pos[i];
        q.jobs[i].json = json;
        q.jobs[i].muni = muni;
    }
    if (jobs > npos) jobs = npos;
    pthread_t threads[READ_MAX_JOBS];
    long started = 0;
    for (long t = 1; t < jobs; t++)
        if (pthread_create(&threads[started], NULL, read_worker, &q) == 0) started++;
    read_worker(&q);
    for (long t = 0; t < started; t++) pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&q.lock);
    int failed = 0, findings = 0;
    for (int i = 0; i < npos; i++) {
        ReadJob *j = &q.jobs[i];
        if (j->failed) {
            fprintf(stderr, "pok: %s\n", j->err.msg);
            failed = 1;
        } else {
            fwrite(j->out.data ? j->out.data : "", 1, j->out.len, stdout);
            if (!json && i + 1 < npos) fputs("\n", stdout);
        }
        findings |= j->findings;
        buf_free(&j->out);
    }
    free(q.jobs);
    free(pos);
    return failed || (strict && findings) ? EXIT_USER : EXIT_OK;
}

CLI_GROUP(read, 205) = {
    {"read", NULL, cmd_read,
     "pok read FILE... [--format text|json] [--municipality CODE] [--jobs N] [--strict]",
     "Leest raadsvoorstellen, raadsinformatiebrieven, collegebesluiten, begrotingen en\n"
     "jaarrekeningen (PDF, ook gescand, DOCX, ODT of tekst): de gemeente, de datum, de\n"
     "kenmerken, de besluiten en elk POK-bedrag met jaar, actielijn en soort, en controleert\n"
     "de rekensommen van het document zelf (totalen, reserve, dekking, data). Slaat niets op.\n"
     "--municipality CODE: de gemeente waar het document over gaat, als die bekend is.\n"
     "--jobs N: N bestanden tegelijk. --strict: ook afsluitcode 1 bij bevindingen.\n"
     "JSON volgt het contract in docs/read.md.\n"
     "voorbeeld: pok read raadsvoorstel.pdf --format json"},
    {0},
};
