#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H
/* libgvc (Debian: libgraphviz-dev). Used only when the package trait `Graphviz` is on. */
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stdlib.h>
#include <string.h>

/*
 * Deterministic object IDs for graphs read in-process.
 *
 * cgraph 2.42's default ID discipline uses the address of each interned name as the object's
 * ID, and keeps subgraphs ordered by ID. In a long-lived process those addresses depend on
 * what was allocated and freed before, so the second render of the same DOT text ordered
 * the AS clusters differently (measured). This discipline numbers names in the order the
 * parser first meets them (even IDs; anonymous objects get odd ones, as in cgraph), so the
 * same text always gives the same graph.
 */
typedef struct {
    char **names;
    unsigned long *hashes;
    size_t count, capacity;
    IDTYPE anonymous;
} cgraphviz_ids;

static inline unsigned long cgraphviz_hash(const char *s) {
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++) { h ^= (unsigned char)*s; h *= 1099511628211UL; }
    return h;
}

static inline void *cgraphviz_id_open(Agraph_t *g, Agdisc_t *disc) {
    (void)g; (void)disc;
    return calloc(1, sizeof(cgraphviz_ids));
}

static inline long cgraphviz_id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
    cgraphviz_ids *ids = (cgraphviz_ids *)state;
    (void)objtype;
    if (!ids) return 0;
    if (!str) { ids->anonymous += 2; *id = ids->anonymous - 1; return 1; }
    unsigned long h = cgraphviz_hash(str);
    for (size_t i = 0; i < ids->count; i++) {
        if (ids->hashes[i] == h && strcmp(ids->names[i], str) == 0) { *id = (IDTYPE)(2 * (i + 1)); return 1; }
    }
    if (!createflag) return 0;
    if (ids->count == ids->capacity) {
        size_t capacity = ids->capacity ? 2 * ids->capacity : 64;
        char **names = (char **)realloc(ids->names, capacity * sizeof(char *));
        if (!names) return 0;
        ids->names = names;
        unsigned long *hashes = (unsigned long *)realloc(ids->hashes, capacity * sizeof(unsigned long));
        if (!hashes) return 0;
        ids->hashes = hashes;
        ids->capacity = capacity;
    }
    char *copy = strdup(str);
    if (!copy) return 0;
    ids->names[ids->count] = copy;
    ids->hashes[ids->count] = h;
    ids->count++;
    *id = (IDTYPE)(2 * ids->count);
    return 1;
}

static inline long cgraphviz_id_alloc(void *state, int objtype, IDTYPE request) {
    (void)state; (void)objtype; (void)request;
    return 0;   /* callers never ask for a specific ID when reading DOT */
}

static inline void cgraphviz_id_free(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;   /* names live until the graph closes */
}

static inline char *cgraphviz_id_print(void *state, int objtype, IDTYPE id) {
    cgraphviz_ids *ids = (cgraphviz_ids *)state;
    (void)objtype;
    if (!ids || id % 2 != 0 || id == 0 || (size_t)(id / 2) > ids->count) return NULL;
    return ids->names[id / 2 - 1];
}

static inline void cgraphviz_id_close(void *state) {
    cgraphviz_ids *ids = (cgraphviz_ids *)state;
    if (!ids) return;
    for (size_t i = 0; i < ids->count; i++) free(ids->names[i]);
    free(ids->names);
    free(ids->hashes);
    free(ids);
}

static inline void cgraphviz_id_register(void *state, int objtype, void *obj) {
    (void)state; (void)objtype; (void)obj;
}

/* Reading from memory, a line at a time (as cgraph's own memory reader does, for line numbers). */
typedef struct { const char *data; size_t length, position; } cgraphviz_reader;

static inline int cgraphviz_read(void *chan, char *buffer, int size) {
    cgraphviz_reader *reader = (cgraphviz_reader *)chan;
    if (size <= 0 || reader->position >= reader->length) return 0;
    int n = 0;
    while (n < size && reader->position < reader->length) {
        char c = reader->data[reader->position++];
        buffer[n++] = c;
        if (c == '\n') break;
    }
    return n;
}

/* Parses DOT text with the deterministic ID discipline; NULL on a syntax error. Not reentrant:
   GraphvizInProcess calls it under its process-wide lock. */
static inline Agraph_t *cgraphviz_read_dot(const char *text) {
    static Agiddisc_t ids = {
        cgraphviz_id_open, cgraphviz_id_map, cgraphviz_id_alloc, cgraphviz_id_free,
        cgraphviz_id_print, cgraphviz_id_close, cgraphviz_id_register
    };
    /* The graph keeps pointers to its disciplines: static, and filled under the caller's lock. */
    static Agiodisc_t io;
    io = AgIoDisc;
    io.afread = cgraphviz_read;
    static Agdisc_t disc;
    disc.mem = &AgMemDisc;
    disc.id = &ids;
    disc.io = &io;
    cgraphviz_reader reader = { text, strlen(text), 0 };
    return agread(&reader, &disc);
}
/*
 * Graphviz 2.42's pango text layout plugin caches the last font it loaded in static variables
 * and keeps a pointer to that font's *name* (`static char *fontname`), which belongs to the
 * context that laid the text out. Freeing the context (we use a fresh one per render) leaves
 * the pointer dangling, and the next render strcmp()s it: a use-after-free (valgrind shows it)
 * that crashed the test process once freed heap pages were returned to the system. Graphviz
 * fixed it later by copying the name (gvtextlayout_pango.c: `fontname = gv_strdup(...)`).
 * Laying out one span in a font whose name is static memory, just before the context is freed,
 * moves the cached pointer to memory that is never freed; the next render then sees a
 * different name and loads its own font as it would anyway.
 */
extern pointf textspan_size(GVC_t *gvc, textspan_t *span);

static inline void cgraphviz_forget_font(GVC_t *gvc) {
    static char name[] = "routesim-no-font", text[] = "x";
    static textfont_t font;
    font.name = name;
    font.size = 1.0;
    textspan_t span;
    memset(&span, 0, sizeof span);
    span.str = text;
    span.font = &font;
    span.just = 'n';
    (void)textspan_size(gvc, &span);
    if (span.layout && span.free_layout) span.free_layout(span.layout);
}

#endif
