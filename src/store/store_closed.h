/* store_closed.h: a closed year's figures, recorded at closing and checked at every
 * commit of the municipalities a transaction wrote to (store_closed.c). */
#ifndef POK_STORE_CLOSED_H
#define POK_STORE_CLOSED_H

#include "store_internal.h"

/* Closed years (store_closed.c): their figures are recorded at closing and may not move
 * afterwards. sq_closed_touch notes a municipality the transaction writes to (sq_audit
 * does, for every write); sq_closed_verify, at the outermost commit, computes the figures
 * of the closed years of each again and fails naming the year and what moved (the set is
 * emptied either way); sq_closed_forget empties it on a rollback. sq_closed_record
 * records the figures of a year just closed; sq_closed_check_reopen fails when reopening
 * year moves a later closed year's figures; sq_closed_fill_missing records the figures of
 * closed years that have none (closed before they were kept, after the migration). */
void sq_closed_touch(Store *s, const char *code);
int sq_closed_verify(Store *s, PokErr *err);
void sq_closed_forget(Store *s);
void sq_closed_free(Store *s);
int sq_closed_record(Store *s, const char *code, int year, PokErr *err);
int sq_closed_check_reopen(Store *s, const char *code, int year, PokErr *err);
int sq_closed_fill_missing(Store *s, PokErr *err);

#endif
