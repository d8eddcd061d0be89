/* harvest.h: reading a municipality's open data package (`pok export datapackage`) into
 * this store, the national one (issue 15). The whole package is read and checked before
 * anything is written: datapackage.json well-formed, every resource there with its size
 * and SHA-256 as listed, each CSV's columns as declared, numbers, dates and amounts in
 * the package's format, municipalities known CBS codes, references resolvable. Then one
 * transaction per package: its records under new ids, each citing a source "open data"
 * that names the package, its hash and its date; the package's row in harvest_package
 * (store_harvest.h) with its version. The same package again changes nothing; a newer one
 * replaces the municipality's harvested records as the next version. */
#ifndef POK_HARVEST_H
#define POK_HARVEST_H

#include "../model.h"
#include "../store/store.h"

typedef struct HarvestOptions {
    int share_given;    /* --share: the level instead of the package's */
    SharingLevel share; /* with share_given */
    int replace;        /* --replace: also over records entered directly in this store */
    int dry_run;        /* check and report, store nothing */
} HarvestOptions;

/* What happened to one municipality of a package. */
typedef enum HarvestOutcome {
    HARVEST_NEW = 1,      /* first version */
    HARVEST_REPLACED = 2, /* a newer package: the next version */
    HARVEST_UNCHANGED = 3 /* this package (same hash) was harvested already */
} HarvestOutcome;

typedef struct HarvestMuni {
    const char *code;
    HarvestOutcome outcome;
    int version; /* the version it has now */
    size_t records;
    SharingLevel sharing;
} HarvestMuni;

typedef struct HarvestReport {
    const char *descriptor; /* the datapackage.json read */
    const char *name, *created;
    char sha256[65];
    HarvestMuni *munis;
    size_t n_munis;
    Arena arena; /* owns everything above */
} HarvestReport;

void harvest_report_free(HarvestReport *rep);

/* Harvest one package: path is a datapackage.json or the directory holding it. 0, or -1
 * with err naming file, line, field and what was expected; nothing stored then. */
int harvest_package(Store *s, const char *path, const HarvestOptions *o, HarvestReport *rep,
                    PokErr *err);

/* The packages under path: itself when it is a datapackage.json or a directory holding
 * one, else every subdirectory holding one (sorted). The paths are xstrdup'ed; *n 0 with
 * err filled when there is none. */
int harvest_find(const char *path, char ***out, size_t *n, PokErr *err);

#endif
