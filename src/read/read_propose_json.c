/* read_propose_json.c: the proposals file of `pok proposal make` (docs/read.md). The file
 * names the document and its SHA-256; `pok proposal accept` reads the document again and
 * takes the chosen proposals' keys from the file, never their figures. */
#include "read_propose.h"

static json_t *nullable_int(int v)
{
    return v ? json_integer(v) : json_null();
}

json_t *proposals_json(const ProposalSet *set, const char *file, const char *sha256,
                       const char *muni_code)
{
    json_t *list = json_array();
    for (size_t i = 0; i < set->n; i++) {
        const Proposal *p = &set->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "number", json_integer(p->number));
        json_object_set_new(o, "key", json_string(p->key));
        json_object_set_new(o, "kind", json_string(proposal_groups[p->kind].key));
        json_object_set_new(o, "proposable", json_boolean(p->kind != PROPOSAL_NONE));
        json_object_set_new(o, "cents", json_integer(p->cents));
        json_object_set_new(o, "year", nullable_int(p->year));
        json_object_set_new(o, "actielijn", nullable_int(p->actielijn));
        json_object_set_new(o, "label", json_string(p->label ? p->label : ""));
        json_object_set_new(o, "page", json_integer(p->page));
        json_object_set_new(o, "line", json_integer(p->line));
        json_object_set_new(o, "record", json_string(p->what));
        json_object_set_new(o, "change",
                            p->change && *p->change ? json_string(p->change) : json_null());
        json_object_set_new(o, "why_not", p->why_not ? json_string(p->why_not) : json_null());
        json_array_append_new(list, o);
    }
    json_t *root = json_object();
    json_object_set_new(root, "file", json_string(file));
    json_object_set_new(root, "sha256", json_string(sha256));
    json_object_set_new(root, "municipality", json_string(muni_code));
    json_object_set_new(root, "already_accepted", json_integer((json_int_t)set->n_accepted));
    json_object_set_new(root, "proposals", list);
    return root;
}
