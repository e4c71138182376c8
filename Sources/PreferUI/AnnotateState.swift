import Canvas
import Foundation
import PreferCore

/// The pane or field the keyboard works on.
public enum AnnotateFocus: Hashable, Sendable, CaseIterable {
    case prompt, left, right, form, rationale
}

/// Side-by-side or stacked responses.
public enum ResponseLayout: Hashable, Sendable {
    case sideBySide, stacked
}

/// An open overlay.
public enum AnnotateOverlay: Hashable, Sendable {
    case help, guidelines
}

/// A one-line question on the status row.
public enum LinePromptKind: Hashable, Sendable {
    case skipReason, command
}

/// The annotate screen as pure state: `handle` updates it and returns effects, `render` draws it.
public struct AnnotateState {
    /// Judged, skipped and assigned counts for the header.
    public struct Progress: Sendable, Equatable {
        /// Items this annotator has judged (skips not included).
        public var judged: Int
        /// Items this annotator skipped (and has not judged since).
        public var skipped: Int
        /// Items assigned to this annotator.
        public var assigned: Int
        /// Creates a progress value.
        public init(judged: Int, skipped: Int = 0, assigned: Int) {
            self.judged = judged; self.skipped = skipped; self.assigned = assigned
        }

        /// "judged 3/10", with ", 1 skipped" when there are skips.
        public var summary: String {
            "judged \(judged)/\(assigned)" + (skipped > 0 ? ", \(skipped) skipped" : "")
        }
    }

    /// Smallest terminal the screen lays out in.
    public static let minimumSize = (width: 60, height: 16)
    /// Gaps between events longer than this are idle time, not active time.
    public static let idleThreshold: TimeInterval = 60
    /// Responses go side by side from this width on (unless toggled).
    public static let sideBySideWidth = 100

    /// Project name shown in the header.
    public let projectName: String
    /// The annotator's name.
    public let annotator: String
    /// The project's settings (scale, rubric, flags, rationale policy).
    public let config: ProjectConfig
    /// Raw guidelines markdown.
    public let guidelines: String
    /// The keymap table in use.
    public let bindings: [KeyBinding]
    /// Header progress.
    public private(set) var progress: Progress
    /// The item on screen, nil before the first load and when the queue is finished.
    public private(set) var item: AnnotateItem?
    /// True after `load(nil)`: the queue is finished.
    public private(set) var isDone = false

    // The judgment being drafted.
    /// Recorded choice (signed, screen terms).
    public internal(set) var choice: Int?
    /// Both-bad recorded.
    public internal(set) var bothBad = false
    /// Rubric scores for the left response by criterion id.
    public internal(set) var leftScores: [String: Int] = [:]
    /// Rubric scores for the right response by criterion id.
    public internal(set) var rightScores: [String: Int] = [:]
    /// Flags set.
    public internal(set) var flagsOn: Set<String> = []
    /// Confidence 1...5.
    public internal(set) var confidence: Int?
    /// The rationale field.
    public internal(set) var rationale = TextInput()

    // View state.
    /// Where keys go.
    public internal(set) var focus: AnnotateFocus = .left
    /// Last pane focused, where Esc from the form returns.
    var lastPane: AnnotateFocus = .left
    /// Selected field of the form (index into `formFields`).
    public internal(set) var formField = 0
    /// Scroll offsets (first visible line) per pane.
    public internal(set) var offsets: [AnnotateFocus: Int] = [:]
    /// Layout chosen with the toggle key; nil = by width.
    public internal(set) var layoutOverride: ResponseLayout?
    /// A and B scroll together.
    public internal(set) var synced = false
    /// Word diff highlighting on.
    public internal(set) var diffOn = false
    /// Long system prompts folded.
    public internal(set) var folded = true
    /// The open overlay.
    public internal(set) var overlay: AnnotateOverlay?
    /// Scroll offset of the open overlay.
    public internal(set) var overlayOffset = 0
    /// The open one-line prompt and its input.
    public internal(set) var linePrompt: (kind: LinePromptKind, input: TextInput)?
    /// The status line message.
    public internal(set) var status: (message: String, isError: Bool)?
    /// Size last given to `resize` (used by `handle` for page sizes and by `cursor`).
    public private(set) var size = (width: 80, height: 24)

    // Timing.
    /// When the item was loaded.
    public private(set) var startedAt = Date(timeIntervalSince1970: 0)
    /// Active seconds since load.
    public private(set) var activeSeconds: Double = 0
    private var lastActivity = Date(timeIntervalSince1970: 0)
    private var lastKey = Date(timeIntervalSince1970: 0)

    var cache = RenderCache()

    /// Creates the screen with no item loaded yet.
    public init(projectName: String, annotator: String, config: ProjectConfig, guidelines: String, progress: Progress) {
        self.projectName = projectName; self.annotator = annotator; self.config = config
        self.guidelines = guidelines; self.progress = progress
        self.bindings = Keymap.bindings(for: config)
    }

    /// Shows an item (pre-filled from its previous judgment, if any), or the "done" screen for nil.
    public mutating func load(_ item: AnnotateItem?, now: Date) {
        self.item = item
        isDone = item == nil
        cache = RenderCache()
        let previous = item?.previous
        choice = previous?.choice
        bothBad = previous?.bothBad ?? false
        leftScores = previous?.scores.mapValues(\.left) ?? [:]
        rightScores = previous?.scores.mapValues(\.right) ?? [:]
        flagsOn = Set(previous?.flags ?? [])
        confidence = previous?.confidence
        rationale = TextInput(previous?.rationale ?? "")
        focus = .left; lastPane = .left; formField = 0
        offsets = [:]; overlay = nil; overlayOffset = 0; linePrompt = nil
        startedAt = now; lastActivity = now; lastKey = now; activeSeconds = 0
    }

    /// Updates the header counts.
    public mutating func setProgress(_ p: Progress) { progress = p }

    /// Shows a one-line status message until the next key.
    public mutating func flash(_ message: String, isError: Bool) { status = (message, isError) }

    /// Time passes: counted as active only while the last key is less than the idle threshold ago,
    /// so a run loop ticking every second through a long pause adds at most that threshold.
    public mutating func tick(now: Date) { noteActivity(now, isKey: false) }

    /// Records the terminal size; typed input and the draft are kept.
    public mutating func resize(width: Int, height: Int) {
        size = (max(0, width), max(0, height))
        clampOffsets()
    }

    /// Adds the time since the last event or tick to the active time, unless the annotator has
    /// been idle: no key for the idle threshold or longer.
    mutating func noteActivity(_ now: Date, isKey: Bool) {
        let gap = now.timeIntervalSince(lastActivity)
        guard gap > 0 else { return }
        if now.timeIntervalSince(lastKey) < Self.idleThreshold, item != nil { activeSeconds += gap }
        lastActivity = now
        if isKey { lastKey = now }
    }

    /// The context the keymap is looked up in.
    public var context: KeyContext {
        if let overlay { return overlay == .help ? .help : .guidelines }
        if linePrompt != nil { return .line }
        if isDone || item == nil { return .done }
        switch focus {
        case .form: return .form
        case .rationale: return .text
        default: return .panes
        }
    }

    /// Responses side by side or stacked at a width.
    func responseLayout(width: Int) -> ResponseLayout {
        layoutOverride ?? (width >= Self.sideBySideWidth ? .sideBySide : .stacked)
    }

    /// Whether a size is too small to lay the screen out.
    static func isTooSmall(width: Int, height: Int) -> Bool {
        width < minimumSize.width || height < minimumSize.height
    }
}
