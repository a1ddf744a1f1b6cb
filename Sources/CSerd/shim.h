#ifndef FEDCAT_CSERD_SHIM_H
#define FEDCAT_CSERD_SHIM_H
/* serd 0.30 (Debian libserd-dev): the streaming Turtle / TriG / N-Triples / N-Quads reader fedcat wraps. */
#include <serd/serd.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Formats a reader error (a printf format and its va_list, which Swift cannot expand) into `buffer`.
   Returns the length the full message needs, like vsnprintf. */
static inline int fc_serd_format_error(const SerdError *error, char *buffer, size_t size) {
    va_list copy;
    va_copy(copy, *error->args);
    int length = vsnprintf(buffer, size, error->fmt, copy);
    va_end(copy);
    return length;
}

/* ---------------------------------------------------------------------------------------------------------------
   The byte source behind one serd_reader_read_source call: up to four segments of memory, or a file descriptor.

   It works around two serd 0.30.16 bugs:
   - after an error at the end of a NUL-terminated string, lax mode loops forever: fedcat always reads through this
     stream source, whose end serd sees as a real end of file;
   - serd's stream byte source can step past the end of its input (an IRI or long string cut by the end is read on
     into the stale rest of the page buffer, and then round and round the buffer forever). The unused rest of the
     last page is filled with '>' (which closes a runaway IRI and starts nothing), and when serd asks for a page
     after the end, the read is abandoned with longjmp back to fc_serd_read_guarded: `overran` is then set and
     nothing serd reported after the end is real.
   NUL bytes, which serd would take as an end of string or skip silently, are handed over as 0xFF: serd reports
   them as invalid UTF-8 and reads U+FFFD. */

enum { FC_SERD_SEGMENTS = 4 };

typedef struct {
    const uint8_t *start;
    size_t count;
} FcSerdSegment;

typedef struct {
    FcSerdSegment segments[FC_SERD_SEGMENTS];
    size_t segment_count;
    size_t index;
    size_t offset;
    int fd;                 /* a file to read instead of the segments, or -1 */
    int read_error;         /* errno of a failed read */
    int counts_lines;       /* count line breaks passing through (N-Triples needs its last line) */
    size_t line_breaks;
    uint8_t last_byte;
    size_t bytes_read;
    int exhausted;          /* the last read returned less than asked */
    int overran;            /* serd asked for more after the end */
    jmp_buf jump;
} FcSerdCursor;

static inline void fc_serd_cursor_start(FcSerdCursor *cursor, int fd) {
    cursor->segment_count = 0;
    cursor->index = 0;
    cursor->offset = 0;
    cursor->fd = fd;
    cursor->read_error = 0;
    cursor->line_breaks = 0;
    cursor->last_byte = '\n';
    cursor->bytes_read = 0;
    cursor->exhausted = 0;
    cursor->overran = 0;
}

static inline void fc_serd_cursor_add(FcSerdCursor *cursor, const uint8_t *start, size_t count) {
    if (cursor->segment_count < FC_SERD_SEGMENTS) {
        cursor->segments[cursor->segment_count].start = start;
        cursor->segments[cursor->segment_count].count = count;
        cursor->segment_count += 1;
    }
}

static inline size_t fc_serd_cursor_read(void *buffer, size_t size, size_t count, void *stream) {
    FcSerdCursor *cursor = (FcSerdCursor *)stream;
    uint8_t *out = (uint8_t *)buffer;
    (void)size;
    if (cursor->exhausted) {
        cursor->overran = 1;
        longjmp(cursor->jump, 1);
    }
    size_t written = 0;
    if (cursor->fd >= 0) {
        while (written < count) {
            ssize_t got = read(cursor->fd, out + written, count - written);
            if (got > 0) {
                written += (size_t)got;
            } else if (got == 0) {
                break;
            } else if (errno != EINTR) {
                cursor->read_error = errno;
                break;
            }
        }
    } else {
        while (written < count && cursor->index < cursor->segment_count) {
            const FcSerdSegment *segment = &cursor->segments[cursor->index];
            size_t take = segment->count - cursor->offset;
            if (take > count - written) take = count - written;
            if (take > 0) {
                memcpy(out + written, segment->start + cursor->offset, take);
                written += take;
                cursor->offset += take;
            }
            if (cursor->offset >= segment->count) {
                cursor->index += 1;
                cursor->offset = 0;
            }
        }
    }
    if (written < count) {
        cursor->exhausted = 1;
        memset(out + written, '>', count - written);
    }
    if (written == 0) return 0;
    for (uint8_t *from = out, *end = out + written; from < end;) {
        uint8_t *hit = (uint8_t *)memchr(from, 0, (size_t)(end - from));
        if (!hit) break;
        *hit = 0xFF;
        from = hit + 1;
    }
    if (cursor->counts_lines) {
        for (uint8_t *from = out, *end = out + written; from < end;) {
            uint8_t *hit = (uint8_t *)memchr(from, '\n', (size_t)(end - from));
            if (!hit) break;
            cursor->line_breaks += 1;
            from = hit + 1;
        }
        cursor->last_byte = out[written - 1];
    }
    cursor->bytes_read += written;
    return written;
}

static inline int fc_serd_cursor_error(void *stream) {
    return ((FcSerdCursor *)stream)->read_error != 0;
}

/* Reads the cursor's input with `reader`; returns SERD_ERR_UNKNOWN (and `cursor->overran` is set) when serd stepped
   past the end and the read was abandoned. No Swift code runs between the setjmp and the longjmp: serd calls the
   Swift statement and error sinks only from its parsing code, never from inside the page read. */
static inline SerdStatus fc_serd_read_guarded(SerdReader *reader, FcSerdCursor *cursor, size_t page_size) {
    if (setjmp(cursor->jump) != 0) {
        serd_reader_end_stream(reader);
        return SERD_ERR_UNKNOWN;
    }
    return serd_reader_read_source(reader, fc_serd_cursor_read, fc_serd_cursor_error, cursor, NULL, page_size);
}

#endif
