/// When a rationale must be written before a judgment is submitted.
public enum RationalePolicy: String, Hashable, Sendable, CaseIterable {
    case never, always
    /// For ties and for the weakest preference on the scale.
    case weak
}

/// One rubric criterion, scored separately for each response.
public struct Criterion: Hashable, Sendable {
    public var id: String
    public var question: String
    public var min: Int
    public var max: Int
    /// Optional labels for the points min...max, in order.
    public var labels: [String]
    public var required: Bool
    public init(id: String, question: String, min: Int = 1, max: Int = 5, labels: [String] = [], required: Bool = false) {
        self.id = id; self.question = question; self.min = min; self.max = max; self.labels = labels; self.required = required
    }
}

/// The settings of a project folder, as read from `prefer.yaml` (parsing lives in PreferProject).
public struct ProjectConfig: Hashable, Sendable {
    public var name: String
    public var scale: ChoiceScale
    public var allowBothBad: Bool
    public var rubric: [Criterion]
    public var flags: [String]
    public var rationale: RationalePolicy
    /// How many annotators judge each item.
    public var overlap: Int
    /// Share of served items that are gold items (0...1).
    public var goldRate: Double
    public var seed: UInt64
    /// Path of the guidelines markdown file, relative to the project folder.
    public var guidelinesFile: String
    /// Theme name, or nil for the default.
    public var theme: String?
    /// Database file, relative to the project folder.
    public var database: String

    public init(name: String, scale: ChoiceScale = .sevenPoint, allowBothBad: Bool = true, rubric: [Criterion] = [],
                flags: [String] = ["unsafe", "refusal", "hallucination", "pii"], rationale: RationalePolicy = .weak,
                overlap: Int = 3, goldRate: Double = 0.05, seed: UInt64 = 42, guidelinesFile: String = "guidelines.md",
                theme: String? = nil, database: String = "prefer.sqlite") {
        self.name = name; self.scale = scale; self.allowBothBad = allowBothBad; self.rubric = rubric; self.flags = flags
        self.rationale = rationale; self.overlap = overlap; self.goldRate = goldRate; self.seed = seed
        self.guidelinesFile = guidelinesFile; self.theme = theme; self.database = database
    }

    /// Whether a rationale is required for a choice under this config.
    public func rationaleRequired(choice: Int, bothBad: Bool) -> Bool {
        switch rationale {
        case .never: return false
        case .always: return true
        case .weak: return !bothBad && abs(choice) <= 1
        }
    }
}
