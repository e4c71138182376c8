/// Reads prompts and responses given either as plain text or as `{role, content}` message lists.
enum MessageParsing {
    /// A prompt: a string becomes one user message; a list must hold messages.
    static func prompt(_ value: JSONValue, field: String) throws -> [Message] {
        switch value {
        case .string(let s):
            if RowFields.isBlank(s) { throw RowProblem(field, "is empty") }
            return [Message(role: "user", content: s)]
        case .array(let list):
            let messages = try self.messages(list, field: field)
            guard messages.contains(where: { !RowFields.isBlank($0.content) }) else { throw RowProblem(field, "is empty") }
            return messages
        default:
            throw RowProblem(field, "expected a string or a list of messages, got \(value.kindDescription)")
        }
    }

    /// A list of `{role, content}` objects; extra keys in a message are an error (they would be lost).
    static func messages(_ list: [JSONValue], field: String) throws -> [Message] {
        if list.isEmpty { throw RowProblem(field, "is empty") }
        var out: [Message] = []
        out.reserveCapacity(list.count)
        for (i, element) in list.enumerated() {
            let here = "\(field)[\(i)]"
            guard case .object(let o) = element else {
                throw RowProblem(here, "expected a message object {role, content}, got \(element.kindDescription)")
            }
            guard case .string(let role)? = o["role"], !role.isEmpty else {
                throw RowProblem(here, "expected a non-empty string \"role\", got \(o["role"]?.kindDescription ?? "nothing")")
            }
            guard case .string(let content)? = o["content"] else {
                throw RowProblem(here, "expected a string \"content\", got \(o["content"]?.kindDescription ?? "nothing")")
            }
            out.append(Message(role: role, content: content))
        }
        return out
    }

    /// A TRL completion: a string, or a message list holding exactly one assistant message.
    static func completion(_ value: JSONValue, field: String) throws -> String {
        switch value {
        case .string(let s):
            if RowFields.isBlank(s) { throw RowProblem(field, "is empty") }
            return s
        case .array(let list):
            let messages = try self.messages(list, field: field)
            guard messages.count == 1, messages[0].role == "assistant" else {
                throw RowProblem(field, "expected one assistant message, got \(messages.count) message(s) with roles \(messages.map(\.role).joined(separator: ", "))")
            }
            if RowFields.isBlank(messages[0].content) { throw RowProblem(field, "is empty") }
            return messages[0].content
        default:
            throw RowProblem(field, "expected a string or a list of messages, got \(value.kindDescription)")
        }
    }

    /// A response of the pairs/responses shapes: a string or a `{text, model, ...}` object (other keys become metadata).
    static func response(_ value: JSONValue, field: String, model: String? = nil) throws -> ImportedResponse {
        switch value {
        case .string(let s):
            if RowFields.isBlank(s) { throw RowProblem(field, "is empty") }
            return ImportedResponse(text: s, model: model)
        case .object(var o):
            guard let textValue = o.removeValue(forKey: "text") else {
                throw RowProblem(field, "expected an object with a \"text\" field, found fields \(o.keys.sorted().joined(separator: ", "))")
            }
            let text = try RowFields.nonEmptyString(textValue, field: field + ".text")
            let name = try RowFields.optionalName(o.removeValue(forKey: "model"), field: field + ".model") ?? model
            return ImportedResponse(text: text, model: name, metadata: o)
        default:
            throw RowProblem(field, "expected a string or a {text, model} object, got \(value.kindDescription)")
        }
    }
}
