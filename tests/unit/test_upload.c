/* test_upload.c: multipart/form-data through pok serve's HTTP layer (http.c, the
 * library's post processor) on a real socket: fields and files reach the handler intact,
 * the size cap, malformed bodies and boundaries, the same-origin check, and the
 * urlencoded path beside it. The handler of a test route records what it was given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/store_source_file.h"
#include "support/testdb.h"
#include "web/form.h"
#include "web/http.h"
#include "web/upload.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* What the test route's handler saw of the last request. */
static struct {
    int calls;
    Buf titel, note;
    int has_file, has_empty_file;
    char file_name[256], file_type[128];
    Buf file;
} seen;

static void record(WebApp *app, const WebRequest *req, WebResponse *res)
{
    seen.calls++;
    buf_reset(&seen.titel);
    buf_reset(&seen.note);
    buf_reset(&seen.file);
    const char *t = web_form(req, "titel"), *n = web_form(req, "notitie");
    if (t) buf_puts(&seen.titel, t);
    if (n) buf_puts(&seen.note, n);
    const WebFile *f = web_file(req, "bestand");
    seen.has_file = f != NULL;
    seen.has_empty_file = web_file(req, "leeg") != NULL;
    if (f) {
        snprintf(seen.file_name, sizeof seen.file_name, "%s", f->name);
        snprintf(seen.file_type, sizeof seen.file_type, "%s", f->content_type);
        PokErr err = {0};
        assert_int_equal(web_file_read(f, (size_t)1 << 30, &seen.file, &err), 0);
    }
    buf_puts(&res->body, "ok");
}

static const Route routes[] = {
    {"POST", "/upload", record, CAP_PUBLIC, SCOPE_NONE},
    {NULL, NULL, NULL, CAP_PUBLIC, SCOPE_NONE},
};

typedef struct Fixture {
    TestDb db;
    HttpServer *srv;
    int port;
} Fixture;

static int setup(void **state)
{
    Fixture *fx = calloc(1, sizeof *fx);
    PokErr err = {0};
    if (testdb_open(&fx->db, "upload", &err)) return -1;
    fx->db.app.routes = routes;
    fx->db.app.upload_max = 256 * 1024;
    fx->srv = http_start(&fx->db.app, "127.0.0.1", 0, 5, &err);
    if (!fx->srv) {
        printf("setup: %s\n", err.msg);
        return -1;
    }
    fx->port = http_port(fx->srv);
    memset(&seen, 0, sizeof seen);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    Fixture *fx = *state;
    http_stop(fx->srv);
    testdb_close(&fx->db);
    buf_free(&seen.titel);
    buf_free(&seen.note);
    buf_free(&seen.file);
    free(fx);
    return 0;
}

/* Send head (the header lines after the request line, each ending in CRLF) and body to
 * POST /upload; the response's status, its body into out (may be NULL). */
static int post(Fixture *fx, const char *head, const char *body, size_t len, Buf *out)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)fx->port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    Buf req = {0};
    buf_printf(&req, "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s\r\n",
               fx->port, head);
    buf_append(&req, body, len);
    size_t sent = 0;
    while (sent < req.len) {
        ssize_t n = send(fd, req.data + sent, req.len - sent, MSG_NOSIGNAL);
        if (n <= 0) break; /* the server may answer and close before all is sent */
        sent += (size_t)n;
    }
    buf_free(&req);
    shutdown(fd, SHUT_WR);
    Buf answer = {0};
    char chunk[4096];
    ssize_t n;
    while ((n = recv(fd, chunk, sizeof chunk, 0)) > 0) buf_append(&answer, chunk, (size_t)n);
    close(fd);
    int status = 0;
    if (answer.data) sscanf(answer.data, "HTTP/1.1 %d", &status);
    if (out && answer.data) {
        const char *b = strstr(answer.data, "\r\n\r\n");
        buf_reset(out);
        if (b) buf_puts(out, b + 4);
    }
    buf_free(&answer);
    return status;
}

#define BOUNDARY "----pokGrens7MA4YWxkTrZu0gW"

/* A multipart body: a text field, a file with the given bytes, an empty file field (no
 * file chosen) and a second text field. */
