#ifndef FEDCAT_CZLIB_SHIM_H
#define FEDCAT_CZLIB_SHIM_H
/* zlib, for keeping raw payloads compressed. deflateInit2/inflateInit2 are macros Swift cannot call. */
#include <zlib.h>

static inline int fc_deflate_init(z_stream *s, int level) {
    return deflateInit2(s, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
static inline int fc_inflate_init(z_stream *s) { return inflateInit2(s, -15); }

#endif
