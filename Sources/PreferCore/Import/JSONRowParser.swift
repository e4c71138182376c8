import Foundation

/// Parses one JSONL line into its top-level fields.
enum JSONRowParser {
    /// The object's fields, or a `RowProblem` for invalid JSON and non-object values.
    static func fields(_ bytes: UnsafeRawBufferPointer) throws -> FieldList {
        let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress!), count: bytes.count, deallocator: .none)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw RowProblem(nil, "invalid JSON" + (detail.map { ": \($0)" } ?? ""))
        }
        guard let dict = object as? [String: Any] else {
            throw RowProblem(nil, "expected a JSON object, got \(value(object).kindDescription)")
        }
        var out = FieldList(capacity: dict.count)
        for (k, v) in dict { out.append(k, value(v)) }
        return out
    }

    /// A Foundation JSON object as a `JSONValue`.
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
