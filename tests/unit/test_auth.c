/* test_auth.c: passwords (Argon2id), session tokens and their hashes, idle and absolute
 * expiry, revocation, login throttling and the cookie parser, malformed input included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "auth.h"
#include "store/store_audit.h"
#include "store/store_users.h"
#include "support/testdb.h"
#include "web/cookie.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct TestAuth {
    TestDb db;
    Store *s; /* db.s */
} TestAuth;

static int auth_setup(void **state)
{
    TestAuth *t = calloc(1, sizeof *t);
    if (!t) return -1;
    PokErr err = {0};
    if (testdb_open(&t->db, "auth", &err)) {
        free(t);
        return -1;
    }
    t->s = t->db.s;
    *state = t;
    return 0;
}

static int auth_teardown(void **state)
{
    TestAuth *t = *state;
    testdb_close(&t->db);
    free(t);
    return 0;
}

static void test_password_hash_verify(void **state)
{
    (void)state;
    char hash[128];
    PokErr err = {0};
    assert_int_equal(auth_password_hash("correct paard batterij", hash, &err), 0);
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_null(strstr(hash, "correct"));
    assert_int_equal(auth_password_verify(hash, "correct paard batterij"), 1);
    assert_int_equal(auth_password_verify(hash, "correct paard batterij "), 0);
    assert_int_equal(auth_password_verify(hash, ""), 0);
    assert_int_equal(auth_password_verify("geen hash", "correct paard batterij"), 0);
    assert_int_equal(auth_password_verify(NULL, "x"), 0);
    /* An unknown user costs a verification too, and never succeeds. */
    assert_int_equal(auth_password_check(NULL, "correct paard batterij"), 0);
    assert_int_equal(auth_password_check(hash, "correct paard batterij"), 1);
    /* Too short is refused with a message naming the field. */
    assert_int_equal(auth_password_hash("kort", hash, &err), -1);
    assert_non_null(strstr(err.msg, "wachtwoord"));
}

static void test_token_and_hash(void **state)
{
    (void)state;
    char a[AUTH_TOKEN_TEXT], b[AUTH_TOKEN_TEXT], ha[AUTH_HASH_TEXT], ha2[AUTH_HASH_TEXT],
        hb[AUTH_HASH_TEXT], csrf[AUTH_HASH_TEXT];
    auth_token_new(a);
    auth_token_new(b);
    assert_int_equal(strlen(a), 64);
    assert_string_not_equal(a, b);
    auth_token_hash(a, ha);
    auth_token_hash(a, ha2);
    auth_token_hash(b, hb);
    assert_string_equal(ha, ha2);
    assert_string_not_equal(ha, hb);
    assert_string_not_equal(ha, a);
    auth_csrf_token(a, csrf);
    assert_string_not_equal(csrf, ha);
    assert_int_equal(auth_text_equal(ha, ha2), 1);
    assert_int_equal(auth_text_equal(ha, hb), 0);
    assert_int_equal(auth_text_equal(ha, "kort"), 0);
    assert_int_equal(auth_text_equal(NULL, ha), 0);
}

static void test_expiry(void **state)
{
    (void)state;
    Session s = {.id = 1, .user_id = 1, .created = 1000, .last_seen = 1000, .revoked = 0};
    assert_int_equal(auth_session_valid(&s, 1000 + AUTH_IDLE_SECONDS - 1), 1);
    assert_int_equal(auth_session_valid(&s, 1000 + AUTH_IDLE_SECONDS), 0); /* idle */
    s.last_seen = 1000 + AUTH_ABSOLUTE_SECONDS - 10;
    assert_int_equal(auth_session_valid(&s, 1000 + AUTH_ABSOLUTE_SECONDS - 1), 1);
    assert_int_equal(auth_session_valid(&s, 1000 + AUTH_ABSOLUTE_SECONDS), 0); /* absolute */
    s.last_seen = 1000;
    s.revoked = 1;
    assert_int_equal(auth_session_valid(&s, 1001), 0);
}

