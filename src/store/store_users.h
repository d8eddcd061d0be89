/* store_users.h: accounts and their grants, sessions, login attempts and the public flag
 * of municipalities (store_users.c). The store keeps only password hashes (Argon2id
 * strings made by src/auth.c) and hashes of session tokens; neither ever reaches the
 * audit trail. */
#ifndef POK_STORE_USERS_H
#define POK_STORE_USERS_H

#include "store.h"

typedef struct User {
    int64_t id;
    const char *name;
    const char *password_hash; /* filled by store_user_get only */
    /* beheerder, gemeentebeheerder (the beheerder of its municipalities: manages their
     * users), redacteur, lezer, analist */
    const char *role;
    int disabled;
    const char *created;         /* UTC, ISO 8601 */
    const char **municipalities; /* granted codes (redacteur, lezer) */
    size_t n_municipalities;
} User;

typedef struct Session {
    int64_t id, user_id;
    int64_t created, last_seen; /* seconds since the epoch */
    int revoked;
} Session;

/* Add u (name, password_hash, role, municipalities); sets u->id. */
int store_user_add(Store *s, User *u, PokErr *err);
/* 1 found, 0 not, -1 error. */
int store_user_get(Store *s, const char *name, Arena *a, User *out, PokErr *err);
int store_user_get_id(Store *s, int64_t id, Arena *a, User *out, PokErr *err);
/* Every user by name, without password hashes. */
int store_user_list(Store *s, Arena *a, User **out, size_t *n, PokErr *err);
int store_user_count(Store *s, int64_t *n, PokErr *err);
/* Replace the password hash and revoke the user's sessions. */
int store_user_set_password(Store *s, const char *name, const char *password_hash, PokErr *err);
/* Replace role and grants. */
int store_user_set_role(Store *s, const char *name, const char *role, const char *const *munis,
                        size_t n_munis, PokErr *err);
/* Disable the account and revoke its sessions. */
int store_user_disable(Store *s, const char *name, PokErr *err);

int store_session_add(Store *s, const char *token_hash, int64_t user_id, int64_t now, int64_t *id,
                      PokErr *err);
/* 1 found, 0 not, -1 error. */
int store_session_get(Store *s, const char *token_hash, Session *out, PokErr *err);
/* Record activity (last_seen only: not audited, it is no change of data). */
int store_session_touch(Store *s, int64_t id, int64_t now, PokErr *err);
int store_session_revoke(Store *s, int64_t id, PokErr *err);

/* The login log (itself the record of attempts, so not repeated in the audit trail). */
int store_login_attempt_add(Store *s, const char *user_name, const char *address, int64_t at,
                            int success, PokErr *err);
/* Failed attempts since `since` for the account and for the address. */
int store_login_failures(Store *s, const char *user_name, const char *address, int64_t since,
                         int64_t *by_user, int64_t *by_address, PokErr *err);

/* Public read access per municipality. */
int store_municipality_public_set(Store *s, const char *code, int on, PokErr *err);
int store_municipality_public(Store *s, const char *code, int *on, PokErr *err);

#endif
