/// One turn of a conversation: `role` is `system`, `user`, `assistant` or `tool`.
public struct Message: Hashable, Sendable, Codable {
    public var role: String
    public var content: String
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

extension Array where Element == Message {
    /// Canonical JSON list of `{role, content}` objects, used for storage and hashing.
    public var canonicalJSON: String {
        JSONValue.array(map { .object(["role": .string($0.role), "content": .string($0.content)]) }).canonicalJSON
    }
}
