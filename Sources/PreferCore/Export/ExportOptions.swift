/// The JSONL row shapes `prefer export` can write.
public enum ExportFormat: String, CaseIterable, Sendable, Codable {
    /// TRL standard preference: `{"prompt": str, "chosen": str, "rejected": str}`.
    case trl
    /// TRL conversational preference: message lists for prompt, chosen and rejected.
    case trlConversational = "trl-conversational"
    /// TRL unpaired KTO: `{"prompt", "completion", "label"}`, one row per response.
    case kto
    /// OpenAI preference fine-tuning: `input.messages`, `preferred_output`, `non_preferred_output`.
    case openai
    /// The `trl` fields plus `margin` and, when rubric scores exist, `score_chosen` / `score_rejected`.
    case reward
}

/// How a prompt and a completion are laid out as plain text (TRL joins them with no separator).
public enum PromptTemplate: String, CaseIterable, Sendable, Codable {
    /// A single user turn as it is: prompt = the user text, completion = the response text.
    case plain
    /// Anthropic HH: `\n\nHuman: ...` / `\n\nAssistant: ...` turns, prompt ending in `\n\nAssistant:`,
    /// completion starting with one space.
    case hh
}

/// What to write and how; fields that do not apply to the chosen format are ignored.
public struct ExportOptions: Hashable, Sendable {
    public var format: ExportFormat
    /// Text layout for the string-prompt formats (`trl`, `reward`, and `kto` unless `conversational`).
    public var template: PromptTemplate
    /// `kto` only: write the prompt and completion as message lists instead of text.
    public var conversational: Bool
    /// Add `id`, `n_judgments`, `agreement` and `strength` keys to every row.
    public var withMetadata: Bool
    /// `kto` only: write a both-bad pair as two `false` rows instead of dropping it.
    public var keepBothBad: Bool

    public init(format: ExportFormat = .trl, template: PromptTemplate = .plain, conversational: Bool = false,
                withMetadata: Bool = false, keepBothBad: Bool = false) {
        self.format = format; self.template = template; self.conversational = conversational
        self.withMetadata = withMetadata; self.keepBothBad = keepBothBad
    }

    /// Whether rows carry the prompt as rendered text (true) or as a message list (false).
    public var usesTextPrompt: Bool {
        switch format {
        case .trl, .reward: return true
        case .kto: return !conversational
        case .trlConversational, .openai: return false
        }
    }
}
