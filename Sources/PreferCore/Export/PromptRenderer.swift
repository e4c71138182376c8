/// Lays a prompt and a completion out as text for the string-prompt formats.
///
/// HH contract (shared with the importer): render(prompt) = for each message in order
/// "\n\n" + ("Human" for user | "Assistant" for assistant) + ": " + content, then "\n\nAssistant:";
/// completion = " " + response text. So `prompt + completion` is the HH transcript.
/// Plain: the prompt must be one user message; prompt = its text, completion = the response text.
struct PromptRenderer {
    let template: PromptTemplate

    /// The prompt text, or the reason the template cannot express this prompt (an export error).
    func prompt(_ messages: [Message]) -> Result<String, RenderFailure> {
        switch template {
        case .plain:
            guard messages.count == 1, let only = messages.first, only.role == "user" else {
                // hh helps only when every turn is user or assistant; otherwise only the conversational format does.
                let hhFits = messages.allSatisfy { PromptRenderer.hhSpeaker[$0.role] != nil }
                let count = "\(messages.count) message" + (messages.count == 1 ? "" : "s")
                return .failure(RenderFailure(reason: .multiTurnPlain, detail: "the prompt has \(count) (roles: "
                    + messages.map(\.role).joined(separator: ", ") + "), but the plain template takes a single user message;"
                    + (hhFits ? " use --prompt-template hh or --format trl-conversational" : " use --format trl-conversational")))
            }
            return .success(only.content)
        case .hh:
            var text = ""
            for m in messages {
                guard let speaker = PromptRenderer.hhSpeaker[m.role] else {
                    return .failure(RenderFailure(reason: .roleNotInTemplate, detail: "the prompt has a \(JSONValue.quote(m.role)) message,"
                        + " which the hh template cannot express (it has only Human and Assistant turns);"
                        + " use --format trl-conversational"))
                }
                text += "\n\n" + speaker + ": " + m.content
            }
            return .success(text + "\n\nAssistant:")
        }
    }

    /// The HH speaker name of each role it can express.
    static let hhSpeaker = ["user": "Human", "assistant": "Assistant"]

    /// The completion text for a response.
    func completion(_ response: String) -> String {
        template == .hh ? " " + response : response
    }

    /// Why a prompt cannot be rendered.
    struct RenderFailure: Error {
        let reason: DropReason
        let detail: String
    }
}
