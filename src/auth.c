/* auth.c: see auth.h. */
#include "auth.h"
#include "store/store_users.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t verify_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t verify_free = PTHREAD_COND_INITIALIZER;
static int verify_running;

int auth_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

int auth_password_hash(const char *password, char out[128], PokErr *err)
{
    size_t len = password ? strlen(password) : 0;
    if (len < AUTH_PASSWORD_MIN)
        return err_set(err, "veld 'wachtwoord': verwacht minstens %d tekens", AUTH_PASSWORD_MIN);
    if (len > AUTH_PASSWORD_MAX)
        return err_set(err, "veld 'wachtwoord': verwacht hoogstens %d tekens", AUTH_PASSWORD_MAX);
    if (auth_init() ||
        crypto_pwhash_str_alg(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return err_set(err, "wachtwoord kon niet worden versleuteld (te weinig geheugen?)");
    return 0;
}

int auth_password_verify(const char *hash, const char *password)
{
    if (!hash || !password || strlen(password) > AUTH_PASSWORD_MAX || auth_init()) return 0;
    pthread_mutex_lock(&verify_lock);
    while (verify_running >= AUTH_VERIFY_CONCURRENCY) pthread_cond_wait(&verify_free, &verify_lock);
    verify_running++;
    pthread_mutex_unlock(&verify_lock);
    int ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    pthread_mutex_lock(&verify_lock);
    verify_running--;
    pthread_cond_signal(&verify_free);
    pthread_mutex_unlock(&verify_lock);
    return ok;
}

/* A hash of a random password, so that checking an unknown user costs as much as
 * checking a known one (no user enumeration by timing). */
static char dummy_hash[128];
static void make_dummy(void)
{
    char password[AUTH_TOKEN_TEXT];
    auth_token_new(password);
    PokErr err;
    if (auth_password_hash(password, dummy_hash, &err)) dummy_hash[0] = '\0';
}

int auth_password_check(const char *hash, const char *password)
{
    if (hash) return auth_password_verify(hash, password);
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, make_dummy);
    if (dummy_hash[0]) (void)auth_password_verify(dummy_hash, password);
    return 0;
}

void auth_password_generate(char out[AUTH_GENERATED_CHARS + 1])
{
    static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    if (auth_init()) {
        fputs("pok: libsodium kon niet starten\n", stderr);
        exit(3);
    }
    for (int i = 0; i < AUTH_GENERATED_CHARS; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
    out[AUTH_GENERATED_CHARS] = '\0';
}

void auth_token_new(char token[AUTH_TOKEN_TEXT])
{
    unsigned char raw[AUTH_TOKEN_BYTES];
    if (auth_init()) {
        fputs("pok: libsodium kon niet starten\n", stderr);
        exit(3);
    }
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, AUTH_TOKEN_TEXT, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

static void keyed_hex(const char *context, const char *text, char out[AUTH_HASH_TEXT])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)text, text ? strlen(text) : 0,
                       (const unsigned char *)context, strlen(context));
    sodium_bin2hex(out, AUTH_HASH_TEXT, h, sizeof h);
}

void auth_token_hash(const char *token, char out[AUTH_HASH_TEXT])
{
    keyed_hex("pok-sessie-token", token, out);
}

void auth_csrf_token(const char *session_token, char out[AUTH_HASH_TEXT])
{
    keyed_hex("pok-csrf-formulier", session_token, out);
}

int auth_text_equal(const char *a, const char *b)
{
    if (!a || !b) return 0;
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb) return 0;
    return sodium_memcmp(a, b, la) == 0;
}

int auth_session_valid(const Session *s, int64_t now)
{
    return !s->revoked && now - s->last_seen < AUTH_IDLE_SECONDS &&
           now - s->created < AUTH_ABSOLUTE_SECONDS && now >= s->created;
}

int auth_login_throttled(Store *s, const char *user_name, const char *address, int64_t now,
                         PokErr *err)
{
    int64_t by_user = 0, by_address = 0;
    if (store_login_failures(s, user_name, address, now - AUTH_THROTTLE_WINDOW, &by_user,
                             &by_address, err))
        return -1;
    return by_user >= AUTH_THROTTLE_FAILURES || by_address >= AUTH_THROTTLE_FAILURES;
}

int auth_session_user(Store *s, const char *token, int64_t now, Arena *a, User *user, PokErr *err)
{
    if (!token || strlen(token) != AUTH_TOKEN_TEXT - 1) return 0;
    char hash[AUTH_HASH_TEXT];
    auth_token_hash(token, hash);
    Session sess;
    int r = store_session_get(s, hash, &sess, err);
    if (r <= 0) return r;
    if (!auth_session_valid(&sess, now)) return 0;
    r = store_user_get_id(s, sess.user_id, a, user, err);
    if (r <= 0) return r;
    if (user->disabled) return 0;
    user->password_hash = NULL;
    if (now - sess.last_seen >= 60 && store_session_touch(s, sess.id, now, err)) return -1;
    return 1;
}
