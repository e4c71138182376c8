// sqlite3_config is variadic, so Swift cannot call it: one fixed-argument wrapper per setting used.
#include <sqlite3.h>

// Turns off SQLite's allocation statistics, which take a process-wide mutex on every malloc and free
// (about 5% of a bulk import's writer time). Only valid before the first connection opens.
static inline int prefer_sqlite3_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
