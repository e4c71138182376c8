/* What SQLite alone costs for the rows `prefer import` writes (a benchmark, not a test).
 *
 * Writes N items (prompt JSON ~150 bytes, a 32-byte content hash with a unique integer key, a random queue
 * key) and 2N responses (~230 bytes each) with prefer's schema, from C with prepared statements, in one WAL
 * transaction with the same settings as the import (16 KiB pages, synchronous=NORMAL, 64 MiB cache, foreign
 * keys off, the item and response indexes built after the rows with 2 sorter threads), then commits and
 * checkpoints. No parsing at all: the time printed is a floor for the database half of an import here.
 *
 * build and run: scripts/bench_sqlite_floor.sh [N]
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static unsigned long long state = 88172645463325252ULL;
static unsigned long long rnd(void) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; }

static void exec(sqlite3 *db, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) { fprintf(stderr, "%s: %s\n", sql, err); exit(1); }
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: sqlite_floor DB N\n"); return 2; }
    int n = atoi(argv[2]);
    sqlite3 *db;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) { fprintf(stderr, "cannot open %s\n", argv[1]); return 1; }
    exec(db, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
             "PRAGMA foreign_keys=OFF");
    exec(db, "CREATE TABLE import_batch (id INTEGER PRIMARY KEY); INSERT INTO import_batch VALUES (1);"
             "CREATE TABLE item (id INTEGER PRIMARY KEY, external_id TEXT, batch_id INTEGER NOT NULL REFERENCES import_batch(id),"
             " source_line INTEGER NOT NULL, prompt_json TEXT NOT NULL, metadata_json TEXT NOT NULL DEFAULT '{}',"
             " content_hash BLOB NOT NULL, content_key INTEGER NOT NULL UNIQUE, gold TEXT CHECK (gold = 'A' OR gold = 'B' OR gold = 'tie'),"
             " queue_key INTEGER NOT NULL, assigned INTEGER NOT NULL DEFAULT 0, open INTEGER NOT NULL DEFAULT 1);"
             "CREATE TABLE response (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES item(id),"
             " position INTEGER NOT NULL, text TEXT NOT NULL, model TEXT, metadata_json TEXT NOT NULL DEFAULT '{}');");
    sqlite3_stmt *item, *response;
    sqlite3_prepare_v2(db, "INSERT INTO item (external_id, batch_id, source_line, prompt_json, metadata_json, content_hash,"
                           " content_key, gold, queue_key) VALUES (?, 1, ?, ?, '{}', ?, ?, NULL, ?) ON CONFLICT(content_key) DO NOTHING", -1, &item, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO response (item_id, position, text, model, metadata_json) VALUES (?, ?, ?, ?, '{}')",
                       -1, &response, NULL);
    char prompt[160], text[240], id[32];
    for (int i = 0; i < 160; i++) prompt[i] = 'a' + i % 26;
    for (int i = 0; i < 240; i++) text[i] = 'a' + (i * 7) % 26;
    double t0 = now();
    exec(db, "BEGIN IMMEDIATE");
    for (int i = 0; i < n; i++) {
        unsigned long long h[4] = { rnd(), rnd(), rnd(), rnd() };
        snprintf(id, sizeof id, "pair-%d", i);
        memcpy(prompt, h, 8);
        sqlite3_bind_text(item, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(item, 2, i + 1);
        sqlite3_bind_text(item, 3, prompt, 150, SQLITE_STATIC);
        sqlite3_bind_blob(item, 4, h, 32, SQLITE_STATIC);
        sqlite3_bind_int64(item, 5, (long long)h[0]);
        sqlite3_bind_int64(item, 6, (long long)rnd());
        if (sqlite3_step(item) != SQLITE_DONE) { fprintf(stderr, "item: %s\n", sqlite3_errmsg(db)); return 1; }
        sqlite3_reset(item);
        sqlite3_int64 itemID = sqlite3_last_insert_rowid(db);
        for (int p = 0; p < 2; p++) {
            memcpy(text, &h[1 + p], 8);
            sqlite3_bind_int64(response, 1, itemID);
            sqlite3_bind_int(response, 2, p);
            sqlite3_bind_text(response, 3, text, 230, SQLITE_STATIC);
            sqlite3_bind_text(response, 4, p ? "model-4" : "model-2", -1, SQLITE_STATIC);
            if (sqlite3_step(response) != SQLITE_DONE) { fprintf(stderr, "response: %s\n", sqlite3_errmsg(db)); return 1; }
            sqlite3_reset(response);
        }
    }
    double t1 = now();
    exec(db, "PRAGMA cache_size=-4096; PRAGMA threads=2;"
             "CREATE INDEX item_external_id ON item(external_id);"
             "CREATE INDEX item_open_queue ON item(queue_key) WHERE open = 1 AND gold IS NULL;"
             "CREATE INDEX item_gold ON item(id) WHERE gold IS NOT NULL;"
             "CREATE UNIQUE INDEX response_item_position ON response(item_id, position);");
    double t2 = now();
    exec(db, "COMMIT");  /* includes SQLite's automatic checkpoint of the WAL into the database */
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    double t3 = now();
    printf("sqlite alone, %d items: rows %.2f s, indexes %.2f s, commit+checkpoint %.2f s, total %.2f s (%.0f items/s)\n",
           n, t1 - t0, t2 - t1, t3 - t2, t3 - t0, n / (t3 - t0));
    sqlite3_finalize(item);
    sqlite3_finalize(response);
    sqlite3_close(db);
    return 0;
}
