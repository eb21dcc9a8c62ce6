#include "allocator_tuning.h"
#include <stdlib.h>  // defines __GLIBC__ on glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// glibc raises its trim threshold each time a large block is freed (up to 64 MB), so the memory
// that reading one config after another frees stays mapped; a fixed 1 MB threshold returns it.
void routesim_return_freed_memory(void) {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif
}
