/* national_json.h: the national monitor as JSON (pok monitor --format json, GET
 * /api/v1/landelijk): the shape is documented in docs/monitor.md. A figure resting on a
 * group too small to show (national_visible) is null, without its count. */
#ifndef POK_NATIONAL_JSON_H
#define POK_NATIONAL_JSON_H

#include "national_data.h"

#include <jansson.h>

/* The whole national picture. Caller owns the result. */
json_t *national_json(const NationalData *nd);
/* One national figure: {"cents": .., "municipalities": ..} or null when not shown. */
json_t *national_figure_json(const NatFigure *f);
/* The named municipalities only (SHARE_NAMED and up), with their own figures. */
json_t *national_munis_json(const NationalData *nd);
/* The spreads of one group: per measure {"municipalities", "q1", "median", "q3"} or null. */
json_t *national_group_json(const NationalGroup *g);
/* One named municipality's figures. */
json_t *national_muni_json(const NationalMuni *m);

#endif
