/// The outcome of encoding one pair.
public enum EncodeResult: Hashable, Sendable {
    /// JSON lines to write, each without its trailing newline (`kto` gives two, the others one).
    case rows([[UInt8]])
    /// The pair is not written, for this reason.
    case dropped(DropReason)
}

/// Turns export pairs into JSONL rows of one format: pure, one pair at a time, so export streams.
///
/// Checks, in order (the first that applies wins):
/// 1. empty prompt -> drop `empty_prompt`;
/// 2. last prompt message not `user`/`tool` -> drop `prompt_not_ending_with_user`;
/// 3. text formats: the template cannot express the prompt -> throw `ExportEncodingError`
///    (plain + several messages or a system/tool message; hh + system/tool), since another option would fix it;
/// 4. both-bad pair -> drop `both_bad`, except `kto` with `keepBothBad` (two `false` rows);
/// 5. empty or whitespace-only completion -> drop `empty_completion`;
/// 6. chosen == rejected -> drop `chosen_equals_rejected`.
public struct ExportEncoder: Sendable {
    public let options: ExportOptions

    /// An encoder for one set of options.
    public init(options: ExportOptions) { self.options = options }

    /// Encodes one pair into zero or more rows, or says why it is dropped; throws on a template error.
    public func encode(_ pair: ExportPair) throws -> EncodeResult {
        guard let last = pair.prompt.last else { return .dropped(.emptyPrompt) }
        guard last.role == "user" || last.role == "tool" else { return .dropped(.promptNotEndingWithUser) }
        let renderer = PromptRenderer(template: options.template)
        var promptText = ""
        if options.usesTextPrompt {
            switch renderer.prompt(pair.prompt) {
            case .success(let text): promptText = text
            case .failure(let f):
                throw ExportEncodingError(itemID: pair.itemID, externalID: pair.externalID, reason: f.reason, detail: f.detail)
            }
        }
        if pair.bothBad && !(options.format == .kto && options.keepBothBad) { return .dropped(.bothBad) }
        if isBlank(pair.chosen) || isBlank(pair.rejected) { return .dropped(.emptyCompletion) }
        if pair.chosen == pair.rejected { return .dropped(.chosenEqualsRejected) }

        let rows: [String]
        switch options.format {
        case .trl:
            rows = [textPairRow(pair, promptText, renderer).json]
        case .reward:
            var o = textPairRow(pair, promptText, renderer)
            o.number("margin", pair.margin)
            if pair.scoreChosen != nil || pair.scoreRejected != nil {
                o.number("score_chosen", pair.scoreChosen)
                o.number("score_rejected", pair.scoreRejected)
            }
            rows = [o.json]
        case .trlConversational:
            var o = JSONRowBuilder()
            o.raw("prompt", JSONRowBuilder.messages(pair.prompt))
            o.raw("chosen", JSONRowBuilder.assistant(pair.chosen))
            o.raw("rejected", JSONRowBuilder.assistant(pair.rejected))
            rows = [withMetadata(o, pair).json]
        case .openai:
            var o = JSONRowBuilder()
            o.raw("input", "{\"messages\":" + JSONRowBuilder.messages(pair.prompt) + "}")
            o.raw("preferred_output", JSONRowBuilder.assistant(pair.chosen))
            o.raw("non_preferred_output", JSONRowBuilder.assistant(pair.rejected))
            rows = [withMetadata(o, pair).json]
        case .kto:
            rows = [ktoRow(pair, promptText, renderer, completion: pair.chosen, label: !pair.bothBad),
                    ktoRow(pair, promptText, renderer, completion: pair.rejected, label: false)]
        }
        return .rows(rows.map { Array($0.utf8) })
    }

    /// `{"prompt", "chosen", "rejected"}` as text, with metadata (the `trl` row and the start of `reward`).
    private func textPairRow(_ pair: ExportPair, _ prompt: String, _ renderer: PromptRenderer) -> JSONRowBuilder {
        var o = JSONRowBuilder()
        o.string("prompt", prompt)
        o.string("chosen", renderer.completion(pair.chosen))
        o.string("rejected", renderer.completion(pair.rejected))
        return withMetadata(o, pair)
    }

    /// One unpaired KTO row.
    private func ktoRow(_ pair: ExportPair, _ prompt: String, _ renderer: PromptRenderer, completion: String, label: Bool) -> String {
        var o = JSONRowBuilder()
        if options.conversational {
            o.raw("prompt", JSONRowBuilder.messages(pair.prompt))
            o.raw("completion", JSONRowBuilder.assistant(completion))
        } else {
            o.string("prompt", prompt)
            o.string("completion", renderer.completion(completion))
        }
        o.bool("label", label)
        return withMetadata(o, pair).json
    }

    /// Appends `id`, `n_judgments`, `agreement`, `strength` when `withMetadata` is on.
    private func withMetadata(_ row: JSONRowBuilder, _ pair: ExportPair) -> JSONRowBuilder {
        guard options.withMetadata else { return row }
        var o = row
        o.string("id", pair.exportID)
        o.number("n_judgments", Double(pair.nJudgments))
        o.number("agreement", pair.agreement)
        o.number("strength", pair.strength)
        return o
    }

    private func isBlank(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
}

/// Running totals of an export: rows written and pairs dropped per reason.
public struct ExportCounts: Hashable, Sendable {
    /// Pairs written (a `kto` pair counts once, though it gives two rows).
    public private(set) var exportedPairs = 0
    /// Rows written.
    public private(set) var rows = 0
    /// Dropped pairs per reason.
    public private(set) var dropped: [DropReason: Int] = [:]

    /// Empty totals.
    public init() {}

    /// Adds one encode result.
    public mutating func record(_ result: EncodeResult) {
        switch result {
        case .rows(let r): exportedPairs += 1; rows += r.count
        case .dropped(let reason): dropped[reason, default: 0] += 1
        }
    }

    /// The manifest's `counts` object: every drop reason listed, zero when none was dropped.
    public var manifestCounts: ExportManifest.Counts {
        ExportManifest.Counts(exported: exportedPairs, rows: rows, dropped: Dictionary(uniqueKeysWithValues:
            DropReason.dropReasons.map { ($0.rawValue, dropped[$0, default: 0]) }))
    }
}
