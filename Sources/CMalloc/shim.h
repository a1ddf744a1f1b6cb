#ifndef FEDCAT_CMALLOC_SHIM_H
#define FEDCAT_CMALLOC_SHIM_H
/* glibc's allocator settings (mallopt), which the Glibc module does not export. */
#include <stdlib.h> /* defines __GLIBC__ on glibc */
#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
static inline void fc_keep_freed_memory(int mmap_threshold, int trim_threshold) {
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, trim_threshold);
}
#else
static inline void fc_keep_freed_memory(int mmap_threshold, int trim_threshold) { (void)mmap_threshold; (void)trim_threshold; }
#endif
#endif
