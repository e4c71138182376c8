/// The outcome of encoding one pair.
public enum EncodeResult: Hashable, Sendable {
    /// JSON lines to write, each without its trailing newline (`kto` gives two, the others one).
    case rows([[UInt8]])
    /// The pair is not written, for this reason.
    case dropped(DropReason)
}

/// The outcome of encoding one pair into a byte buffer.
public enum EncodeOutcome: Hashable, Sendable {
    /// This many newline-terminated rows were appended (`kto` gives two, the others one).
    case rows(Int)
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
        var bytes: [UInt8] = []
        switch try encode(pair, into: &bytes) {
        case .dropped(let reason): return .dropped(reason)
        case .rows: return .rows(bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init))
        }
    }

    /// Appends the pair's rows to `out`, each followed by a newline (no row contains a raw newline), or says
    /// why it is dropped (then `out` is unchanged); throws on a template error. The streaming form of `encode`.
    public func encode(_ pair: ExportPair, into out: inout [UInt8]) throws -> EncodeOutcome {
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

        switch options.format {
        case .trl:
            let o = textPairRow(pair, promptText, renderer, &out)
            end(o, &out)
        case .reward:
            var o = textPairRow(pair, promptText, renderer, &out)
            o.number("margin", pair.margin, &out)
            if pair.scoreChosen != nil || pair.scoreRejected != nil {
                o.number("score_chosen", pair.scoreChosen, &out)
                o.number("score_rejected", pair.scoreRejected, &out)
            }
            end(o, &out)
        case .trlConversational:
            var o = JSONRowBuilder(into: &out)
            o.key("prompt", &out); JSONRowBuilder.messages(pair.prompt, into: &out)
            o.key("chosen", &out); JSONRowBuilder.assistant(pair.chosen, into: &out)
            o.key("rejected", &out); JSONRowBuilder.assistant(pair.rejected, into: &out)
            finish(&o, pair, &out)
        case .openai:
            var o = JSONRowBuilder(into: &out)
            o.key("input", &out)
            out.append(contentsOf: "{\"messages\":".utf8)
            JSONRowBuilder.messages(pair.prompt, into: &out)
            out.append(0x7D)
            o.key("preferred_output", &out); JSONRowBuilder.assistant(pair.chosen, into: &out)
            o.key("non_preferred_output", &out); JSONRowBuilder.assistant(pair.rejected, into: &out)
            finish(&o, pair, &out)
        case .kto:
            ktoRow(pair, promptText, renderer, completion: pair.chosen, label: !pair.bothBad, &out)
            ktoRow(pair, promptText, renderer, completion: pair.rejected, label: false, &out)
            return .rows(2)
        }
        return .rows(1)
    }

    /// `{"prompt", "chosen", "rejected"` as text with metadata (the `trl` row and the start of `reward`), left open.
    private func textPairRow(_ pair: ExportPair, _ prompt: String, _ renderer: PromptRenderer,
                             _ out: inout [UInt8]) -> JSONRowBuilder {
        var o = JSONRowBuilder(into: &out)
        o.string("prompt", prompt, &out)
        completion("chosen", pair.chosen, renderer, &o, &out)
        completion("rejected", pair.rejected, renderer, &o, &out)
        metadata(&o, pair, &out)
        return o
    }

    /// A completion as text: quoted in place for `plain`, through the renderer otherwise.
    private func completion(_ key: StaticString, _ text: String, _ renderer: PromptRenderer, _ o: inout JSONRowBuilder,
                            _ out: inout [UInt8]) {
        o.string(key, options.template == .plain ? text : renderer.completion(text), &out)
    }

    /// One unpaired KTO row.
    private func ktoRow(_ pair: ExportPair, _ prompt: String, _ renderer: PromptRenderer, completion text: String, label: Bool,
                        _ out: inout [UInt8]) {
        var o = JSONRowBuilder(into: &out)
        if options.conversational {
            o.key("prompt", &out); JSONRowBuilder.messages(pair.prompt, into: &out)
            o.key("completion", &out); JSONRowBuilder.assistant(text, into: &out)
        } else {
            o.string("prompt", prompt, &out)
            completion("completion", text, renderer, &o, &out)
        }
        o.bool("label", label, &out)
        finish(&o, pair, &out)
    }

    /// Appends the metadata, closes the row and ends the line.
    private func finish(_ o: inout JSONRowBuilder, _ pair: ExportPair, _ out: inout [UInt8]) {
        metadata(&o, pair, &out)
        end(o, &out)
    }

    /// Appends `id`, `n_judgments`, `agreement`, `strength` when `withMetadata` is on.
    private func metadata(_ o: inout JSONRowBuilder, _ pair: ExportPair, _ out: inout [UInt8]) {
        guard options.withMetadata else { return }
        o.string("id", pair.exportID, &out)
        o.number("n_judgments", Double(pair.nJudgments), &out)
        o.number("agreement", pair.agreement, &out)
        o.number("strength", pair.strength, &out)
    }

    /// Closes the row and ends the line.
    private func end(_ o: JSONRowBuilder, _ out: inout [UInt8]) {
        o.close(&out)
        out.append(0x0A)
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
        case .rows(let r): record(outcome: .rows(r.count))
        case .dropped(let reason): record(outcome: .dropped(reason))
        }
    }

    /// Adds one streaming encode outcome.
    public mutating func record(outcome: EncodeOutcome) {
        switch outcome {
        case .rows(let n): exportedPairs += 1; rows += n
        case .dropped(let reason): dropped[reason, default: 0] += 1
        }
    }

    /// The manifest's `counts` object: every drop reason listed, zero when none was dropped.
    public var manifestCounts: ExportManifest.Counts {
        ExportManifest.Counts(exported: exportedPairs, rows: rows, dropped: Dictionary(uniqueKeysWithValues:
            DropReason.dropReasons.map { ($0.rawValue, dropped[$0, default: 0]) }))
    }
}
