/* upload.c: see upload.h. */
#include "upload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t web_upload_cap(const WebApp *app)
{
    return app->upload_max ? app->upload_max : WEB_UPLOAD_MAX_DEFAULT;
}

int web_upload_tmp(char *path, size_t size)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir) dir = "/tmp";
    if ((size_t)snprintf(path, size, "%s/pok-upload-XXXXXX", dir) >= size) return -1;
    mode_t old = umask(077);
    int fd = mkstemp(path);
    umask(old);
    return fd;
}

/* The last component of a file name as a browser may send it ("C:\\map\\brief.pdf"). */
static const char *base_name(const char *name)
{
    const char *base = name;
    for (const char *c = name; *c; c++)
        if (*c == '/' || *c == '\\') base = c + 1;
    return base;
}

int web_file_take(WebRequest *req, const char *field, const char *name, const char *content_type,
                  const char *path, size_t size)
{
    if (req->n_files >= WEB_MAX_FILES) {
        unlink(path);
        return -1;
    }
    WebFile *f = &req->files[req->n_files++];
    f->field = arena_strdup(&req->arena, field);
    f->name = arena_strdup(&req->arena, base_name(name ? name : ""));
    f->content_type = arena_strdup(
        &req->arena, content_type && *content_type ? content_type : "application/octet-stream");
    f->path = arena_strdup(&req->arena, path);
    f->size = size;
    return 0;
}

int web_file_add(WebRequest *req, const char *field, const char *name, const char *content_type,
                 const void *data, size_t len)
{
    char path[4096];
    int fd = web_upload_tmp(path, sizeof path);
    if (fd < 0) return -1;
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            close(fd);
            unlink(path);
            return -1;
        }
        p += n;
        left -= (size_t)n;
    }
    close(fd);
    return web_file_take(req, field, name, content_type, path, len);
}

const WebFile *web_file(const WebRequest *req, const char *field)
{
    for (size_t i = 0; i < req->n_files; i++) {
        const WebFile *f = &req->files[i];
        if (strcmp(f->field, field) == 0 && (f->name[0] || f->size > 0)) return f;
    }
    return NULL;
}

int web_file_read(const WebFile *f, size_t max, Buf *out, PokErr *err)
{
    buf_reset(out);
    if (f->size > max)
        return err_set_code(err, ERR_TOO_LARGE, "Het bestand is groter dan %zu MiB.", max >> 20);
    FILE *in = fopen(f->path, "rb");
    if (!in) return err_set(err, "Het bestand kon niet worden gelezen.");
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0) {
        if (out->len + n > max) {
            fclose(in);
            return err_set_code(err, ERR_TOO_LARGE, "Het bestand is groter dan %zu MiB.",
                                max >> 20);
        }
        buf_append(out, chunk, n);
    }
    int bad = ferror(in);
    fclose(in);
    if (bad || buf_failed(out)) return err_set(err, "Het bestand kon niet worden gelezen.");
    return 0;
}

void web_files_remove(WebRequest *req)
{
    for (size_t i = 0; i < req->n_files; i++)
        if (req->files[i].path) unlink(req->files[i].path);
    req->n_files = 0;
}
