/* privacy.h: the personal-data scanner (issue 16): which parts of a Dutch text are a BSN,
 * an IBAN, an e-mail address, a phone number, a postcode with house number, a date of
 * birth or a name after a title. Pure: text in, findings out, no I/O.
 *
 * Findings are byte ranges into the UTF-8 text (end exclusive), ordered by start and never
 * overlapping. What is deliberately not a finding (README.md, "Persoonsgegevens
 * herkennen"): amounts, kenmerken and zaaknummers, dates other than dates of birth,
 * 0800/0900 service numbers, a postcode without a house number, a title followed by a
 * function ("mevrouw de burgemeester"). */
#ifndef POK_PRIVACY_H
#define POK_PRIVACY_H

#include <stddef.h>

typedef enum PrivacyKind {
    PRIVACY_BSN = 0,
    PRIVACY_IBAN,
    PRIVACY_EMAIL,
    PRIVACY_PHONE,
    PRIVACY_POSTCODE,
    PRIVACY_BIRTHDATE,
    PRIVACY_NAME,
    PRIVACY_N_KINDS
} PrivacyKind;

typedef struct PrivacyFinding {
    PrivacyKind kind;
    size_t start, end; /* bytes, end exclusive */
} PrivacyFinding;

typedef struct PrivacyFindings {
    PrivacyFinding *items;
    size_t n, cap;
} PrivacyFindings;

/* The kind's name in the JSON contract: "bsn", "iban", "email", "phone", "postcode",
 * "birthdate", "name". */
const char *privacy_kind_name(PrivacyKind kind);

/* Scan len bytes of text (valid UTF-8; the caller checks) into out, which starts zeroed
 * ({0}) and is released with privacy_findings_free. */
void privacy_scan(const char *text, size_t len, PrivacyFindings *out);
void privacy_findings_free(PrivacyFindings *f);

/* The 11-proef of a BSN: nine ASCII digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - d9
 * divisible by 11, not all zeros. 1 when it passes. */
int privacy_bsn_valid(const char digits[9]);
/* The mod-97 check of an IBAN (ISO 13616) written without spaces, letters of either case:
 * two letters, two check digits, 11 to 30 letters and digits; NL IBANs are 18 long. 1 when
 * it passes. */
int privacy_iban_valid(const char *iban, size_t len);

#endif
