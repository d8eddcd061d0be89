/* form_preview.h: what a financial change does to the coverage before it is saved. The
 * change is applied to the loaded MuniData in memory (the store is not touched), the
 * engine computes the coverage again, and the confirmation page shows both. */
#ifndef POK_FORM_PREVIEW_H
#define POK_FORM_PREVIEW_H

#include "../engine/engine.h"
#include "../model.h"

/* Apply a change to d in memory, as the store would save it. New arrays live in a. */
void preview_allocation(MuniData *d, Arena *a, const Allocation *al);  /* new current version */
void preview_amount(MuniData *d, Arena *a, const MeasureAmount *ma);   /* insert or replace */
void preview_opening(MuniData *d, Arena *a, const ReserveOpening *ro); /* replace the pot's */
void preview_movement(MuniData *d, Arena *a, const ReserveMovement *rm);
void preview_closing(MuniData *d, Arena *a, const ClosedYear *cy); /* the year closed */

/* The coverage rows of the given years, now and after the change, for every pot where a
 * figure changes; a sentence when nothing changes. */
void preview_compare(Buf *b, const Coverage *before, const Coverage *after, const int *years,
                     size_t n_years, Arena *a);

#endif
