#ifndef FEDCAT_CSQLITECONFIG_SHIM_H
#define FEDCAT_CSQLITECONFIG_SHIM_H
/* sqlite3_db_config is variadic, which Swift cannot call: one non-variadic wrapper per setting used. */
#include <sqlite3.h>

/* Turns the connection's triggers on or off (SQLITE_DBCONFIG_ENABLE_TRIGGER); returns the setting now in force
   (1 on, 0 off), or -1 when SQLite refused. Statements prepared before the change are re-prepared by SQLite. */
static inline int fc_sqlite_enable_triggers(sqlite3 *db, int on) {
    int now = -1;
    if (sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, on, &now) != SQLITE_OK) return -1;
    return now;
}

/* Stops SQLite counting the memory it allocates (SQLITE_CONFIG_MEMSTATUS): the count takes a process-wide mutex
   around every allocation, and this system's SQLite is built without its lookaside allocator, so every small object
   goes through it. Nothing in fedcat reads the count (sqlite3_memory_used, soft heap limits). Only takes effect before
   SQLite is initialised, that is before the process opens its first connection; returns SQLITE_OK then, and
   SQLITE_MISUSE after, when it changes nothing. */
static inline int fc_sqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Binds a copy of `length` bytes of UTF-8 text (SQLITE_TRANSIENT, a macro Swift cannot import). */
static inline int fc_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

/* Binds a copy of `length` bytes as a blob (SQLITE_TRANSIENT). */
static inline int fc_sqlite_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

/* Sets a function's result to a copy of `length` bytes of UTF-8 text (SQLITE_TRANSIENT). */
static inline void fc_sqlite_result_text(sqlite3_context *context, const char *text, int length) {
    sqlite3_result_text(context, text, length, SQLITE_TRANSIENT);
}
#endif
