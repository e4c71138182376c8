import CJSONEvents
import Foundation

/// Parses one JSONL line into its top-level fields, with simdjson (through `CJSONEvents`): JSON parsing was
/// half of import's parse time with Foundation's parser, which also boxes every value as `Any`.
enum JSONRowParser {
    /// The object's fields, or a `RowProblem` for invalid JSON and non-object values. A repeated key keeps its
    /// last value. Thread-safe (each thread has its own parser).
    static func fields(_ bytes: UnsafeRawBufferPointer) throws -> FieldList {
        var reader: JSONEventReader
        do {
            reader = try JSONEventReader(parsing: bytes)
        } catch JSONEventReader.Failure.number(let problem) {
            return try secondReading(bytes, problem, acceptIfValid: true)
        } catch let problem as RowProblem {
            return try secondReading(bytes, problem, acceptIfValid: false)
        }
        guard let count = reader.objectCount() else {
            throw RowProblem(nil, "expected a JSON object, got \(reader.value().kindDescription)")
        }
        var out = FieldList(capacity: count)
        if count <= 16 {
            for _ in 0..<count { out.set(reader.string(), reader.value()) }
        } else {
            // Many fields: find repeated keys by hashing, not by searching the list for each one.
            var seen = Set<String>(minimumCapacity: count)
            for _ in 0..<count {
                let key = reader.string()
                if seen.insert(key).inserted { out.append(key, reader.value()) } else { out.set(key, reader.value()) }
            }
        }
        return out
    }

    /// A line simdjson rejected, read by Foundation (only on this error path). simdjson cannot hold numbers outside
    /// 64-bit integers and doubles (a 30-digit id, 1e400), which are valid JSON: with `acceptIfValid` such a line
    /// is taken as Foundation reads it, as it was imported before. Otherwise the line stays rejected (Foundation
    /// allows a trailing comma), and when Foundation rejects it too its message, which says where ("around
    /// character 52"), replaces simdjson's, which does not.
    private static func secondReading(_ bytes: UnsafeRawBufferPointer, _ problem: RowProblem, acceptIfValid: Bool) throws -> FieldList {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw detail.map { RowProblem(problem.field, "invalid JSON: \($0)") } ?? problem
        }
        guard acceptIfValid else { throw problem }
        return try foundationFields(object)
    }

    /// The fields of a Foundation JSON object (the fallback reading).
    private static func foundationFields(_ object: Any) throws -> FieldList {
        guard let dict = object as? [String: Any] else {
            throw RowProblem(nil, "expected a JSON object, got \(value(object).kindDescription)")
        }
        var out = FieldList(capacity: dict.count)
        for (k, v) in dict { out.append(k, value(v)) }
        return out
    }

    /// A Foundation JSON value as a `JSONValue`.
    static func value(_ any: Any) -> JSONValue {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber:
            // JSONSerialization returns booleans as NSNumber with the C type "c".
            if n.objCType.pointee == 0x63 { return .bool(n.boolValue) }
            return .number(n.doubleValue)
        case let a as [Any]: return .array(a.map(value))
        case let o as [String: Any]: return .object(o.mapValues(value))
        default: return .null
        }
    }
}

/// Reads the events of one parse (`prefer_json_parse`) back into Swift values, in document order. Valid until
/// the thread parses again.
struct JSONEventReader {
    private let events: UnsafeBufferPointer<prefer_json_event>
    private var index = 0

    /// Parses `bytes` on this thread's parser.
    init(parsing bytes: UnsafeRawBufferPointer) throws {
        var first: UnsafePointer<prefer_json_event>?
        var error: UnsafePointer<CChar>?
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else {
            throw RowProblem(nil, "invalid JSON: no text")
        }
        let n = prefer_json_parse(start, bytes.count, &first, &error)
        guard n > 0, let first else {
            let problem = RowProblem(nil, "invalid JSON" + (error.map { ": " + String(cString: $0) } ?? ""))
            throw n == -2 ? Failure.number(problem) : problem
        }
        events = UnsafeBufferPointer(start: first, count: n)
    }

    /// A number simdjson could not read (the line may still be valid JSON).
    enum Failure: Error { case number(RowProblem) }

    private static let null = UInt8(PREFER_JSON_NULL.rawValue), isFalse = UInt8(PREFER_JSON_FALSE.rawValue),
                       isTrue = UInt8(PREFER_JSON_TRUE.rawValue), number = UInt8(PREFER_JSON_NUMBER.rawValue),
                       string = UInt8(PREFER_JSON_STRING.rawValue), array = UInt8(PREFER_JSON_ARRAY.rawValue),
                       object = UInt8(PREFER_JSON_OBJECT.rawValue)

    /// If the next value is an object, steps into it and returns its number of fields (each a `string()` key
    /// followed by a `value()`); otherwise nil, and the reader stays put.
    mutating func objectCount() -> Int? {
        guard events[index].kind == Self.object else { return nil }
        index += 1
        return Int(events[index - 1].count)
    }

    /// The next event, which must be a string (an object key).
    mutating func string() -> String {
        let e = events[index]
        index += 1
        return Self.text(e)
    }

    /// The next value, whole.
    mutating func value() -> JSONValue {
        let e = events[index]
        index += 1
        switch e.kind {
        case Self.isFalse: return .bool(false)
        case Self.isTrue: return .bool(true)
        case Self.number: return .number(e.number)
        case Self.string: return .string(Self.text(e))
        case Self.array:
            var items: [JSONValue] = []
            items.reserveCapacity(Int(e.count))
            for _ in 0..<e.count { items.append(value()) }
            return .array(items)
        case Self.object:
            var fields: [String: JSONValue] = [:]
            fields.reserveCapacity(Int(e.count))
            for _ in 0..<e.count {
                let key = string()
                fields[key] = value()
            }
            return .object(fields)
        default: return .null
        }
    }

    private static func text(_ e: prefer_json_event) -> String {
        String(decoding: UnsafeRawBufferPointer(start: e.text, count: Int(e.count)), as: UTF8.self)
    }
}
