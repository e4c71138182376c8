import Canvas

/// Where each part of the annotate screen goes at a given size. Used by `render` and by
/// `handle` (page sizes, scroll limits), so both agree.
struct ScreenFrame {
    var header: Rect
    var prompt: Rect
    var left: Rect
    var right: Rect
    /// Column between side-by-side responses.
    var divider: Rect?
    var form: Rect
    var status: Rect
    var hints: Rect
    /// Rows of the rationale field.
    var rationaleRows: Int

    init(width: Int, height: Int, state: AnnotateState) {
        let all = Rect(x: 0, y: 0, width: width, height: height)
        header = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 2, width: width, height: 1)
        hints = Rect(x: 0, y: height - 1, width: width, height: 1)
        let body = all.inset(top: 1, bottom: 2)
        rationaleRows = body.height >= 30 ? 4 : (body.height >= 18 ? 2 : 1)
        let formLines = 1 + 1 + state.config.rubric.count + (state.config.flags.isEmpty ? 0 : 1) + 1 + rationaleRows
        let formHeight = min(formLines, max(5, body.height / 2))
        let parts = body.split(.vertical, [.min(0), .fixed(formHeight)])
        form = parts[1]
        let panes = parts[0]
        let promptHeight = max(2, panes.height * 2 / 5)
        let rows = panes.split(.vertical, [.fixed(promptHeight), .min(0)])
        prompt = rows[0]
        if state.responseLayout(width: width) == .sideBySide {
            let cols = rows[1].split(.horizontal, [.min(0), .fixed(1), .min(0)])
            left = cols[0]; divider = cols[1]; right = cols[2]
        } else {
            let half = rows[1].split(.vertical, [.percent(50), .min(0)])
            left = half[0]; divider = nil; right = half[1]
        }
    }

    /// The text area (below the title row) of a pane.
    func content(_ pane: AnnotateFocus) -> Rect {
        switch pane {
        case .prompt: return prompt.inset(top: 1)
        case .left: return left.inset(top: 1)
        case .right: return right.inset(top: 1)
        case .form, .rationale: return form.inset(top: 1)
        }
    }
}
