/* money.h: amounts are int64 cents. This is the only place amounts are parsed from or
 * printed as text, in Dutch notation ("€ 1.234.567,89"). No floating point. */
#ifndef POK_MONEY_H
#define POK_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* Largest amount pok accepts: a trillion euros is far beyond any municipal budget and
 * leaves sums of many such amounts well inside int64. */
#define MONEY_MAX_CENTS ((int64_t)100000000000000LL)

/* Parse a Dutch amount. Accepted: "€ 1.234.567", "1.234.567,89", "-2.500,00", "1234,5",
 * "EUR 12", "€ 52 500" (a space as thousands separator, as OCR leaves it),
 * "€ -10.000", "- € 10.000". Returns 0 and sets *cents, or -1 and sets *reason to a
 * Dutch explanation of what was expected. */
int money_parse(const char *text, int64_t *cents, const char **reason);

enum {
    MONEY_EURO = 1, /* prefix "€ " */
    MONEY_WHOLE = 2 /* omit ",00" when the amount is whole euros */
};

/* Bytes needed for any formatted amount, including the NUL. */
#define MONEY_BUFSZ 40

/* Format cents as "€ 1.234.567,89" (flags choose the euro sign and whole-euro form).
 * Returns buf. */
char *money_format(int64_t cents, unsigned flags, char buf[MONEY_BUFSZ]);

/* Plain form for CSV and spreadsheets: "-1234567,89" (no euro sign, no thousands dots). */
char *money_format_plain(int64_t cents, char buf[MONEY_BUFSZ]);

/* Not Dutch but machine notation: a decimal number as written in spreadsheet XML
 * ("52500", "-52500.5", "1.2345E5", "5E-3") to cents, exactly: the digits are shifted, never passed
 * through a double. scale10 multiplies by 10^scale10 first (3 for amounts "x 1.000"). Digits beyond
 * the cent are rounded half away from zero; *inexact (if not NULL) tells whether any non-zero digit
 * was dropped. Returns 0, or -1 with a Dutch *reason. */
int money_parse_decimal(const char *text, int scale10, int64_t *cents, int *inexact,
                        const char **reason);

/* Overflow-checked addition for totals; returns -1 on overflow. */
int money_add(int64_t a, int64_t b, int64_t *out);

#endif
