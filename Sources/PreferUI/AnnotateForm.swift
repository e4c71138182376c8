import Foundation
import PreferCore

/// A side of the pair, in screen terms.
public enum ScreenSide: Hashable, Sendable {
    case left, right
    /// "A" or "B".
    public var letter: String { self == .left ? "A" : "B" }
}

/// One selectable field of the rubric form.
public enum FormField: Hashable, Sendable {
    /// Score of the criterion at this index of the rubric, for one side.
    case score(Int, ScreenSide)
    /// The flag at this index of the config's flags.
    case flag(Int)
    /// Confidence 1...5.
    case confidence
}

/// Something still needed before a judgment can be submitted, and where to go to give it.
struct MissingField {
    var name: String
    var focus: AnnotateFocus
    var field: FormField?
}

extension AnnotateState {
    /// Confidence range.
    static let confidenceRange = 1...5

    /// The form's fields in navigation order: each criterion's A then B score, flags, confidence.
    public var formFields: [FormField] {
        var fields: [FormField] = []
        for index in config.rubric.indices { fields += [.score(index, .left), .score(index, .right)] }
        fields += config.flags.indices.map { .flag($0) }
        fields.append(.confidence)
        return fields
    }

    /// The selected form field.
    var selectedField: FormField? {
        let fields = formFields
        return fields.indices.contains(formField) ? fields[formField] : nil
    }

    /// What is still missing for the drafted judgment, in the order the annotator is sent to it.
    var missingFields: [MissingField] {
        var missing: [MissingField] = []
        for (index, criterion) in config.rubric.enumerated() where criterion.required {
            for side in [ScreenSide.left, .right] where score(criterion.id, side) == nil {
                missing.append(MissingField(name: "\(criterion.id) (\(side.letter))", focus: .form, field: .score(index, side)))
            }
        }
        if choice != nil || bothBad, config.rationaleRequired(choice: choice ?? 0, bothBad: bothBad),
           rationale.text.allSatisfy(\.isWhitespace) {
            missing.append(MissingField(name: "rationale", focus: .rationale, field: nil))
        }
        return missing
    }

    /// A side's score for a criterion id.
    func score(_ id: String, _ side: ScreenSide) -> Int? {
        side == .left ? leftScores[id] : rightScores[id]
    }

    mutating func setScore(_ id: String, _ side: ScreenSide, _ value: Int?) {
        if side == .left { leftScores[id] = value } else { rightScores[id] = value }
    }

    /// The submission for the current draft (nil without an item).
    func submission(skipReason: String? = nil) -> Submission? {
        guard let item else { return nil }
        var scores: [String: SidePair<Int>] = [:]
        for criterion in config.rubric {
            if let l = leftScores[criterion.id], let r = rightScores[criterion.id] { scores[criterion.id] = SidePair(left: l, right: r) }
        }
        let skipping = skipReason != nil
        return Submission(itemID: item.itemID, leftResponseID: item.left.id, rightResponseID: item.right.id,
                          choice: skipping || bothBad ? nil : choice, bothBad: skipping ? false : bothBad, skipReason: skipReason,
                          scores: scores, flags: config.flags.filter { flagsOn.contains($0) }, confidence: confidence,
                          rationale: rationale.text, startedAt: startedAt, activeSeconds: activeSeconds)
    }

    /// Submits if nothing is missing; otherwise sends focus to the first missing field and says what is missing.
    mutating func submitIfComplete(recorded: String?) -> [AnnotateEffect] {
        guard choice != nil || bothBad else {
            flash("choose first: keys \(keyRange) (x both bad, s skip)", isError: true)
            return []
        }
        let missing = missingFields
        guard let first = missing.first else {
            guard let submission = submission() else { return [] }
            flash("submitted", isError: false)
            return [.submit(submission)]
        }
        focus = first.focus
        if let field = first.field, let index = formFields.firstIndex(of: field) { formField = index }
        let needed = "still needed: " + missing.map(\.name).joined(separator: ", ") + "; Enter submits"
        flash((recorded.map { $0 + " - " } ?? "") + needed, isError: recorded == nil)
        return []
    }

    /// "1-7" for the config's scale.
    var keyRange: String { "1-\(config.scale.values.count)" }

    /// The range a field's value may take (nil for flags).
    func valueRange(_ field: FormField) -> ClosedRange<Int>? {
        switch field {
        case .score(let index, _):
            let c = config.rubric[index]
            return c.min <= c.max ? c.min...c.max : c.max...c.min
        case .confidence: return Self.confidenceRange
        case .flag: return nil
        }
    }

    /// The value of a field (flags: 1 on, nil off).
    func value(_ field: FormField) -> Int? {
        switch field {
        case .score(let index, let side): return score(config.rubric[index].id, side)
        case .confidence: return confidence
        case .flag(let index): return flagsOn.contains(config.flags[index]) ? 1 : nil
        }
    }

    mutating func setValue(_ field: FormField, _ value: Int?) {
        switch field {
        case .score(let index, let side): setScore(config.rubric[index].id, side, value)
        case .confidence: confidence = value
        case .flag(let index):
            if value == nil { flagsOn.remove(config.flags[index]) } else { flagsOn.insert(config.flags[index]) }
        }
    }

    /// Moves the selected field's value by `delta` within its range (from empty: to the range's start).
    mutating func stepValue(by delta: Int) {
        guard let field = selectedField else { return }
        guard let range = valueRange(field) else { setValue(field, delta > 0 ? 1 : nil); return }
        let next = value(field).map { $0 + delta } ?? range.lowerBound
        setValue(field, min(range.upperBound, max(range.lowerBound, next)))
    }

    /// Sets the selected field to a typed digit, refusing values outside its range.
    mutating func typeValue(_ digit: Int) {
        guard let field = selectedField else { return }
        guard let range = valueRange(field) else { flash("Space toggles a flag", isError: true); return }
        guard range.contains(digit) else {
            flash("this field takes \(range.lowerBound)-\(range.upperBound)", isError: true)
            return
        }
        setValue(field, digit)
    }
}
