#ifndef CGRAPHVIZ_SHIM_H
#define CGRAPHVIZ_SHIM_H
/* libgvc (Debian: libgraphviz-dev). Used only when the package trait `Graphviz` is on. */
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