static void test_sessions_in_store(void **state)
{
    TestAuth *t = *state;
    PokErr err = {0};
    User u = {.name = "anna", .role = "analist", .password_hash = "$argon2id$nep"};
    assert_int_equal(store_user_add(t->s, &u, &err), 0);
    char token[AUTH_TOKEN_TEXT], hash[AUTH_HASH_TEXT];
    auth_token_new(token);
    auth_token_hash(token, hash);
    int64_t sid;
    assert_int_equal(store_session_add(t->s, hash, u.id, 5000, &sid, &err), 0);
    Arena a = {0};
    User who;
    assert_int_equal(auth_session_user(t->s, token, 5010, &a, &who, &err), 1);
    assert_string_equal(who.name, "anna");
    assert_null(who.password_hash);
    /* Activity moves the idle limit; then idle too long. */
    assert_int_equal(auth_session_user(t->s, token, 5000 + AUTH_IDLE_SECONDS - 5, &a, &who, &err),
                     1);
    assert_int_equal(
        auth_session_user(t->s, token, 5000 + 2 * AUTH_IDLE_SECONDS - 10, &a, &who, &err), 1);
    assert_int_equal(auth_session_user(t->s, token, 5000 + 4 * AUTH_IDLE_SECONDS, &a, &who, &err),
                     0);
    /* Unknown and malformed tokens. */
    char other[AUTH_TOKEN_TEXT];
    auth_token_new(other);
    assert_int_equal(auth_session_user(t->s, other, 5010, &a, &who, &err), 0);
    assert_int_equal(auth_session_user(t->s, "abc", 5010, &a, &who, &err), 0);
    assert_int_equal(auth_session_user(t->s, NULL, 5010, &a, &who, &err), 0);
    /* A new password revokes the sessions; so does disabling. */
    char token2[AUTH_TOKEN_TEXT], hash2[AUTH_HASH_TEXT];
    auth_token_new(token2);
    auth_token_hash(token2, hash2);
    assert_int_equal(store_session_add(t->s, hash2, u.id, 9000, &sid, &err), 0);
    assert_int_equal(auth_session_user(t->s, token2, 9001, &a, &who, &err), 1);
    assert_int_equal(store_user_set_password(t->s, "anna", "$argon2id$nieuw", &err), 0);
    assert_int_equal(auth_session_user(t->s, token2, 9002, &a, &who, &err), 0);
    assert_int_equal(store_session_add(t->s, hash, u.id, 9000, &sid, &err), -1); /* unique */
    char token3[AUTH_TOKEN_TEXT], hash3[AUTH_HASH_TEXT];
    auth_token_new(token3);
    auth_token_hash(token3, hash3);
    assert_int_equal(store_session_add(t->s, hash3, u.id, 9000, &sid, &err), 0);
    assert_int_equal(store_user_disable(t->s, "anna", &err), 0);
    assert_int_equal(auth_session_user(t->s, token3, 9001, &a, &who, &err), 0);
    /* Neither the password hash nor a token (hash) reaches the audit trail. */
    AuditEntry *au;
    size_t n;
    assert_int_equal(store_audit_list(t->s, NULL, 0, &a, &au, &n, &err), 0);
    assert_true(n >= 5);
    for (size_t i = 0; i < n; i++) {
        const char *texts[] = {au[i].before_json, au[i].after_json};
        for (int k = 0; k < 2; k++) {
            if (!texts[k]) continue;
            assert_null(strstr(texts[k], "argon2"));
            assert_null(strstr(texts[k], hash));
            assert_null(strstr(texts[k], token));
        }
    }
    arena_free(&a);
}

