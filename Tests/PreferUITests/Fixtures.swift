import Canvas
import Foundation
import PreferCore
@testable import PreferUI

/// Shared test data and helpers for the annotate screen tests.
enum Fixture {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func config(points: Int = 7, rubric: [Criterion] = [], flags: [String] = ["unsafe", "refusal"],
                       rationale: RationalePolicy = .never, allowBothBad: Bool = true) -> ProjectConfig {
        ProjectConfig(name: "demo", scale: ChoiceScale(points: points) ?? .sevenPoint, allowBothBad: allowBothBad,
                      rubric: rubric, flags: flags, rationale: rationale)
    }

    static let rubric = [
        Criterion(id: "helpful", question: "How helpful is it?", min: 1, max: 5, labels: ["poor", "weak", "ok", "good", "great"], required: true),
        Criterion(id: "correct", question: "Is it correct?", min: 1, max: 3, required: false),
    ]

    static let guidelines = """
    # Annotation guidelines
    Prefer the response that **answers the question** and is correct.
    - Penalise made-up facts.
    - A refusal of a harmless request is bad.
    1. Read the prompt.
    2. Read both responses.
    ```
    example code block that is long enough to be clipped at the edge of a narrow pane, surely
    ```
    """

    static func item(id: Int64 = 7, position: Int = 2, prompt: [Message]? = nil, left: String? = nil, right: String? = nil,
                     previous: Submission? = nil) -> AnnotateItem {
        AnnotateItem(
            itemID: id,
            prompt: prompt ?? [
                Message(role: "system", content: "You are a helpful assistant.\nAnswer briefly.\nUse metric units.\nNever guess.\nCite sources.\nBe kind."),
                Message(role: "user", content: "How tall is the Eiffel Tower?"),
                Message(role: "assistant", content: "Do you mean with or without antennas?"),
                Message(role: "user", content: "With antennas, please."),
            ],
            left: ShownResponse(id: 101, text: left ?? "The Eiffel Tower is 330 metres tall including its antennas."),
            right: ShownResponse(id: 102, text: right ?? "The Eiffel Tower is about 300 metres tall, or 330 metres with antennas."),
            queuePosition: position, previous: previous)
    }

    static func state(_ config: ProjectConfig = config(), item: AnnotateItem? = item(), width: Int = 120, height: Int = 40) -> AnnotateState {
        var s = AnnotateState(projectName: "demo", annotator: "alice", config: config, guidelines: guidelines,
                              progress: .init(judged: 2, assigned: 10))
        s.resize(width: width, height: height)
        s.load(item, now: t0)
        return s
    }
}

extension AnnotateState {
    /// Presses keys one after another (one second apart) and returns all effects.
    @discardableResult
    mutating func press(_ keys: Key..., alt: Bool = false) -> [AnnotateEffect] {
        var effects: [AnnotateEffect] = []
        for key in keys { effects += handle(KeyEvent(key, alt: alt), now: startedAt.addingTimeInterval(activeSeconds + 1)) }
        return effects
    }

    /// Types text character by character.
    mutating func type(_ text: String) {
        for ch in text { _ = handle(KeyEvent(.char(ch)), now: startedAt) }
    }

    /// The rendered text at a size.
    func text(_ width: Int = 120, _ height: Int = 40, theme: Theme = .builtinMono, mode: GlyphMode = .unicode) -> String {
        render(width: width, height: height, theme: theme, mode: mode).lines().joined(separator: "\n")
    }
}

/// The only submission among effects, if exactly one.
func submitted(_ effects: [AnnotateEffect]) -> Submission? {
    guard effects.count == 1, case .submit(let s) = effects[0] else { return nil }
    return s
}
