import Foundation

/// The `manifest.json` written beside an export: what went in, how it was chosen, what came out.
/// Keys are snake_case and always present (absent values are `null`, see `NullEncoded`); `encoded()` is deterministic.
public struct ExportManifest: Codable, Hashable, Sendable {
    public var preferVersion: String
    /// The command's arguments as typed (argv), so the export can be re-run.
    public var commandLine: [String]
    /// ISO 8601 UTC time, see `timestamp(_:)`.
    public var createdAt: String
    /// Snapshot tag the export was taken from, nil for the live database.
    @NullEncoded public var snapshot: String?
    /// Content hash of the items, judgments and adjudications used (`DatasetHasher`).
    public var datasetVersion: String
    public var sourceBatches: [SourceBatch]
    public var guidelineVersions: [Version]
    public var rubricVersions: [Version]
    public var annotators: [Annotator]
    public var consensus: Consensus
    public var options: Options
    public var counts: Counts
    /// Agreement statistics over the exported items, nil when not computed.
    @NullEncoded public var agreement: [String: JSONValue]?
    public var files: [File]

    public init(preferVersion: String = PreferCore.preferVersion, commandLine: [String], createdAt: String, snapshot: String?,
                datasetVersion: String, sourceBatches: [SourceBatch], guidelineVersions: [Version], rubricVersions: [Version],
                annotators: [Annotator], consensus: Consensus, options: Options, counts: Counts,
                agreement: [String: JSONValue]?, files: [File]) {
        self.preferVersion = preferVersion; self.commandLine = commandLine; self.createdAt = createdAt
        self.snapshot = snapshot; self.datasetVersion = datasetVersion; self.sourceBatches = sourceBatches
        self.guidelineVersions = guidelineVersions; self.rubricVersions = rubricVersions; self.annotators = annotators
        self.consensus = consensus; self.options = options; self.counts = counts; self.agreement = agreement
        self.files = files
    }

    /// An imported file the exported items came from.
    public struct SourceBatch: Codable, Hashable, Sendable {
        public var file: String
        public var sha256: String
        public var importedAt: String
        public init(file: String, sha256: String, importedAt: String) {
            self.file = file; self.sha256 = sha256; self.importedAt = importedAt
        }
        enum CodingKeys: String, CodingKey { case file, sha256, importedAt = "imported_at" }
    }

    /// A guideline or rubric version the judgments were made under.
    public struct Version: Codable, Hashable, Sendable {
        public var id: Int64
        public var sha256: String
        public init(id: Int64, sha256: String) { self.id = id; self.sha256 = sha256 }
    }

    /// An annotator and how many of the used judgments are theirs.
    public struct Annotator: Codable, Hashable, Sendable {
        public var name: String
        public var judgments: Int
        public init(name: String, judgments: Int) { self.name = name; self.judgments = judgments }
    }

    /// How judgments were turned into pairs, and the thresholds a pair had to pass.
    public struct Consensus: Codable, Hashable, Sendable {
        /// e.g. "majority", "dawid-skene", "adjudicated".
        public var method: String
        @NullEncoded public var minAgreement: Double?
        @NullEncoded public var minJudgments: Int?
        @NullEncoded public var minStrength: Double?
        /// Whether lead adjudications override the annotators' consensus.
        public var useAdjudications: Bool
        public init(method: String, minAgreement: Double? = nil, minJudgments: Int? = nil, minStrength: Double? = nil,
                    useAdjudications: Bool = true) {
            self.method = method; self.minAgreement = minAgreement; self.minJudgments = minJudgments
            self.minStrength = minStrength; self.useAdjudications = useAdjudications
        }
        enum CodingKeys: String, CodingKey {
            case method, minAgreement = "min_agreement", minJudgments = "min_judgments", minStrength = "min_strength"
            case useAdjudications = "use_adjudications"
        }
    }

    /// The encoding options and the split settings.
    public struct Options: Codable, Hashable, Sendable {
        public var format: String
        public var promptTemplate: String
        public var conversational: Bool
        public var withMetadata: Bool
        public var keepBothBad: Bool
        /// The `--split` text (e.g. "train=0.9,test=0.1"), nil for one file.
        @NullEncoded public var split: String?
        @NullEncoded public var splitSeed: UInt64?
        /// The manifest record of encoding options and split settings.
        public init(_ o: ExportOptions, split: String? = nil, splitSeed: UInt64? = nil) {
            format = o.format.rawValue; promptTemplate = o.template.rawValue; conversational = o.conversational
            withMetadata = o.withMetadata; keepBothBad = o.keepBothBad; self.split = split; self.splitSeed = splitSeed
        }
        enum CodingKeys: String, CodingKey {
            case format, promptTemplate = "prompt_template", conversational, withMetadata = "with_metadata"
            case keepBothBad = "keep_both_bad", split, splitSeed = "split_seed"
        }
    }

    /// Pairs written and dropped; `dropped` is keyed by `DropReason` raw value.
    public struct Counts: Codable, Hashable, Sendable {
        /// Pairs written.
        public var exported: Int
        /// Rows written (a `kto` pair gives two).
        public var rows: Int
        public var dropped: [String: Int]
        public init(exported: Int, rows: Int, dropped: [String: Int]) {
            self.exported = exported; self.rows = rows; self.dropped = dropped
        }
    }

    /// One written JSONL file.
    public struct File: Codable, Hashable, Sendable {
        /// Path as given on the command line (relative paths stay relative).
        public var path: String
        /// Split name, nil without `--split`.
        @NullEncoded public var split: String?
        public var rows: Int
        public var sha256: String
        public init(path: String, split: String?, rows: Int, sha256: String) {
            self.path = path; self.split = split; self.rows = rows; self.sha256 = sha256
        }
    }

    enum CodingKeys: String, CodingKey {
        case preferVersion = "prefer_version", commandLine = "command_line", createdAt = "created_at", snapshot
        case datasetVersion = "dataset_version", sourceBatches = "source_batches", guidelineVersions = "guideline_versions"
        case rubricVersions = "rubric_versions", annotators, consensus, options, counts, agreement, files
    }


    /// Pretty-printed JSON with sorted keys and a final newline: the same manifest gives the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a manifest written by `encoded()`.
    public static func decode(_ data: Data) throws -> ExportManifest {
        try JSONDecoder().decode(ExportManifest.self, from: data)
    }

    /// ISO 8601 UTC with seconds, e.g. "2026-11-28T12:49:48Z".
    public static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}
