/* read_ocr.c: scanned pages through Tesseract's C API with the Dutch data, and image files
 * (PNG, JPEG, TIFF) through Leptonica. The recognised words, their boxes converted to
 * points, go through the same line grouping as the words of a PDF's text layer
 * (read_lines.c), so a scanned table comes out as rows with columns. */
#include "read_internal.h"

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct ReadOcr {
    TessBaseAPI *api;
    ETEXT_DESC *monitor;
};

/* Every word Tesseract finds is kept, however unsure (a glued "596.437|€180.000|" in a
 * ruled table scores low and is still the document's figure); but a page counts as text
 * only when a word with a letter or digit scores at least this, so a photo's texture or
 * specks are no text. */
#define TEXT_CONFIDENCE 40.0f

/* Where Debian and others keep the traineddata files; $TESSDATA_PREFIX first. */
static const char *const TESSDATA_DIRS[] = {
    "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata", "/usr/local/share/tessdata", NULL};

static int has_dutch(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/nld.traineddata", dir) >= (int)sizeof path) return 0;
    return access(path, R_OK) == 0;
}

static const char *tessdata_dir(void)
{
    const char *env = getenv("TESSDATA_PREFIX");
    if (env && env[0] && has_dutch(env)) return env;
    for (size_t i = 0; TESSDATA_DIRS[i]; i++)
        if (has_dutch(TESSDATA_DIRS[i])) return TESSDATA_DIRS[i];
    return NULL;
}

/* Tesseract's debug output and Leptonica's messages go to stderr unless told otherwise;
 * both are process-wide settings, made once. */
static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;
static void quiet_libraries(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    TessBaseAPI *api = TessBaseAPICreate();
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    TessBaseAPIDelete(api);
}

ReadOcr *read_ocr_new(const char *file, PokErr *err)
{
    pthread_once(&quiet_once, quiet_libraries);
    const char *dir = tessdata_dir();
    if (!dir) {
        err_set(err,
                "%s: heeft pagina's zonder tekst (een scan), maar de Nederlandse gegevens "
                "voor tekstherkenning (nld.traineddata van Tesseract) ontbreken",
                file);
        return NULL;
    }
    ReadOcr *ocr = xcalloc(1, sizeof *ocr);
    ocr->api = TessBaseAPICreate();
    if (TessBaseAPIInit3(ocr->api, dir, "nld") != 0) {
        TessBaseAPIDelete(ocr->api);
        free(ocr);
        err_set(err, "%s: de tekstherkenning (Tesseract, Nederlands) start niet", file);
        return NULL;
    }
    TessBaseAPISetPageSegMode(ocr->api, PSM_AUTO);
    ocr->monitor = TessMonitorCreate();
    return ocr;
}

void read_ocr_free(ReadOcr *ocr)
{
    if (!ocr) return;
    TessMonitorDelete(ocr->monitor);
    TessBaseAPIEnd(ocr->api);
    TessBaseAPIDelete(ocr->api);
    free(ocr);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* s without the white space Tesseract may put around a word (in place). */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

/* Whether w has a letter or digit (any non-ASCII character counts: é, ë, €). */
static int has_alnum(const char *w)
{
    for (; *w; w++)
        if ((*w >= '0' && *w <= '9') || ((*w | 0x20) >= 'a' && (*w | 0x20) <= 'z') ||
            (unsigned char)*w >= 0x80)
            return 1;
    return 0;
}

typedef struct Words {
    ReadWord *words;
    size_t n, cap;
    Arena texts;
} Words;

static void push(Words *ws, const char *text, size_t len, ReadWord box)
{
    if (ws->n >= READ_MAX_PAGE_WORDS) return;
    if (ws->n == ws->cap) {
        ws->cap = ws->cap ? ws->cap * 2 : 256;
        ws->words = xrealloc(ws->words, ws->cap * sizeof *ws->words);
    }
    char *t = arena_alloc(&ws->texts, len + 1);
    memcpy(t, text, len);
    box.text = t;
    ws->words[ws->n++] = box;
}

static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xc0) != 0x80;
    return n;
}

/* Whether the byte at w[i] (of n) is a table's ruling as Tesseract reads it inside a
 * "word": a bar anywhere, or '(', '[' or '/' right after a digit and not before one
 * ("405.000(", "180.000(€", "180.000/"; not "2024/2025"). */
static int is_rule(const char *w, size_t i, size_t n)
{
    char c = w[i];
    if (c == '|') return 1;
    if (c != '(' && c != '[' && c != '/') return 0;
    int digit_before = i > 0 && w[i - 1] >= '0' && w[i - 1] <= '9';
    int digit_after = i + 1 < n && w[i + 1] >= '0' && w[i + 1] <= '9';
    return digit_before && !digit_after;
}

/* A word as Tesseract read it, split at the rules in it (is_rule): a table's ruling
 * glues the cells either side into one "word" ("596.437|€180.000|"). Each part gets its
 * share of the box by its number of characters; the rules stay, as words of their own,
 * as a text PDF of a table flattened with '|' has them. */
static void add_word(Words *ws, const char *w, ReadWord box)
{
    size_t len = strlen(w), total = utf8_chars(w, len), done = 0;
    double width = box.x1 - box.x0;
    for (size_t i = 0; i < len;) {
        size_t j = i + 1;
        if (!is_rule(w, i, len))
            while (j < len && !is_rule(w, j, len)) j++;
        size_t chars = utf8_chars(w + i, j - i);
        ReadWord part = box;
        part.x0 = box.x0 + width * (double)done / (double)total;
        part.x1 = box.x0 + width * (double)(done + chars) / (double)total;
        push(ws, w + i, j - i, part);
        done += chars;
        i = j;
    }
}

