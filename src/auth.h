/* auth.h: passwords (Argon2id through libsodium), session tokens and the rules for their
 * expiry and for throttling logins. No I/O beyond the store calls named here. */
#ifndef POK_AUTH_H
#define POK_AUTH_H

#include "store/store_users.h"
#include "util.h"

#define AUTH_TOKEN_BYTES 32
#define AUTH_TOKEN_TEXT (AUTH_TOKEN_BYTES * 2 + 1) /* hex and NUL */
#define AUTH_HASH_TEXT 65                          /* hex of a 32-byte hash and NUL */
#define AUTH_IDLE_SECONDS (30 * 60)                /* a session unused this long ends */
#define AUTH_ABSOLUTE_SECONDS (12 * 60 * 60)       /* and every session ends after this */
#define AUTH_THROTTLE_WINDOW (15 * 60)             /* failed logins counted over this */
#define AUTH_THROTTLE_FAILURES 5                   /* this many failures block logins */
#define AUTH_VERIFY_CONCURRENCY 2                  /* Argon2 runs at once (memory, CPU) */
#define AUTH_PASSWORD_MIN 10
#define AUTH_PASSWORD_MAX 1024

/* Initialise libsodium; returns -1 when it cannot. Safe to call more than once. */
int auth_init(void);

/* An Argon2id string for password (interactive limits) into out[128]. -1 with err filled
 * on a too short or too long password or when hashing fails. */
int auth_password_hash(const char *password, char out[128], PokErr *err);
/* 1 when password matches hash, 0 otherwise. At most AUTH_VERIFY_CONCURRENCY run at
 * once; further callers wait. */
int auth_password_verify(const char *hash, const char *password);

/* auth_password_verify, or with hash NULL (no such user, or disabled) the same work
 * against a throwaway hash and 0. */
int auth_password_check(const char *hash, const char *password);

/* A new random password for an account a beheerder makes or resets, shown once:
 * AUTH_GENERATED_CHARS letters and digits without look-alikes (0/O, 1/l/I), about 95
 * bits. */
#define AUTH_GENERATED_CHARS 20
void auth_password_generate(char out[AUTH_GENERATED_CHARS + 1]);

/* A new random token as hex text, and the hash stored for it. */
void auth_token_new(char token[AUTH_TOKEN_TEXT]);
void auth_token_hash(const char *token, char out[AUTH_HASH_TEXT]);

/* The token that is tied to a session for CSRF forms: a keyed hash of the session token,
 * so it can be recomputed but does not reveal the session token. */
void auth_csrf_token(const char *session_token, char out[AUTH_HASH_TEXT]);
/* Constant-time comparison of two NUL-terminated texts; 1 when equal. */
int auth_text_equal(const char *a, const char *b);

/* Whether a session (created, last_seen, revoked) is still valid at now. */
int auth_session_valid(const Session *s, int64_t now);

/* Whether a login for user_name from address is refused at now (too many failures). */
int auth_login_throttled(Store *s, const char *user_name, const char *address, int64_t now,
                         PokErr *err);

/* The user behind a session token at now: 1 with *user filled (and last_seen updated),
 * 0 when the token is unknown, expired, revoked or its user disabled. */
int auth_session_user(Store *s, const char *token, int64_t now, Arena *a, User *user, PokErr *err);

#endif
