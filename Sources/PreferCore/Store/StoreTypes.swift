import Foundation

/// What an import batch records about its source file.
public struct BatchInfo: Sendable {
    public var fileName: String
    public var filePath: String
    public var sha256: String
    public var format: String
    public var shape: String
    public var importedBy: String
    /// The project seed: fixes the items' serving order (`QueueRules.queueKey`).
    public var seed: UInt64
    public init(fileName: String, filePath: String, sha256: String, format: String, shape: String, importedBy: String, seed: UInt64) {
        self.fileName = fileName; self.filePath = filePath; self.sha256 = sha256; self.format = format
        self.shape = shape; self.importedBy = importedBy; self.seed = seed
    }
}

/// Counts reported after an import batch.
public struct ImportCounts: Sendable, Equatable {
    public var rowsRead = 0
    public var itemsAdded = 0
    public var responsesAdded = 0
    public var duplicates = 0
    public var rejected = 0
    public var labelsKept = 0
    public init() {}
}

/// A stored import batch.
public struct BatchRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var fileName: String
    public var sha256: String
    public var format: String
    public var shape: String
    public var importedAt: String
    public var itemsAdded: Int
    public var duplicates: Int
    public var rejected: Int
    public var labelsKept: Int

    /// Memberwise initialiser.
    public init(id: Int64, fileName: String, sha256: String, format: String, shape: String, importedAt: String, itemsAdded: Int, duplicates: Int, rejected: Int, labelsKept: Int) {
        self.id = id; self.fileName = fileName; self.sha256 = sha256; self.format = format; self.shape = shape; self.importedAt = importedAt; self.itemsAdded = itemsAdded; self.duplicates = duplicates; self.rejected = rejected; self.labelsKept = labelsKept
    }
}

/// Role of an annotator: leads may adjudicate; `source` marks labels that came with an imported file.
public enum AnnotatorRole: String, Sendable, Codable, CaseIterable {
    case lead, annotator, source
}

/// An annotator and how many current judgments they have.
public struct AnnotatorSummary: Sendable, Codable, Equatable {
    public var name: String
    public var role: AnnotatorRole
    public var judgments: Int
    public init(name: String, role: AnnotatorRole, judgments: Int) { self.name = name; self.role = role; self.judgments = judgments }
}

/// A snapshot of the project's size and progress, for `prefer status`.
public struct StatusReport: Sendable, Equatable {
    public var items: Int
    public var responses: Int
    public var goldItems: Int
    /// Current (not superseded, not undone) judgments.
    public var judgments: Int
    /// Items with at least `overlap` current judgments.
    public var itemsComplete: Int
    public var annotators: [AnnotatorSummary]
    public var batches: [BatchRecord]
    public var guidelineVersion: GuidelineVersion?
    public var schemaVersion: String
    /// Items in each annotator's queue (judged, skipped or still open).
    public var assigned: [String: Int] = [:]

    /// Memberwise initialiser.
    public init(items: Int, responses: Int, goldItems: Int, judgments: Int, itemsComplete: Int, annotators: [AnnotatorSummary], batches: [BatchRecord], guidelineVersion: GuidelineVersion?, schemaVersion: String) {
        self.items = items; self.responses = responses; self.goldItems = goldItems; self.judgments = judgments; self.itemsComplete = itemsComplete; self.annotators = annotators; self.batches = batches; self.guidelineVersion = guidelineVersion; self.schemaVersion = schemaVersion
    }
}

/// A recorded version of the guidelines text (or of the rubric definition).
public struct GuidelineVersion: Sendable, Codable, Equatable {
    public var id: Int64
    public var sha256: String
    public var createdAt: String

    /// Memberwise initialiser.
    public init(id: Int64, sha256: String, createdAt: String) {
        self.id = id; self.sha256 = sha256; self.createdAt = createdAt
    }
}

/// A stored judgment row (current or not), in screen terms as recorded.
public struct JudgmentRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: JudgmentKind
    public var itemID: Int64
    public var annotator: String
    public var leftResponseID: Int64
    public var rightResponseID: Int64
    public var choice: Int?
    public var bothBad: Bool
    public var scores: [String: SidePair<Int>]
    public var flags: [String]
    public var confidence: Int?
    public var rationale: String
    public var skipReason: String?
    public var guidelineVersion: Int64?
    public var rubricVersion: Int64?
    public var startedAt: Date
    public var submittedAt: Date
    public var activeSeconds: Double
    public var supersedes: Int64?

    /// Memberwise initialiser.
    public init(id: Int64, kind: JudgmentKind, itemID: Int64, annotator: String, leftResponseID: Int64, rightResponseID: Int64, choice: Int?, bothBad: Bool, scores: [String: SidePair<Int>], flags: [String], confidence: Int?, rationale: String, skipReason: String?, guidelineVersion: Int64?, rubricVersion: Int64?, startedAt: Date, submittedAt: Date, activeSeconds: Double, supersedes: Int64?) {
        self.id = id; self.kind = kind; self.itemID = itemID; self.annotator = annotator; self.leftResponseID = leftResponseID; self.rightResponseID = rightResponseID; self.choice = choice; self.bothBad = bothBad; self.scores = scores; self.flags = flags; self.confidence = confidence; self.rationale = rationale; self.skipReason = skipReason; self.guidelineVersion = guidelineVersion; self.rubricVersion = rubricVersion; self.startedAt = startedAt; self.submittedAt = submittedAt; self.activeSeconds = activeSeconds; self.supersedes = supersedes
    }
}

/// What a judgment row records: a choice, a skip, or the undo of an earlier row.
public enum JudgmentKind: String, Sendable, Codable {
    case judgment, skip, undo
}

