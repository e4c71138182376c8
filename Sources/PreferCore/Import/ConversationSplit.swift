/// Implicit-prompt rows in conversational form: chosen and rejected are whole message lists.
enum ConversationSplit {
    /// The shared messages become the prompt; each side must then end with exactly one assistant message.
    static func split(chosen: [Message], rejected: [Message]) throws -> (prompt: [Message], chosen: String, rejected: String) {
        if chosen == rejected { throw RowProblem("rejected", "same text as chosen") }
        for (name, side) in [("chosen", chosen), ("rejected", rejected)] {
            guard side.count >= 2, side.last?.role == "assistant" else {
                throw RowProblem(name, "expected the shared conversation followed by one assistant message")
            }
        }
        // The prompt is everything before the final assistant message, and both sides must agree on it.
        let prompt = Array(chosen.dropLast())
        guard Array(rejected.dropLast()) == prompt else {
            throw RowProblem("rejected", "differs from chosen before the last assistant message, so no shared prompt can be found")
        }
        guard prompt.last?.role == "user" else {
            throw RowProblem("chosen", "the message before the last assistant message must have role user, got \(prompt.last?.role ?? "none")")
        }
        guard let c = chosen.last?.content, let r = rejected.last?.content else { throw RowProblem("chosen", "is empty") }
        if RowFields.isBlank(c) { throw RowProblem("chosen", "is empty") }
        if RowFields.isBlank(r) { throw RowProblem("rejected", "is empty") }
        if c == r { throw RowProblem("rejected", "same text as chosen") }
        return (prompt, c, r)
    }
}
