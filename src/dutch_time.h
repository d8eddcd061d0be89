/* dutch_time.h: dates and moments as a person in the Netherlands reads them. Every moment
 * a page (or a CSV for people) shows is in the time of the Netherlands, Europe/Amsterdam
 * from the system's tz database, whatever TZ pok was started with; what pok stores, the
 * API and the exports keep UTC with its offset ("2026-11-23T16:17:02Z"). */
#ifndef POK_DUTCH_TIME_H
#define POK_DUTCH_TIME_H

#include "util.h"

#include <time.h>

/* Make the process's local time Dutch time: TZ=Europe/Amsterdam (without the tz
 * database, the same rule as a POSIX TZ string: CET, CEST from the last Sunday of March
 * to the last Sunday of October), then tzset. Changing TZ is not thread-safe, so main
 * calls it before anything else; the functions below call it once themselves for
 * programs that do not (the unit tests, single-threaded at that point). */
void clock_use_dutch_time(void);

/* "28 mei 2024" for "2024-05-28", in a; what is not a date comes back as it is, NULL as
 * NULL. */
const char *date_nl(Arena *a, const char *iso);

/* The Dutch wall clock of a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ": 0 with *out, or -1 when
 * utc_iso is not one. */
int time_nl_tm(const char *utc_iso, struct tm *out);
/* "23 november 2026 17:17" for "2026-11-23T16:17:02Z", in a; what is not a UTC
 * timestamp comes back as it is, NULL as NULL. */
const char *time_nl(Arena *a, const char *utc_iso);

/* The UTC moment "YYYY-MM-DDTHH:MM:SSZ" at which the Dutch day `date` (YYYY-MM-DD)
 * begins, plus days_after days (1: the start of the next day, the end of date); 0, or
 * -1 when date is not a date. */
int dutch_day_start(const char *date, int days_after, char out[21]);

/* A date as Dutch documents write it, at the very start of s: "14 december 2021",
 * "14 dec. 2021", "1 sept 2024", "14-12-2021", "14/12/2021", "14.12.2021", "2021-12-14";
 * month names in any case, abbreviated to three or more letters, or with one letter
 * wrong, missing or extra in a full name of five letters or more (OCR: "decembcr"); what
 * OCR makes of letters and digits: "rn" for "m" ("novernber", "rnei"), a letter next to a
 * digit for that digit ("l4", "2O24"). Several spaces may separate the parts. Returns the
 * bytes it used with iso = "YYYY-MM-DD", or 0 when s does not start with a real calendar
 * date (the year 1900-2199). */
size_t date_nl_parse(const char *s, char iso[11]);

#endif