/// Failures the store reports to the user (never a stack trace).
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case alreadyImported(file: String, batchID: Int64, at: String)
    case unknownAnnotator(String)
    case notFound(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .alreadyImported(let f, let id, let at):
            return "\(f) was already imported (batch \(id), \(at)); use --again to import it once more"
        case .unknownAnnotator(let n): return "unknown annotator \"\(n)\""
        case .notFound(let what): return what
        case .invalid(let why): return why
        }
    }
}

/// One unit of an annotator's queue: an item and the response pair in the order it is SHOWN.
public struct QueueEntry: Sendable, Equatable {
    public var itemID: Int64
    public var leftResponseID: Int64
    public var rightResponseID: Int64
    /// 0-based position in this annotator's queue.
    public var position: Int
    /// The annotator's current judgment of this pair, if any.
    public var judgmentID: Int64?
    /// Whether the current state is a skip.
    public var skipped: Bool
    /// Whether the annotator has dealt with it (judged or skipped).
    public var done: Bool { judgmentID != nil || skipped }
    public init(itemID: Int64, leftResponseID: Int64, rightResponseID: Int64, position: Int, judgmentID: Int64?, skipped: Bool) {
        self.itemID = itemID; self.leftResponseID = leftResponseID; self.rightResponseID = rightResponseID
        self.position = position; self.judgmentID = judgmentID; self.skipped = skipped
    }
}

/// How items are routed to annotators (from prefer.yaml).
public struct QueuePolicy: Sendable, Equatable {
    public var overlap: Int
    public var goldRate: Double
    public var seed: UInt64
    /// How many open items an annotator holds at once; the queue is topped up when half are done.
    public var chunk: Int
    public init(overlap: Int, goldRate: Double, seed: UInt64, chunk: Int = 20) {
        self.overlap = overlap; self.goldRate = goldRate; self.seed = seed; self.chunk = chunk
    }
}

/// What the annotate screen shows of an item: never model names or gold answers.
public struct DisplayItem: Sendable, Equatable {
    public var itemID: Int64
    public var prompt: [Message]
    /// Response id -> text.
    public var responses: [Int64: String]
    public init(itemID: Int64, prompt: [Message], responses: [Int64: String]) {
        self.itemID = itemID; self.prompt = prompt; self.responses = responses
    }
}

/// A current judgment in IDENTITY terms (un-swapped): what statistics, consensus and export consume.
public struct VoteRecord: Sendable, Equatable {
    public var judgmentID: Int64
    public var itemID: Int64
    public var annotator: String
    public var role: AnnotatorRole
    /// The compared responses, lower id (= earlier position in the item) first.
    public var firstResponseID: Int64
    public var secondResponseID: Int64
    public var firstPosition: Int
    public var secondPosition: Int
    public var firstModel: String?
    public var secondModel: String?
    /// Signed choice: negative = first response better, 0 = tie; magnitude = strength.
    public var choice: Int
    public var bothBad: Bool
    /// Whether the first response was shown on the left (for position bias).
    public var firstShownLeft: Bool
    /// Rubric scores: criterion -> (first response, second response).
    public var scores: [String: SidePair<Int>]
    public var flags: [String]
    public var confidence: Int?
    public var guidelineVersion: Int64?
    public var rubricVersion: Int64?
    public var batchID: Int64
    public var submittedAt: Date
    public var activeSeconds: Double
    /// The item's gold answer, in terms of response positions 0 ("A") and 1 ("B").
    public var gold: GoldAnswer?

    /// The preference in identity terms (A = first response).
    public var preference: Preference { .of(choice: choice, bothBad: bothBad) }

    public init(judgmentID: Int64, itemID: Int64, annotator: String, role: AnnotatorRole, firstResponseID: Int64, secondResponseID: Int64,
                firstPosition: Int, secondPosition: Int, firstModel: String?, secondModel: String?, choice: Int, bothBad: Bool,
                firstShownLeft: Bool, scores: [String: SidePair<Int>], flags: [String], confidence: Int?, guidelineVersion: Int64?,
                rubricVersion: Int64?, batchID: Int64, submittedAt: Date, activeSeconds: Double, gold: GoldAnswer?) {
        self.judgmentID = judgmentID; self.itemID = itemID; self.annotator = annotator; self.role = role
        self.firstResponseID = firstResponseID; self.secondResponseID = secondResponseID; self.firstPosition = firstPosition
        self.secondPosition = secondPosition; self.firstModel = firstModel; self.secondModel = secondModel; self.choice = choice
        self.bothBad = bothBad; self.firstShownLeft = firstShownLeft; self.scores = scores; self.flags = flags
        self.confidence = confidence; self.guidelineVersion = guidelineVersion; self.rubricVersion = rubricVersion
        self.batchID = batchID; self.submittedAt = submittedAt; self.activeSeconds = activeSeconds; self.gold = gold
    }
}

/// Which votes to load.
public struct VoteFilter: Sendable, Equatable {
    /// Only these annotators (nil = all).
    public var annotators: Set<String>?
    public var excludeAnnotators: Set<String>
    /// Include labels imported with --keep-labels (annotators with role `source`).
    public var includeSources: Bool
    /// Only judgments made under this guideline version.
    public var guidelineVersion: Int64?
    /// Exactly the judgments frozen in this snapshot instead of the current ones.
    public var snapshot: String?
    public init(annotators: Set<String>? = nil, excludeAnnotators: Set<String> = [], includeSources: Bool = true,
                guidelineVersion: Int64? = nil, snapshot: String? = nil) {
        self.annotators = annotators; self.excludeAnnotators = excludeAnnotators; self.includeSources = includeSources
        self.guidelineVersion = guidelineVersion; self.snapshot = snapshot
    }
}
