/// Why a pair was not written. Drops are counted per reason; the `isError` reasons stop the export instead.
public enum DropReason: String, CaseIterable, Codable, Sendable {
    /// The two completions are the same text: nothing to learn from.
    case chosenEqualsRejected = "chosen_equals_rejected"
    /// A completion is empty or whitespace only.
    case emptyCompletion = "empty_completion"
    /// The prompt has no messages.
    case emptyPrompt = "empty_prompt"
    /// The prompt's last message is not a user (or tool) turn, so there is nothing to answer.
    case promptNotEndingWithUser = "prompt_not_ending_with_user"
    /// The consensus is "both bad" and the format has no row for it (or `keepBothBad` is off for `kto`).
    case bothBad = "both_bad"
    /// ERROR, not a drop: a multi-turn or system prompt with the `plain` template.
    case multiTurnPlain = "multi_turn_prompt_with_plain_template"
    /// ERROR, not a drop: a role the text template cannot render (system or tool with `hh`, unknown roles).
    case roleNotInTemplate = "role_not_supported_by_template"

    /// Whether this reason aborts the export (a wrong option, not a bad pair).
    public var isError: Bool { self == .multiTurnPlain || self == .roleNotInTemplate }

    /// The reasons that are counted as drops, in declaration order.
    public static var dropReasons: [DropReason] { allCases.filter { !$0.isError } }
}

/// A pair that no choice of pair could fix but another export option could: the export stops here.
public struct ExportEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public var itemID: Int64
    public var externalID: String?
    public var reason: DropReason
    /// What is wrong and which option to use instead.
    public var detail: String

    /// The full message, naming the item.
    public var description: String {
        let name = externalID.map { "item \(itemID) (id \(JSONValue.quote($0)))" } ?? "item \(itemID)"
        return "\(name): \(detail)"
    }
}
