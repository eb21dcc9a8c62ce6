#ifndef ROUTESIM_ALLOCATOR_TUNING_H
#define ROUTESIM_ALLOCATOR_TUNING_H

/// Makes the C allocator hand freed memory back to the system (glibc only; elsewhere nothing).
void routesim_return_freed_memory(void);

#endif
