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
                return .failure(RenderFailure(reason: .multiTurnPlain, detail: "the prompt has \(messages.count) message\(messages.count == 1 ? "" : "s") (roles: "
                    + messages.map(\.role).joined(separator: ", ") + "), but the plain template takes a single user message;"
                    + " use --prompt-template hh or --format trl-conversational"))
            }
            return .success(only.content)
        case .hh:
            var text = ""
            for m in messages {
                switch m.role {
                case "user": text += "\n\nHuman: " + m.content
                case "assistant": text += "\n\nAssistant: " + m.content
                default:
                    return .failure(RenderFailure(reason: .roleNotInTemplate, detail: "the prompt has a \(JSONValue.quote(m.role)) message,"
                        + " which the hh template cannot express (it has only Human and Assistant turns);"
                        + " use --format trl-conversational"))
                }
            }
            return .success(text + "\n\nAssistant:")
        }
    }

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
