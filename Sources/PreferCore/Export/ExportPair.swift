/// One preference pair ready to export: the consensus of an item's judgments, in response-identity terms.
public struct ExportPair: Hashable, Sendable {
    /// The item's database id.
    public var itemID: Int64
    /// The item id from the import file, if it had one.
    public var externalID: String?
    /// The conversation before the compared responses.
    public var prompt: [Message]
    /// Text of the preferred response.
    public var chosen: String
    /// Text of the other response.
    public var rejected: String
    /// Whether the consensus is that both responses are bad (then `chosen`/`rejected` is an arbitrary order).
    public var bothBad: Bool
    /// Mean strength of the judgments (0...scale max).
    public var strength: Double
    /// Reward margin, see `Margin.from(strengths:maxStrength:)`.
    public var margin: Double
    /// How many judgments the consensus is built from.
    public var nJudgments: Int
    /// Agreement among those judgments (0...1), nil when it is not defined (a single judgment).
    public var agreement: Double?
    /// Mean rubric score of the chosen response, when the project has a rubric.
    public var scoreChosen: Double?
    /// Mean rubric score of the rejected response, when the project has a rubric.
    public var scoreRejected: Double?

    public init(itemID: Int64, externalID: String? = nil, prompt: [Message], chosen: String, rejected: String,
                bothBad: Bool = false, strength: Double = 0, margin: Double = 0, nJudgments: Int = 0,
                agreement: Double? = nil, scoreChosen: Double? = nil, scoreRejected: Double? = nil) {
        self.itemID = itemID; self.externalID = externalID; self.prompt = prompt; self.chosen = chosen
        self.rejected = rejected; self.bothBad = bothBad; self.strength = strength; self.margin = margin
        self.nJudgments = nJudgments; self.agreement = agreement; self.scoreChosen = scoreChosen
        self.scoreRejected = scoreRejected
    }

    /// The `id` written with `withMetadata`: the import file's id, else the database id as a string
    /// (always a string, so a dataset column never mixes types).
    public var exportID: String { externalID ?? String(itemID) }
}
