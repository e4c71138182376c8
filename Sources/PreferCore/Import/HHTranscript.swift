/// HH-RLHF transcript handling (also used by export to render prompts back).
///
/// A transcript is a sequence of turns `"\n\nHuman: " + text` and `"\n\nAssistant: " + text`.
/// The split contract, checked on every row: `render(prompt) + " " + chosen == original chosen` (same for rejected).
public enum HHTranscript {
    static let human = Array("\n\nHuman:".utf8)
    static let assistant = Array("\n\nAssistant:".utf8)

    /// Why a pair of transcripts cannot be split; `field` names the side at fault.
    enum SplitFailure: Error, Equatable {
        case notTranscript(field: String)
        case identical
        case noSharedUserTurn
        case noSpaceAfterLastAssistant(field: String)
        case promptDoesNotRoundTrip

        var problem: RowProblem {
            switch self {
            case .notTranscript(let f):
                return RowProblem(f, "expected a dialogue starting with \"\\n\\nHuman:\" (HH-RLHF form) or a list of messages")
            case .identical:
                return RowProblem("rejected", "same text as chosen")
            case .noSharedUserTurn:
                return RowProblem("rejected", "chosen and rejected share no dialogue up to an \"Assistant:\" turn that answers a \"Human:\" turn, so the prompt cannot be found")
            case .noSpaceAfterLastAssistant(let f):
                return RowProblem(f, "the text after the last shared \"Assistant:\" does not start with a space, so the response cannot be separated exactly")
            case .promptDoesNotRoundTrip:
                return RowProblem("chosen", "a turn marker is not followed by a space (\"Human:text\"), so the prompt cannot be stored as messages and rendered back exactly")
            }
        }
    }

    /// A turn marker found in a transcript: its byte position and whether it is an Assistant turn.
    struct Marker { var position: Int; var isAssistant: Bool }

    /// The turn markers of a transcript in order.
    static func markers(_ bytes: [UInt8]) -> [Marker] {
        var out: [Marker] = []
        var i = 0
        let n = bytes.count
        while i + 1 < n {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A {
                if matches(bytes, at: i, human) { out.append(Marker(position: i, isAssistant: false)); i += human.count; continue }
                if matches(bytes, at: i, assistant) { out.append(Marker(position: i, isAssistant: true)); i += assistant.count; continue }
            }
            i += 1
        }
        return out
    }

    private static func matches(_ bytes: [UInt8], at i: Int, _ marker: [UInt8]) -> Bool {
        guard i + marker.count <= bytes.count else { return false }
        for k in 0..<marker.count where bytes[i + k] != marker[k] { return false }
        return true
    }

    /// The transcript as messages (Human -> "user", Assistant -> "assistant"); nil if not a Human/Assistant transcript.
    public static func messages(from transcript: String) -> [Message]? {
        let bytes = Array(transcript.utf8)
        let found = markers(bytes)
        guard let first = found.first, first.position == 0 else { return nil }
        var out: [Message] = []
        out.reserveCapacity(found.count)
        for (k, m) in found.enumerated() {
            var from = m.position + (m.isAssistant ? assistant.count : human.count)
            let to = k + 1 < found.count ? found[k + 1].position : bytes.count
            if from < to && bytes[from] == 0x20 { from += 1 }
            out.append(Message(role: m.isAssistant ? "assistant" : "user", content: String(decoding: bytes[from..<to], as: UTF8.self)))
        }
        return out
    }

    /// Splits chosen and rejected dialogues into the shared prompt and the two final responses; nil when impossible.
    public static func split(chosen: String, rejected: String) -> (prompt: [Message], chosen: String, rejected: String)? {
        try? splitChecked(chosen: chosen, rejected: rejected).get()
    }

    /// `split` with the reason for a failure.
    static func splitChecked(chosen: String, rejected: String) -> Result<(prompt: [Message], chosen: String, rejected: String), SplitFailure> {
        if chosen == rejected { return .failure(.identical) }
        let c = Array(chosen.utf8), r = Array(rejected.utf8)
        guard c.starts(with: human) else { return .failure(.notTranscript(field: "chosen")) }
        guard r.starts(with: human) else { return .failure(.notTranscript(field: "rejected")) }
        var shared = 0
        let limit = min(c.count, r.count)
        while shared < limit && c[shared] == r[shared] { shared += 1 }
        // The last Assistant turn that lies wholly in the shared part and directly answers a Human turn.
        let found = markers(c)
        var cut: Int?
        for k in found.indices.reversed() where found[k].isAssistant && found[k].position + assistant.count <= shared {
            if k > 0 && !found[k - 1].isAssistant { cut = found[k].position; break }
        }
        guard let at = cut else { return .failure(.noSharedUserTurn) }
        let tailStart = at + assistant.count
        guard tailStart < c.count, c[tailStart] == 0x20 else { return .failure(.noSpaceAfterLastAssistant(field: "chosen")) }
        guard tailStart < r.count, r[tailStart] == 0x20 else { return .failure(.noSpaceAfterLastAssistant(field: "rejected")) }
        guard let prompt = messages(from: String(decoding: c[..<at], as: UTF8.self)) else { return .failure(.notTranscript(field: "chosen")) }
        guard Array(render(prompt: prompt).utf8) == Array(c[..<tailStart]) else { return .failure(.promptDoesNotRoundTrip) }
        return .success((prompt,
                         String(decoding: c[(tailStart + 1)...], as: UTF8.self),
                         String(decoding: r[(tailStart + 1)...], as: UTF8.self)))
    }

    /// "\n\nHuman: X\n\nAssistant: Y...\n\nHuman: Z\n\nAssistant:" (roles other than assistant render as Human).
    public static func render(prompt: [Message]) -> String {
        var out = ""
        for m in prompt {
            out += m.role == "assistant" ? "\n\nAssistant: " : "\n\nHuman: "
            out += m.content
        }
        return out + "\n\nAssistant:"
    }
}
