/// Turns one row's fields into an `ImportedItem` for a given shape.
struct RowInterpreter {
    let shape: ImportShape

    /// The item, or a `RowProblem` naming the field at fault.
    func item(from fields: consuming FieldList, line: Int) throws -> ImportedItem {
        var row = RowFields(consume fields)
        let id = try RowFields.optionalName(row.take("id"), field: "id")
        var item: ImportedItem
        switch shape {
        case .pairs: item = try pairs(&row, line: line)
        case .responses: item = try responses(&row, line: line)
        case .trl: item = try trl(&row, line: line)
        case .hh: item = try hh(&row, line: line)
        }
        if let g = row.take("gold") { item.gold = try LabelParsing.gold(g, preferenceRows: shape == .trl || shape == .hh) }
        item.externalID = id
        item.metadata = row.remaining.dictionary
        return item
    }

    /// `prompt` (or its synonym `messages`) as messages.
    private func prompt(_ row: inout RowFields) throws -> [Message] {
        let key = row.remaining.contains("prompt") ? "prompt" : "messages"
        return try MessageParsing.prompt(try row.require(key, shape: shape, reportAs: "prompt"), field: key)
    }

    /// The `winner` (or `label`) field as a label over the first two responses.
    private func label(_ row: inout RowFields) throws -> SourceLabel? {
        for key in ["winner", "label"] {
            if let v = row.take(key) { return try LabelParsing.pairLabel(v, field: key) }
        }
        return nil
    }

    private func pairs(_ row: inout RowFields, line: Int) throws -> ImportedItem {
        let prompt = try prompt(&row)
        let modelA = try RowFields.optionalName(row.take("model_a"), field: "model_a")
        let modelB = try RowFields.optionalName(row.take("model_b"), field: "model_b")
        let a = try MessageParsing.response(try row.require("response_a", shape: shape), field: "response_a", model: modelA)
        let b = try MessageParsing.response(try row.require("response_b", shape: shape), field: "response_b", model: modelB)
        if a.text == b.text { throw RowProblem("response_b", "same text as response_a") }
        return ImportedItem(prompt: prompt, responses: [a, b], sourceLabel: try label(&row), line: line)
    }

    private func responses(_ row: inout RowFields, line: Int) throws -> ImportedItem {
        let prompt = try prompt(&row)
        let value = try row.require("responses", shape: shape)
        guard case .array(let list) = value else {
            throw RowProblem("responses", "expected a list of strings or {text, model} objects, got \(value.kindDescription)")
        }
        guard list.count >= 2 else { throw RowProblem("responses", "expected at least 2 responses, got \(list.count)") }
        var out: [ImportedResponse] = []
        var seen: [String: Int] = [:]
        for (i, v) in list.enumerated() {
            let r = try MessageParsing.response(v, field: "responses[\(i)]")
            if let j = seen[r.text] { throw RowProblem("responses[\(i)]", "same text as responses[\(j)]") }
            seen[r.text] = i
            out.append(r)
        }
        return ImportedItem(prompt: prompt, responses: out, sourceLabel: try label(&row), line: line)
    }

    private func trl(_ row: inout RowFields, line: Int) throws -> ImportedItem {
        let prompt = try prompt(&row)
        let chosenValue = try row.require("chosen", shape: shape)
        let rejectedValue = try row.require("rejected", shape: shape)
        let chosen: String, rejected: String
        if case .array(let c) = chosenValue, case .array(let r) = rejectedValue, c.count > 1 || r.count > 1 {
            // Whole conversations repeating the prompt (as in UltraFeedback-binarized): keep the final answers.
            let parts = try ConversationSplit.split(chosen: try MessageParsing.messages(c, field: "chosen"),
                                                    rejected: try MessageParsing.messages(r, field: "rejected"))
            (chosen, rejected) = (parts.chosen, parts.rejected)
        } else {
            chosen = try MessageParsing.completion(chosenValue, field: "chosen")
            rejected = try MessageParsing.completion(rejectedValue, field: "rejected")
        }
        if chosen == rejected { throw RowProblem("rejected", "same text as chosen") }
        return ImportedItem(prompt: prompt, responses: [ImportedResponse(text: chosen), ImportedResponse(text: rejected)],
                            sourceLabel: SourceLabel(preferred: 0, other: 1), line: line)
    }

    private func hh(_ row: inout RowFields, line: Int) throws -> ImportedItem {
        let chosenValue = try row.require("chosen", shape: shape)
        let rejectedValue = try row.require("rejected", shape: shape)
        let parts: (prompt: [Message], chosen: String, rejected: String)
        switch (chosenValue, rejectedValue) {
        case (.string(let c), .string(let r)):
            if RowFields.isBlank(c) { throw RowProblem("chosen", "is empty") }
            if RowFields.isBlank(r) { throw RowProblem("rejected", "is empty") }
            switch HHTranscript.splitChecked(chosen: c, rejected: r) {
            case .success(let p): parts = p
            case .failure(let f): throw f.problem
            }
        case (.array(let c), .array(let r)):
            parts = try ConversationSplit.split(chosen: try MessageParsing.messages(c, field: "chosen"),
                                                rejected: try MessageParsing.messages(r, field: "rejected"))
        case (.string, _), (.array, _):
            throw RowProblem("rejected", "expected the same form as chosen (\(chosenValue.kindDescription == "a string" ? "a string" : "a list of messages")), got \(rejectedValue.kindDescription)")
        default:
            throw RowProblem("chosen", "expected a string or a list of messages, got \(chosenValue.kindDescription)")
        }
        return ImportedItem(prompt: parts.prompt,
                            responses: [ImportedResponse(text: parts.chosen), ImportedResponse(text: parts.rejected)],
                            sourceLabel: SourceLabel(preferred: 0, other: 1), line: line)
    }
}

extension RowFields {
    /// `require` that reports a missing field under another name (`messages` is reported as `prompt`).
    mutating func require(_ key: String, shape: ImportShape, reportAs: String) throws -> JSONValue {
        guard let v = take(key) else { throw RowProblem(reportAs, "missing (the \(shape.rawValue) shape needs \(shape.requiredFields))") }
        return v
    }
}