static void multipart_body(Buf *b, const char *data, size_t len)
{
    buf_puts(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"titel\"\r\n\r\n"
                "Brief van de minister \xe2\x82\xac\r\n");
    buf_puts(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"bestand\"; "
                "filename=\"C:\\\\stukken\\\\brief.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
    buf_append(b, data, len);
    buf_puts(b, "\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"leeg\"; "
                "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n");
    buf_puts(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"notitie\"\r\n\r\n"
                "regel 1\r\nregel 2\r\n--" BOUNDARY "--\r\n");
}

static void head_for(Buf *h, size_t len, const char *type)
{
    buf_reset(h);
    buf_printf(h, "Content-Type: %s\r\nContent-Length: %zu\r\n", type, len);
}

static void test_fields_and_file(void **state)
{
    Fixture *fx = *state;
    /* A file of 200 KiB of every byte value, with boundary-like lines and NULs in it. */
    size_t len = 200 * 1024;
    char *data = malloc(len);
    for (size_t i = 0; i < len; i++) data[i] = (char)((i * 131) % 256);
    memcpy(data + 1000, "\r\n--pokGrens\r\n", 15);
    memset(data + 5000, 0, 64);
    Buf body = {0}, head = {0}, out = {0};
    multipart_body(&body, data, len);
    head_for(&head, body.len, "multipart/form-data; boundary=" BOUNDARY);
    int status = post(fx, head.data, body.data, body.len, &out);
    if (status != 200) printf("%s\n", out.data);
    assert_int_equal(status, 200);
    assert_int_equal(seen.calls, 1);
    assert_string_equal(seen.titel.data, "Brief van de minister \xe2\x82\xac");
    assert_string_equal(seen.note.data, "regel 1\r\nregel 2");
    assert_true(seen.has_file);
    assert_false(seen.has_empty_file); /* no file chosen: no file */
    assert_string_equal(seen.file_name, "brief.pdf");
    assert_string_equal(seen.file_type, "application/pdf");
    assert_int_equal(seen.file.len, len);
    assert_memory_equal(seen.file.data, data, len);

    /* The same body, sent in small pieces without a length (chunked), arrives the same. */
    Buf chunked = {0};
    for (size_t off = 0; off < body.len; off += 777) {
        size_t n = body.len - off < 777 ? body.len - off : 777;
        buf_printf(&chunked, "%zx\r\n", n);
        buf_append(&chunked, body.data + off, n);
        buf_puts(&chunked, "\r\n");
    }
    buf_puts(&chunked, "0\r\n\r\n");
    assert_int_equal(post(fx,
                          "Content-Type: multipart/form-data; boundary=" BOUNDARY
                          "\r\nTransfer-Encoding: chunked\r\n",
                          chunked.data, chunked.len, NULL),
                     200);
    assert_int_equal(seen.calls, 2);
    assert_int_equal(seen.file.len, len);
    assert_memory_equal(seen.file.data, data, len);
    buf_free(&chunked);
    buf_free(&body);
    buf_free(&head);
    buf_free(&out);
    free(data);
}

/* A body over the cap (WebApp.upload_max) is 413, announced or streamed, and never
 * reaches the handler; a handler's own cap (web_file_read) is ERR_TOO_LARGE. */
static void test_cap(void **state)
{
    Fixture *fx = *state;
    size_t len = 300 * 1024;
    char *data = calloc(1, len);
    Buf body = {0}, head = {0}, out = {0};
    multipart_body(&body, data, len);
    head_for(&head, body.len, "multipart/form-data; boundary=" BOUNDARY);
    assert_int_equal(post(fx, head.data, body.data, body.len, &out), 413);
    assert_non_null(strstr(out.data, "groter dan"));
    assert_int_equal(post(fx,
                          "Content-Type: multipart/form-data; boundary=" BOUNDARY
                          "\r\nTransfer-Encoding: chunked\r\n",
                          "0\r\n\r\n", 5, NULL),
                     200); /* an empty chunked body is fine */
    seen.calls = 0;
    Buf chunked = {0};
    buf_printf(&chunked, "%zx\r\n", body.len);
    buf_append(&chunked, body.data, body.len);
    buf_puts(&chunked, "\r\n0\r\n\r\n");
    assert_int_equal(post(fx,
                          "Content-Type: multipart/form-data; boundary=" BOUNDARY
                          "\r\nTransfer-Encoding: chunked\r\n",
                          chunked.data, chunked.len, &out),
                     413);
    assert_int_equal(seen.calls, 0);

    /* In memory: a handler reading with a smaller cap is told it is too large. */
    WebRequest req;
    web_request_init(&req, "POST", "/upload");
    assert_int_equal(web_file_add(&req, "bestand", "a/b/brief.pdf", "", "12345", 5), 0);
    const WebFile *f = web_file(&req, "bestand");
    assert_non_null(f);
    assert_string_equal(f->name, "brief.pdf");
    assert_string_equal(f->content_type, "application/octet-stream");
    Buf bytes = {0};
    PokErr err = {0};
    assert_int_equal(web_file_read(f, 4, &bytes, &err), -1);
    assert_int_equal(err_code(&err), ERR_TOO_LARGE);
    assert_int_equal(web_file_read(f, 5, &bytes, &err), 0);
    assert_memory_equal(bytes.data, "12345", 5);
    char path[4096];
    snprintf(path, sizeof path, "%s", f->path);
    web_request_free(&req);
    assert_int_equal(access(path, F_OK), -1); /* the temporary file is gone */
    buf_free(&bytes);
    buf_free(&chunked);
    buf_free(&body);
    buf_free(&head);
    buf_free(&out);
    free(data);
}

/* No boundary, or a body that does not follow it: 400, and the handler is not run. */
static void test_malformed(void **state)
{
    Fixture *fx = *state;
    Buf body = {0}, head = {0}, out = {0};
    multipart_body(&body, "x", 1);
    head_for(&head, body.len, "multipart/form-data");
    assert_int_equal(post(fx, head.data, body.data, body.len, &out), 400);
    assert_non_null(strstr(out.data, "grens"));
    head_for(&head, body.len, "multipart/form-data; boundary=");
    assert_int_equal(post(fx, head.data, body.data, body.len, &out), 400);
    /* A part whose header never ends. */
    const char *broken = "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"titel\"";
    head_for(&head, strlen(broken), "multipart/form-data; boundary=" BOUNDARY);
    int status = post(fx, head.data, broken, strlen(broken), &out);
    assert_int_equal(status, 400);
    assert_int_equal(seen.calls, 0);
    /* A NUL byte in a text field is refused as in an urlencoded form. */
    buf_reset(&body);
    buf_puts(&body, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"titel\"\r\n\r\na");
    buf_append(&body, "\0b", 2);
    buf_puts(&body, "\r\n--" BOUNDARY "--\r\n");
    head_for(&head, body.len, "multipart/form-data; boundary=" BOUNDARY);
    assert_int_equal(post(fx, head.data, body.data, body.len, &out), 400);
    assert_int_equal(seen.calls, 0);
    buf_free(&body);
    buf_free(&head);
    buf_free(&out);
}

/* A multipart post from another site is refused like any other; an urlencoded form on
 * the same server still works. */
static void test_origin_and_urlencoded(void **state)
{
    Fixture *fx = *state;
    Buf body = {0}, head = {0}, out = {0};
    multipart_body(&body, "x", 1);
    head_for(&head, body.len, "multipart/form-data; boundary=" BOUNDARY);
    buf_puts(&head, "Origin: http://evil.example\r\n");
    assert_int_equal(post(fx, head.data, body.data, body.len, &out), 403);
    assert_int_equal(seen.calls, 0);
    const char *form = "titel=Brief+%E2%82%AC&notitie=n";
    head_for(&head, strlen(form), "application/x-www-form-urlencoded");
    assert_int_equal(post(fx, head.data, form, strlen(form), &out), 200);
    assert_int_equal(seen.calls, 1);
    assert_string_equal(seen.titel.data, "Brief \xe2\x82\xac");
    assert_false(seen.has_file);
    buf_free(&body);
    buf_free(&head);
    buf_free(&out);
}

/* A file kept between preview and confirmation: found only with its token, for its own
 * session and kind; its bytes are read only when the SHA-256 the preview showed still
 * holds; dropped, it is gone with its file. */
static void test_pending(void **state)
{
    (void)state;
    WebRequest a, other;
    web_request_init(&a, "POST", "/import/circulaire");
    web_request_init(&other, "POST", "/import/circulaire");
    a.session_token = "sessie-a";
    other.session_token = "sessie-b";
    assert_int_equal(web_file_add(&a, "bestand", "mei.csv", "text/csv", "a;b\n1;2\n", 8), 0);
    WebPending p, q;
    PokErr err = {0};
    assert_int_equal(web_pending_keep(&a, web_file(&a, "bestand"), "circulaire", &p, &err), 0);
    assert_int_equal(strlen(p.token), 64);
    assert_string_equal(p.name, "mei.csv");
    assert_int_equal(p.size, 8);
    char sha[65];
    store_sha256_hex("a;b\n1;2\n", 8, sha);
    assert_string_equal(p.sha256, sha);
    web_request_free(&a); /* the upload's own temporary file goes; the kept one stays */
    web_request_init(&a, "POST", "/import/circulaire");
    a.session_token = "sessie-a";
    assert_int_equal(web_pending_find(&other, p.token, "circulaire", &q), 0);
    assert_int_equal(web_pending_find(&a, p.token, "grootboek:GM1734", &q), 0);
    char wrong[65];
    snprintf(wrong, sizeof wrong, "%s", p.token);
    wrong[0] = wrong[0] == '0' ? '1' : '0';
    assert_int_equal(web_pending_find(&a, wrong, "circulaire", &q), 0);
    assert_int_equal(web_pending_find(&a, p.token, "circulaire", &q), 1);
    Buf bytes = {0};
    assert_int_equal(web_pending_read(&q, "0000", 1024, &bytes, &err), -1);
    assert_non_null(strstr(err.msg, "niet meer hetzelfde"));
    assert_int_equal(web_pending_read(&q, sha, 1024, &bytes, &err), 0);
    assert_memory_equal(bytes.data, "a;b\n1;2\n", 8);
    web_pending_drop(p.token);
    assert_int_equal(web_pending_find(&a, p.token, "circulaire", &q), 0);
    assert_int_equal(access(q.path, F_OK), -1);
    buf_free(&bytes);
    web_request_free(&a);
    web_request_free(&other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fields_and_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_origin_and_urlencoded, setup, teardown),
        cmocka_unit_test(test_pending),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
