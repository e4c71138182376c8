import Foundation
import Yams

/// A YAML node with the file it came from: typed accessors that throw `ConfigError` with file, line and key.
struct YAMLNode {
    let node: Node
    let file: String
    let key: String

    var line: Int? { node.mark?.line }

    /// Parses a YAML document; a syntax error names the file and the line.
    static func load(text: String, file: String) throws -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: nil, key: nil, message: "the file is empty")
            }
            return YAMLNode(node: node, file: file, key: "")
        } catch let e as YamlError {
            throw ConfigError(file: file, line: Self.line(of: e), key: nil, message: "invalid YAML: \(Self.problem(of: e))")
        }
    }

    static func line(of e: YamlError) -> Int? {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    static func problem(of e: YamlError) -> String {
        switch e {
        case .scanner(_, let p, _, _), .parser(_, let p, _, _), .composer(_, let p, _, _): return p
        case .duplicatedKeysInMapping(let d, _): return "key \(d.map { "\"\($0)\"" }.joined(separator: ", ")) appears twice in one mapping"
        default: return "\(e)"
        }
    }

    func fail(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, key: key.isEmpty ? nil : key, message: message)
    }

    /// The mapping's entries in file order; fails when the node is not a mapping.
    func entries() throws -> [(String, YAMLNode)] {
        guard case .mapping(let m) = node else { throw fail("expected a mapping of keys to values") }
        return try m.map { k, v in
            guard let name = k.string else { throw ConfigError(file: file, line: k.mark?.line, key: nil, message: "keys must be text") }
            return (name, YAMLNode(node: v, file: file, key: key.isEmpty ? name : "\(key).\(name)"))
        }
    }

    /// Entries, refusing keys outside `allowed` (catches typos such as `overlapp`).
    func entries(allowed: Set<String>) throws -> [(String, YAMLNode)] {
        let e = try entries()
        for (name, v) in e where !allowed.contains(name) {
            throw ConfigError(file: file, line: v.node.mark?.line, key: v.key,
                              message: "unknown key; expected one of: \(allowed.sorted().joined(separator: ", "))")
        }
        return e
    }

    func string() throws -> String {
        guard case .scalar(let s) = node else { throw fail("expected text, got \(kind)") }
        return s.string
    }

    func int(in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar = node, let i = node.int else { throw fail("expected a whole number, got \(describe)") }
        guard range.contains(i) else { throw fail("expected a number from \(range.lowerBound) to \(range.upperBound), got \(i)") }
        return i
    }

    func double(in range: ClosedRange<Double>) throws -> Double {
        guard case .scalar = node, let d = node.float else { throw fail("expected a number, got \(describe)") }
        guard range.contains(d) else { throw fail("expected a number from \(range.lowerBound) to \(range.upperBound), got \(d)") }
        return d
    }

    func bool() throws -> Bool {
        guard case .scalar = node, let b = node.bool else { throw fail("expected true or false, got \(describe)") }
        return b
    }

    func list() throws -> [YAMLNode] {
        guard case .sequence(let s) = node else { throw fail("expected a list, got \(kind)") }
        return s.enumerated().map { YAMLNode(node: $1, file: file, key: "\(key)[\($0)]") }
    }

    var isNull: Bool { node.null != nil }

    var kind: String {
        switch node {
        case .scalar: return "a value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    var describe: String {
        if case .scalar(let s) = node { return "\"\(s.string)\"" }
        return kind
    }
}
