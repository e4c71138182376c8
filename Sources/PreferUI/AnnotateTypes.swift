import Foundation
import PreferCore

/// One response as the screen shows it: its store id and its raw (unsanitised) text.
public struct ShownResponse: Sendable, Equatable {
    /// Store id of the response.
    public var id: Int64
    /// Raw text; sanitised only on the way to the screen.
    public var text: String

    /// Creates a shown response.
    public init(id: Int64, text: String) { self.id = id; self.text = text }
}

/// One queue unit, already in SCREEN order (left is shown as "A"). It carries no model names,
/// no other annotators' choices and no gold flag, so the screen cannot leak them.
public struct AnnotateItem: Sendable, Equatable {
    /// Store id of the item.
    public var itemID: Int64
    /// The conversation before the responses.
    public var prompt: [Message]
    /// The response shown on the left, as "A".
    public var left: ShownResponse
    /// The response shown on the right, as "B".
    public var right: ShownResponse
    /// 0-based position in this annotator's queue.
    public var queuePosition: Int
    /// This annotator's current judgment of the item, when revisiting with p/n.
    public var previous: Submission?

    /// Creates an item.
    public init(itemID: Int64, prompt: [Message], left: ShownResponse, right: ShownResponse, queuePosition: Int, previous: Submission? = nil) {
        self.itemID = itemID; self.prompt = prompt; self.left = left; self.right = right
        self.queuePosition = queuePosition; self.previous = previous
    }
}

/// What the annotator decided for an item, in screen terms; the run loop stores it as a `NewJudgment`.
public struct Submission: Sendable, Equatable {
    /// Store id of the item.
    public var itemID: Int64
    /// Response shown on the left ("A").
    public var leftResponseID: Int64
    /// Response shown on the right ("B").
    public var rightResponseID: Int64
    /// Signed choice in screen terms (see `ChoiceScale`); nil with `bothBad` or a skip.
    public var choice: Int?
    /// Both responses are bad.
    public var bothBad: Bool
    /// Set when the item was skipped: the reason typed.
    public var skipReason: String?
    /// Rubric scores by criterion id (only criteria scored for both sides).
    public var scores: [String: SidePair<Int>]
    /// Flags set, in config order.
    public var flags: [String]
    /// Confidence 1...5, if given.
    public var confidence: Int?
    /// Free-text rationale (raw, as typed).
    public var rationale: String
    /// When the item was loaded.
    public var startedAt: Date
    /// Seconds of activity between load and submit (gaps of 60 s or more are not counted).
    public var activeSeconds: Double

    /// Creates a submission.
    public init(itemID: Int64, leftResponseID: Int64, rightResponseID: Int64, choice: Int?, bothBad: Bool = false,
                skipReason: String? = nil, scores: [String: SidePair<Int>] = [:], flags: [String] = [], confidence: Int? = nil,
                rationale: String = "", startedAt: Date, activeSeconds: Double = 0) {
        self.itemID = itemID; self.leftResponseID = leftResponseID; self.rightResponseID = rightResponseID
        self.choice = choice; self.bothBad = bothBad; self.skipReason = skipReason; self.scores = scores
        self.flags = flags; self.confidence = confidence; self.rationale = rationale
        self.startedAt = startedAt; self.activeSeconds = activeSeconds
    }
}

/// What the run loop must do after a key: the screen never touches the store itself.
public enum AnnotateEffect: Sendable, Equatable {
    /// Store this judgment durably, then load the next item.
    case submit(Submission)
    /// Retract the annotator's last submission and show that item again.
    case undoLast
    /// Move to the next item in the queue.
    case next
    /// Move to the previous item in the queue.
    case previous
    /// Leave the program (nothing is ever unsaved).
    case quit
}