static void test_throttling(void **state)
{
    TestAuth *t = *state;
    PokErr err = {0};
    int64_t now = 100000;
    for (int i = 0; i < AUTH_THROTTLE_FAILURES - 1; i++)
        assert_int_equal(store_login_attempt_add(t->s, "bob", "10.0.0.1", now - 60, 0, &err), 0);
    assert_int_equal(auth_login_throttled(t->s, "bob", "10.0.0.9", now, &err), 0);
    assert_int_equal(store_login_attempt_add(t->s, "bob", "10.0.0.2", now - 30, 0, &err), 0);
    /* Per account, from any address. */
    assert_int_equal(auth_login_throttled(t->s, "bob", "10.0.0.9", now, &err), 1);
    /* After the window it is allowed again. */
    assert_int_equal(
        auth_login_throttled(t->s, "bob", "10.0.0.9", now + AUTH_THROTTLE_WINDOW, &err), 0);
    /* Per address, whatever account is tried. */
    for (int i = 0; i < AUTH_THROTTLE_FAILURES; i++) {
        char name[16];
        snprintf(name, sizeof name, "naam%d", i);
        assert_int_equal(store_login_attempt_add(t->s, name, "10.9.9.9", now, 0, &err), 0);
    }
    assert_int_equal(auth_login_throttled(t->s, "carla", "10.9.9.9", now, &err), 1);
    assert_int_equal(auth_login_throttled(t->s, "carla", "10.9.9.8", now, &err), 0);
    /* Successes do not count. */
    for (int i = 0; i < 10; i++)
        assert_int_equal(store_login_attempt_add(t->s, "dirk", "10.1.1.1", now, 1, &err), 0);
    assert_int_equal(auth_login_throttled(t->s, "dirk", "10.1.1.1", now, &err), 0);
}

static void test_cookie_parser(void **state)
{
    (void)state;
    char v[70];
    assert_int_equal(cookie_get("pok_sessie=abc", "pok_sessie", v, sizeof v), 0);
    assert_string_equal(v, "abc");
    assert_int_equal(cookie_get("a=1; pok_sessie=xyz; b=2", "pok_sessie", v, sizeof v), 0);
    assert_string_equal(v, "xyz");
    assert_int_equal(cookie_get("  a=1 ;  pok_sessie = \"q\"  ", "pok_sessie", v, sizeof v), 0);
    assert_string_equal(v, "q");
    assert_int_equal(cookie_get("xpok_sessie=1; pok_sessiex=2", "pok_sessie", v, sizeof v), -1);
    assert_int_equal(cookie_get("pok_sessie=", "pok_sessie", v, sizeof v), 0);
    assert_string_equal(v, "");
    assert_int_equal(cookie_get("pok_sessie=first; pok_sessie=second", "pok_sessie", v, sizeof v),
                     0);
    assert_string_equal(v, "first");
    /* Malformed: nothing, only separators, no '=', control characters, too long, quotes. */
    const char *bad[] = {"",
                         ";;;;",
                         "pok_sessie",
                         "=pok_sessie",
                         "pok_sessie\x01=1",
                         "pok_sessie=a\x01b",
                         "pok_sessie=\"",
                         "pok_sessie=a\"b",
                         "; ; =; ==="};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(cookie_get(bad[i], "pok_sessie", v, sizeof v), -1);
    char longv[200] = "pok_sessie=";
    memset(longv + 11, 'a', 150);
    longv[161] = '\0';
    assert_int_equal(cookie_get(longv, "pok_sessie", v, sizeof v), -1);
    assert_int_equal(cookie_get(NULL, "pok_sessie", v, sizeof v), -1);
    assert_int_equal(cookie_get("a=b", "pok_sessie", v, 0), -1);
    /* Every prefix of a valid header is handled without reading past its end. */
    const char *full = "a=1; pok_sessie=\"abcdef\"; c=3";
    for (size_t len = 0; len <= strlen(full); len++) {
        char *part = strndup(full, len);
        (void)cookie_get(part, "pok_sessie", v, sizeof v);
        free(part);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_hash_verify),
        cmocka_unit_test(test_token_and_hash),
        cmocka_unit_test(test_expiry),
        cmocka_unit_test_setup_teardown(test_sessions_in_store, auth_setup, auth_teardown),
        cmocka_unit_test_setup_teardown(test_throttling, auth_setup, auth_teardown),
        cmocka_unit_test(test_cookie_parser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
