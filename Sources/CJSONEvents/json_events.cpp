// Walks simdjson's document and lists its values as events (see json_events.h).
#include "json_events.h"

#include <simdjson.h>
#include <cstring>
#include <vector>

namespace {

// One parser and event list per thread: simdjson parsers are not thread-safe, and reusing one keeps its
// buffers allocated from line to line.
thread_local simdjson::dom::parser parser;
thread_local std::vector<prefer_json_event> events;
// simdjson reads up to SIMDJSON_PADDING bytes past the text: lines are copied here, not into a new allocation.
thread_local std::vector<char> padded;

void push(uint8_t kind, const char *text = nullptr, uint32_t count = 0, double number = 0) {
    events.push_back(prefer_json_event{text, number, count, kind});
}

void walk(simdjson::dom::element value) {
    using simdjson::dom::element_type;
    switch (value.type()) {
    case element_type::OBJECT: {
        simdjson::dom::object object = value.get_object().value_unsafe();
        size_t at = events.size();
        push(PREFER_JSON_OBJECT);
        uint32_t count = 0;
        for (auto field : object) {
            push(PREFER_JSON_STRING, field.key.data(), static_cast<uint32_t>(field.key.size()));
            walk(field.value);
            count++;
        }
        events[at].count = count;
        break;
    }
    case element_type::ARRAY: {
        simdjson::dom::array array = value.get_array().value_unsafe();
        size_t at = events.size();
        push(PREFER_JSON_ARRAY);
        uint32_t count = 0;
        for (auto item : array) {
            walk(item);
            count++;
        }
        events[at].count = count;
        break;
    }
    case element_type::STRING: {
        std::string_view s = value.get_string().value_unsafe();
        push(PREFER_JSON_STRING, s.data(), static_cast<uint32_t>(s.size()));
        break;
    }
    case element_type::INT64:
        push(PREFER_JSON_NUMBER, nullptr, 0, static_cast<double>(value.get_int64().value_unsafe()));
        break;
    case element_type::UINT64:
        push(PREFER_JSON_NUMBER, nullptr, 0, static_cast<double>(value.get_uint64().value_unsafe()));
        break;
    case element_type::DOUBLE:
        push(PREFER_JSON_NUMBER, nullptr, 0, value.get_double().value_unsafe());
        break;
    case element_type::BOOL:
        push(value.get_bool().value_unsafe() ? PREFER_JSON_TRUE : PREFER_JSON_FALSE);
        break;
    case element_type::NULL_VALUE:
        push(PREFER_JSON_NULL);
        break;
    }
}

// Buffers sized by one long line (up to the 8 MiB line limit, ten times that in simdjson) are given back when a
// short line follows, so that a few long lines do not keep their memory for the rest of the import.
constexpr size_t keep_bytes = 1 << 20;

void shrink_after_long_line(size_t length) {
    if (length >= keep_bytes) return;
    if (parser.capacity() > keep_bytes) parser = simdjson::dom::parser();
    if (padded.capacity() > keep_bytes + simdjson::SIMDJSON_PADDING + 4096) std::vector<char>().swap(padded);
    if (events.capacity() > (keep_bytes >> 4)) std::vector<prefer_json_event>().swap(events);
}

} // namespace

extern "C" long prefer_json_parse(const char *bytes, size_t length, const prefer_json_event **out, const char **error) {
    shrink_after_long_line(length);
    events.clear();
    simdjson::dom::element root;
    if (padded.size() < length + simdjson::SIMDJSON_PADDING) padded.resize(length + simdjson::SIMDJSON_PADDING + 4096);
    std::memcpy(padded.data(), bytes, length);
    auto code = parser.parse(padded.data(), length, false).get(root);
    if (code != simdjson::SUCCESS) {
        *error = simdjson::error_message(code);
        return code == simdjson::NUMBER_ERROR ? -2 : -1;
    }
    walk(root);
    *out = events.data();
    return static_cast<long>(events.size());
}
