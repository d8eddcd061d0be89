/* html.c: see html.h. */
#include "html.h"

#include "../money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_lit_(Buf *b, const char *literal, size_t len)
{
    buf_append(b, literal, len);
}

void html_txt(Buf *b, const char *text)
{
    if (!text) return;
    const char *run = text;
    for (const char *p = text; *p; p++) {
        const char *ref;
        switch (*p) {
        case '&':
            ref = "&amp;";
            break;
        case '<':
            ref = "&lt;";
            break;
        case '>':
            ref = "&gt;";
            break;
        case '"':
            ref = "&quot;";
            break;
        case '\'':
            ref = "&#39;";
            break;
        default:
            continue;
        }
        buf_append(b, run, (size_t)(p - run));
        buf_puts(b, ref);
        run = p + 1;
    }
    buf_puts(b, run);
}

void html_attr(Buf *b, const char *value)
{
    html_txt(b, value);
}

void html_url_arg(Buf *b, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!value) return;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            buf_append(b, (const char *)p, 1);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_append(b, enc, 3);
        }
    }
}

void html_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') continue;
        buf_append(b, run, (size_t)(p - run));
        p++;
        if (*p == '%') {
            buf_puts(b, "%");
        } else if (*p == 's') {
            html_txt(b, va_arg(ap, const char *));
        } else if (*p == 'd') {
            buf_printf(b, "%d", va_arg(ap, int));
        } else if (strncmp(p, "lld", 3) == 0) {
            buf_printf(b, "%lld", va_arg(ap, long long));
            p += 2;
        } else if (strncmp(p, "zu", 2) == 0) {
            buf_printf(b, "%zu", va_arg(ap, size_t));
            p += 1;
        } else {
            fprintf(stderr, "pok: html_printf: niet ondersteunde opmaak in \"%s\"\n", fmt);
            abort();
        }
        run = p + 1;
    }
    buf_puts(b, run);
    va_end(ap);
}

void html_count(Buf *b, int64_t n)
{
    char digits[24], text[32];
    snprintf(digits, sizeof digits, "%lld", (long long)(n < 0 ? -n : n));
    size_t len = strlen(digits), k = 0;
    if (n < 0) text[k++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0) text[k++] = '.';
        text[k++] = digits[i];
    }
    text[k] = '\0';
    buf_puts(b, text);
}

void html_money(Buf *b, int64_t cents)
{
    char text[MONEY_BUFSZ];
    html_txt(b, money_format(cents, MONEY_EURO | MONEY_WHOLE, text));
}
