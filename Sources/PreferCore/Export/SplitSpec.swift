import Foundation

/// Named dataset splits with fractions, e.g. `train=0.9,test=0.1`, and the deterministic choice of a
/// split for a prompt. The unit is the PROMPT, not the item: items sharing a prompt land in one split,
/// so a test set never contains a prompt seen in training.
///
/// Assignment: u = first 53 bits of SHA-256("prefer-split-v1\n<seed>\n<promptKey>") / 2^53, uniform in
/// [0, 1); the split is the first whose cumulative fraction exceeds u (in the order written).
/// File naming: the split name goes before the target's extension, `out.jsonl` + `train` ->
/// `out.train.jsonl`; a target without extension gets `.<split>.jsonl` (`out` -> `out.train.jsonl`).
public struct SplitSpec: Hashable, Sendable {
    /// One split: a file-name-safe name and its share of prompts.
    public struct Part: Hashable, Sendable {
        public var name: String
        public var fraction: Double
        public init(name: String, fraction: Double) { self.name = name; self.fraction = fraction }
    }

    /// The splits, in the order written.
    public let parts: [Part]

    /// How far the fractions' sum may be from 1.
    public static let tolerance = 1e-9

    /// Parses `name=fraction,...`; names are letters, digits, `_` and `-`, unique; fractions in (0, 1]
    /// summing to 1 within `tolerance`.
    public static func parse(_ text: String) throws -> SplitSpec {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !(entries.count == 1 && entries[0].isEmpty) else { throw SplitSpecError("the split list is empty; write e.g. train=0.9,test=0.1") }
        var parts: [Part] = []
        for entry in entries {
            guard !entry.isEmpty else { throw SplitSpecError("an entry is empty (two commas, or a comma at the end) in \(JSONValue.quote(text))") }
            let halves = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard halves.count == 2 else { throw SplitSpecError("\(JSONValue.quote(entry)) is not name=fraction") }
            let name = halves[0].trimmingCharacters(in: .whitespaces)
            let value = halves[1].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(isNameScalar) else {
                throw SplitSpecError("split name \(JSONValue.quote(name)) must be letters, digits, '_' or '-' (it becomes part of a file name)")
            }
            guard !parts.contains(where: { $0.name == name }) else { throw SplitSpecError("split \(JSONValue.quote(name)) is named twice") }
            guard let fraction = Double(value), fraction.isFinite, fraction > 0, fraction <= 1 else {
                throw SplitSpecError("split \(JSONValue.quote(name)) has fraction \(JSONValue.quote(value)); want a number above 0 and at most 1")
            }
            parts.append(Part(name: name, fraction: fraction))
        }
        let sum = parts.reduce(0) { $0 + $1.fraction }
        guard abs(sum - 1) <= tolerance else {
            throw SplitSpecError("the split fractions add up to \(JSONNumber.text(sum)), not 1")
        }
        return SplitSpec(parts: parts)
    }

    private init(parts: [Part]) { self.parts = parts }

    /// The split a prompt belongs to, for a seed.
    public func split(forPromptKey key: String, seed: UInt64) -> String {
        let u = SplitSpec.unitValue(promptKey: key, seed: seed)
        var cumulative = 0.0
        for part in parts {
            cumulative += part.fraction
            if u < cumulative { return part.name }
        }
        return parts[parts.count - 1].name  // the sum may fall short of 1 by rounding
    }

    /// The split of a prompt given as messages.
    public func split(for prompt: [Message], seed: UInt64) -> String {
        split(forPromptKey: SplitSpec.promptKey(prompt), seed: seed)
    }

    /// The key that identifies a prompt: SHA-256 of its canonical JSON.
    public static func promptKey(_ prompt: [Message]) -> String { SHA256.hex(of: prompt.canonicalJSON) }

    /// The uniform [0, 1) value of a prompt key under a seed.
    public static func unitValue(promptKey: String, seed: UInt64) -> Double {
        let digest = SHA256.hex(of: "prefer-split-v1\n\(seed)\n\(promptKey)")
        let top = UInt64(digest.prefix(16), radix: 16) ?? 0
        return Double(top >> 11) / 9_007_199_254_740_992.0  // 2^53
    }

    /// The file of one split: the name goes before the target's extension.
    public static func path(for target: String, split: String) -> String {
        let nameStart = target.lastIndex(of: "/").map { target.index(after: $0) } ?? target.startIndex
        let folder = target[..<nameStart], name = target[nameStart...]
        // A leading dot starts a hidden name, not an extension.
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return folder + name[..<dot] + "." + split + name[dot...]
        }
        return folder + name + "." + split + ".jsonl"
    }

    private static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "-")
    }
}

/// A `--split` value that cannot be used, with the reason.
public struct SplitSpecError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    init(_ message: String) { description = "invalid --split: " + message }
}
