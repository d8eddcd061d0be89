/* saved.h: what happens after a form is saved: the user goes back (303) to the page they
 * came from, a local path only, never another site; and that page says once what was
 * saved, as a status message. The message travels in a short-lived cookie (pok_bericht:
 * HttpOnly, SameSite=Strict, one minute), so it works in open mode too; a request with a
 * cookie is never answered from the page cache nor put in it (cache.h), and the page that
 * shows the message clears the cookie and is sent with "Cache-Control: no-store".
 *
 * The way back is the hidden field "terug" that form_open adds to every form: on a GET
 * of a form it is the ?terug= parameter or the path of the Referer (pok's own pages
 * only), on a POST the posted field, each checked by saved_path_ok. route_dispatch calls
 * saved_begin before and saved_end after every handler that runs. */
#ifndef POK_SAVED_H
#define POK_SAVED_H

#include "request.h"

#define SAVED_COOKIE "pok_bericht"
#define SAVED_FIELD "terug"
/* A message is cut to this many characters (the cookie stays far below 4 KiB). */
#define SAVED_MESSAGE_MAX_CHARS 250

/* Whether path may be a way back: a local path of printable ASCII starting with one "/"
 * (not "//" or "/\", which browsers read as another site), without a backslash, at
 * most 1000 bytes. */
int saved_path_ok(const char *path);

/* Before the handler: this request's way back and the message its cookie carries. */
void saved_begin(WebRequest *req);
/* After the handler: the cookie of a message that was shown (or was not valid text) is
 * cleared and the page marked no-store. */
void saved_end(WebResponse *res);

/* The way back of the request being answered on this thread, or NULL. */
const char *saved_return_path(void);
/* The hidden field "terug" for form_open (nothing without a way back). */
void saved_return_field(Buf *b);
/* The message of the cookie, once, as an accessible status message (layout_begin). */
void saved_message_render(Buf *b);

/* The answer to a successful save: 303 to the way back (fallback when there is none)
 * with message (plain text, cut to SAVED_MESSAGE_MAX_CHARS) in the cookie for the next
 * page. */
void saved_redirect(WebResponse *res, const char *fallback, const char *message);

#endif
