#ifndef FEDCAT_CSERD_SHIM_H
#define FEDCAT_CSERD_SHIM_H
/* serd 0.30 (Debian libserd-dev): the streaming Turtle / TriG / N-Triples / N-Quads reader fedcat wraps. */
#include <serd/serd.h>
#include <stdarg.h>
#include <stdio.h>

/* Formats a reader error (a printf format and its va_list, which Swift cannot expand) into `buffer`.
   Returns the length the full message needs, like vsnprintf. */
static inline int fc_serd_format_error(const SerdError *error, char *buffer, size_t size) {
    va_list copy;
    va_copy(copy, *error->args);
    int length = vsnprintf(buffer, size, error->fmt, copy);
    va_end(copy);
    return length;
}

#endif
