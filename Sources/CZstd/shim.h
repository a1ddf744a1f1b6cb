#ifndef FEDCAT_CZSTD_SHIM_H
#define FEDCAT_CZSTD_SHIM_H
/* Zstandard, for keeping raw payloads compressed (Debian libzstd-dev). */
#include <zstd.h>

/* ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are macros of unsigned long long casts that Swift does not
   import: 1 when `size` is one of them. */
static inline int fc_zstd_content_size_is_known(unsigned long long size) {
    return size != ZSTD_CONTENTSIZE_UNKNOWN && size != ZSTD_CONTENTSIZE_ERROR;
}
#endif
