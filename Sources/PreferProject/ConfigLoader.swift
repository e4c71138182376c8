import Foundation
import PreferCore

/// Reads `prefer.yaml` into a `ProjectConfig`, with errors that name file, line and key.
public enum ConfigLoader {
    static let topKeys: Set<String> = ["name", "scale", "both_bad", "rubric", "flags", "rationale", "overlap", "gold_rate",
                                       "seed", "guidelines", "theme", "database"]
    static let criterionKeys: Set<String> = ["id", "question", "scale", "labels", "required"]

    /// Parses config text; `file` is used in error messages.
    public static func parse(_ text: String, file: String) throws -> ProjectConfig {
        let root = try YAMLNode.load(text: text, file: file)
        var config = ProjectConfig(name: "")
        var sawName = false
        for (key, v) in try root.entries(allowed: topKeys) {
            switch key {
            case "name":
                config.name = try v.string()
                guard !config.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw v.fail("must not be empty") }
                sawName = true
            case "scale":
                let points = try v.int(in: 2...7)
                guard let s = ChoiceScale(points: points) else { throw v.fail("expected 7, 5, 3 or 2 points, got \(points)") }
                config.scale = s
            case "both_bad": config.allowBothBad = try v.bool()
            case "rubric": config.rubric = v.isNull ? [] : try v.list().map(criterion)
            case "flags":
                config.flags = v.isNull ? [] : try v.list().map { try $0.string() }
            case "rationale":
                let s = try v.string()
                guard let p = RationalePolicy(rawValue: s) else {
                    throw v.fail("expected never, always or weak (ties and weak preferences), got \"\(s)\"")
                }
                config.rationale = p
            case "overlap": config.overlap = try v.int(in: 1...1000)
            case "gold_rate": config.goldRate = try v.double(in: 0...1)
            case "seed":
                let s = try v.int(in: 0...Int.max)
                config.seed = UInt64(s)
            case "guidelines": config.guidelinesFile = try v.string()
            case "theme": config.theme = v.isNull ? nil : try v.string()
            case "database": config.database = try v.string()
            default: break
            }
        }
        if !sawName { throw ConfigError(file: file, line: nil, key: "name", message: "missing; every project needs a name") }
        let ids = config.rubric.map(\.id)
        if let dup = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw ConfigError(file: file, line: nil, key: "rubric", message: "criterion id \"\(dup)\" is used twice")
        }
        return config
    }

    static func criterion(_ n: YAMLNode) throws -> Criterion {
        var c = Criterion(id: "", question: "")
        for (key, v) in try n.entries(allowed: criterionKeys) {
            switch key {
            case "id": c.id = try v.string()
            case "question": c.question = try v.string()
            case "scale":
                // "1-5" or "0-10": a range of whole-number scores per response.
                let s = try v.string()
                let parts = s.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo < hi, hi - lo <= 20 else {
                    throw v.fail("expected a range like 1-5, got \"\(s)\"")
                }
                c.min = lo; c.max = hi
            case "labels": c.labels = try v.list().map { try $0.string() }
            case "required": c.required = try v.bool()
            default: break
            }
        }
        guard !c.id.isEmpty else { throw n.fail("a rubric criterion needs an id") }
        guard c.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw n.fail("criterion id \"\(c.id)\" may use letters, digits, _ and - only")
        }
        if c.question.isEmpty { c.question = c.id }
        if !c.labels.isEmpty && c.labels.count != c.max - c.min + 1 {
            throw ConfigError(file: n.file, line: n.line, key: n.key + ".labels",
                              message: "has \(c.labels.count) labels for a \(c.min)-\(c.max) scale (\(c.max - c.min + 1) points)")
        }
        return c
    }

    /// The rubric as canonical JSON, recorded as a rubric version.
    public static func rubricJSON(_ config: ProjectConfig) -> String {
        JSONValue.object([
            "scale": .number(Double(config.scale.points)),
            "both_bad": .bool(config.allowBothBad),
            "flags": .array(config.flags.map(JSONValue.string)),
            "rationale": .string(config.rationale.rawValue),
            "criteria": .array(config.rubric.map { c in
                .object(["id": .string(c.id), "question": .string(c.question), "min": .number(Double(c.min)),
                         "max": .number(Double(c.max)), "labels": .array(c.labels.map(JSONValue.string)), "required": .bool(c.required)])
            }),
        ]).canonicalJSON
    }
}
