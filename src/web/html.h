/* html.h: the escaping writer. Every piece of HTML pok sends is written through these
 * functions into a Buf; data is escaped for the context it lands in, and only string
 * literals go out unescaped (html_lit). */
#ifndef POK_HTML_H
#define POK_HTML_H

#include "../util.h"

/* A literal piece of markup, written as is. Only a string literal compiles here (the
 * macro pastes "" on both sides), so no data can reach the page unescaped through it. */
#define html_lit(b, literal) html_lit_((b), "" literal "", sizeof("" literal "") - 1)
void html_lit_(Buf *b, const char *literal, size_t len);
/* Text content: & < > " ' become character references. NULL writes nothing. */
void html_txt(Buf *b, const char *text);
/* An attribute value inside double quotes; escaped like text. */
void html_attr(Buf *b, const char *value);
/* One query argument or path segment: everything but A-Z a-z 0-9 - _ . ~ is
 * percent-encoded, so the result is also safe inside an attribute. */
void html_url_arg(Buf *b, const char *value);
/* printf for markup: the format is a literal; every %s argument is escaped as text.
 * Supported: %s %d %lld %zu %%. Any other conversion is a programming error and stops
 * pok, so that a format cannot let data through unescaped. */
void html_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An amount as "€ 1.234" (whole euros) or "€ 1.234,56", through money_format only. */
void html_money(Buf *b, int64_t cents);
/* A count (inhabitants) with Dutch digit groups: "90.829". */
void html_count(Buf *b, int64_t n);

#endif
