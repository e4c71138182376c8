// simdjson (Debian's libsimdjson-dev) behind a C interface: Swift cannot call its C++ API without switching
// every dependent module to C++ interoperability. One call parses a JSON text and returns its values as a
// flat list of events in document order, which Swift turns into its own values.
#ifndef PREFER_JSON_EVENTS_H
#define PREFER_JSON_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What one event is.
typedef enum {
    PREFER_JSON_NULL = 0,
    PREFER_JSON_FALSE = 1,
    PREFER_JSON_TRUE = 2,
    PREFER_JSON_NUMBER = 3,
    PREFER_JSON_STRING = 4,
    /// Followed by `count` values.
    PREFER_JSON_ARRAY = 5,
    /// Followed by `count` pairs: a STRING event (the key), then the value.
    PREFER_JSON_OBJECT = 6,
} prefer_json_kind;

/// One value (or object key). Strings are unescaped UTF-8, `count` bytes at `text`, not NUL-terminated.
typedef struct {
    const char *text;
    double number;
    uint32_t count;
    uint8_t kind;
} prefer_json_event;

/// Parses `length` bytes of JSON on the calling thread's parser. On success returns the number of events and
/// points `*events` at them; they and their strings stay valid until the thread's next call. On invalid JSON
/// returns -1 and points `*error` at a static message; -2 (with a message) when a number could not be read,
/// which may be valid JSON out of simdjson's range (integers past 64 bits, doubles past their range).
long prefer_json_parse(const char *bytes, size_t length, const prefer_json_event **events, const char **error);

#ifdef __cplusplus
}
#endif

#endif
