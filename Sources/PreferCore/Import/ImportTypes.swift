/// The row layouts `prefer import` understands.
public enum ImportShape: String, CaseIterable, Sendable {
    /// `prompt` + `response_a` + `response_b`.
    case pairs
    /// `prompt` + `responses` (k >= 2 strings or `{text, model}` objects).
    case responses
    /// TRL preference rows: `prompt` + `chosen` + `rejected` (standard or conversational).
    case trl
    /// Implicit prompt: only `chosen` + `rejected` holding whole dialogues (Anthropic HH-RLHF).
    case hh

    /// The fields that identify the shape, for error messages.
    public var requiredFields: String {
        switch self {
        case .pairs: return "prompt, response_a, response_b"
        case .responses: return "prompt, responses"
        case .trl: return "prompt, chosen, rejected"
        case .hh: return "chosen, rejected (no prompt)"
        }
    }
}

/// How an import file is read.
public struct ImportOptions: Sendable {
    /// The forced shape, or nil to detect it from the first row.
    public var shape: ImportShape?
    /// Longest accepted line (JSONL) or record (CSV) in bytes; longer ones are row errors.
    public var maxLineBytes: Int
    /// Parse ahead on a background thread (overlaps parsing with the caller's work); off = all on the caller's thread.
    public var prefetch: Bool
    /// The project's seed, for the queue keys computed while parsing (`EncodedItem.queueKey`).
    public var queueSeed: UInt64 = 0
    /// Whether the encoded items keep the `ImportedItem` they were made from (`ImportReader.next()` needs it).
    /// The store's path (`nextEncoded`) does without: the item's strings are then freed on the parse thread that
    /// made them, which costs malloc much less than freeing them from another thread.
    public var keepsItems = true

    /// Detected shape, 8 MiB line limit, prefetching on.
    public init(shape: ImportShape? = nil, maxLineBytes: Int = 8 << 20) {
        self.shape = shape
        self.maxLineBytes = maxLineBytes
        self.prefetch = true
    }

    /// Options with prefetching chosen explicitly.
    public init(shape: ImportShape? = nil, maxLineBytes: Int = 8 << 20, prefetch: Bool) {
        self.init(shape: shape, maxLineBytes: maxLineBytes)
        self.prefetch = prefetch
    }
}

/// Row-level problem: recoverable with --skip-invalid.
public struct ImportRowError: Error, CustomStringConvertible, Sendable {
    /// The path as given to the reader.
    public var file: String
    /// 1-based line (JSONL) or record (CSV, header = 1).
    public var line: Int
    /// The field at fault, if one is.
    public var field: String?
    /// What is wrong, e.g. `expected a string or a list of messages, got a number`.
    public var message: String
    /// The row as read (lossily decoded when it is not valid UTF-8; nil when over the size limit).
    public var rawLine: String?

    /// A row error at `file:line`.
    public init(file: String, line: Int, field: String? = nil, message: String, rawLine: String? = nil) {
        self.file = file; self.line = line; self.field = field; self.message = message; self.rawLine = rawLine
    }

    /// `file:line: field "name": message`.
    public var description: String {
        let where_ = field.map { "field \"\($0)\": " } ?? ""
        return "\(file):\(line): \(where_)\(message)"
    }
}

/// File-level problem (cannot open, truncated gzip, empty file, unknown shape...): never recoverable.
public struct ImportFileError: Error, CustomStringConvertible, Sendable {
    /// The path as given to the reader.
    public var file: String
    /// What is wrong, e.g. `truncated gzip: ...`.
    public var message: String

    /// A file error for `file`.
    public init(file: String, message: String) { self.file = file; self.message = message }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}

/// A problem found while interpreting one row, before it gets its file and line.
struct RowProblem: Error {
    var field: String?
    var message: String
    init(_ field: String?, _ message: String) { self.field = field; self.message = message }
}