/* The image set in ocr->api recognised and its words grouped into lines of page. */
static int recognise(ReadOcr *ocr, ReadDoc *doc, int page, int dpi, PokErr *err)
{
    TessBaseAPISetSourceResolution(ocr->api, dpi);
    /* The deadline counts from now (Tesseract adds it to the current time). */
    TessMonitorSetDeadlineMSecs(ocr->monitor, READ_OCR_PAGE_SECONDS * 1000);
    double start = seconds_now();
    int rc = TessBaseAPIRecognize(ocr->api, ocr->monitor);
    if (rc != 0 || seconds_now() - start >= READ_OCR_PAGE_SECONDS) {
        TessBaseAPIClear(ocr->api);
        return err_set(err, "%s, pagina %d: de tekstherkenning duurde langer dan %d seconden",
                       doc->file, page, READ_OCR_PAGE_SECONDS);
    }
    Words ws = {0};
    size_t readable = 0;
    TessResultIterator *ri = TessBaseAPIGetIterator(ocr->api);
    const TessPageIterator *pi = ri ? TessResultIteratorGetPageIterator(ri) : NULL;
    if (ri) {
        double scale = 72.0 / dpi;
        do {
            int l, t, r, b;
            if (!TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b)) continue;
            char *s = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
            float conf = TessResultIteratorConfidence(ri, RIL_WORD);
            const char *w = s ? trim(s) : "";
            if (w[0]) {
                add_word(&ws, w, (ReadWord){NULL, l * scale, t * scale, r * scale, b * scale});
                readable += has_alnum(w) && conf >= TEXT_CONFIDENCE;
            }
            TessDeleteText(s);
        } while (TessResultIteratorNext(ri, RIL_WORD));
        TessResultIteratorDelete(ri);
    }
    TessBaseAPIClear(ocr->api);
    /* a page of specks and punctuation (a photo, an empty scan) has no text */
    if (readable) read_lines_page(doc, page, ws.words, ws.n);
    free(ws.words);
    arena_free(&ws.texts);
    return (int)readable;
}

int read_ocr_grey(ReadOcr *ocr, ReadDoc *doc, int page, const unsigned char *pixels, int w, int h,
                  int stride, int dpi, PokErr *err)
{
    TessBaseAPISetImage(ocr->api, pixels, w, h, 1, stride);
    return recognise(ocr, doc, page, dpi, err);
}

/* Image files: one page each (a TIFF's first page). */
int read_image(ReadDoc *doc, const unsigned char *data, size_t len, const ReadLimits *lim,
               PokErr *err)
{
    pthread_once(&quiet_once, quiet_libraries);
    l_int32 format, w, h, bps, spp, cmap;
    if (pixReadHeaderMem(data, len, &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0)
        return err_set(err, "%s: is beschadigd: de afbeelding kan niet worden gelezen", doc->file);
    if ((long long)w * h > READ_OCR_MAX_PIXELS)
        return err_set_code(err, ERR_TOO_LARGE,
                            "%s: de afbeelding is te groot (%d x %d beeldpunten; ten hoogste "
                            "%lld miljoen)",
                            doc->file, w, h, READ_OCR_MAX_PIXELS / 1000000);
    if (lim->no_ocr)
        return err_set(err, "%s: is een afbeelding en tekstherkenning staat uit", doc->file);
    PIX *pix = pixReadMem(data, len);
    if (!pix)
        return err_set(err, "%s: is beschadigd: de afbeelding kan niet worden gelezen", doc->file);
    /* Tesseract takes 1, 8 or 32 bits a pixel; a palette or 16 bits becomes grey. */
    PIX *grey = pixConvertTo8(pix, 0);
    pixDestroy(&pix);
    if (!grey) return err_set(err, "%s: de afbeelding kan niet worden omgezet", doc->file);
    int dpi = pixGetXRes(grey);
    if (dpi < 70 || dpi > 1200) /* unknown or implausible: what scanners use */
        dpi = 300;
    if (lim->ocr_dpi > 300 && (long long)w * h * lim->ocr_dpi / 300 * lim->ocr_dpi / 300 <=
                                  READ_OCR_MAX_PIXELS) { /* the finer second reading */
        float f = (float)lim->ocr_dpi / 300;
        PIX *big = pixScaleGrayLI(grey, f, f);
        if (big) {
            pixDestroy(&grey);
            grey = big;
            dpi = (int)lrintf((float)dpi * f);
        }
    }
    ReadOcr *ocr = read_ocr_new(doc->file, err);
    if (!ocr) {
        pixDestroy(&grey);
        return -1;
    }
    TessBaseAPISetImage2(ocr->api, grey);
    int n = recognise(ocr, doc, 1, dpi, err);
    read_ocr_free(ocr);
    pixDestroy(&grey);
    if (n < 0) return -1;
    if (n == 0 || doc->nlines == 0) return err_set(err, "%s: bevat geen leesbare tekst", doc->file);
    doc->ocr_pages = arena_alloc(&doc->arena, sizeof *doc->ocr_pages);
    doc->ocr_pages[0] = 1;
    doc->n_ocr = 1;
    doc->has_geometry = 1;
    return 0;
}
