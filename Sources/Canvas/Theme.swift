/// The named places a theme gives a style to. Raw values are the keys used in theme files.
public enum ThemeRole: String, CaseIterable, Sendable {
    case text, dim, header, hint, hintKey, paneBorder, paneBorderFocused, paneTitle
    case roleUser, roleAssistant, roleSystem, diffAdded, diffRemoved, code, marker, selection
    case error, warning, success, heatmapLow, heatmapMid, heatmapHigh, choiceA, choiceB, tie
}

/// A colour theme: a style for every role. Built from a theme file (`Theme.decode`) or built in.
public struct Theme: Hashable, Sendable {
    /// The theme's name (the `name` key of its file).
    public var name: String
    /// Style per role; roles missing here fall back to `Theme.builtinMono`.
    public var styles: [ThemeRole: Style]

    /// Creates a theme; missing roles take the monochrome theme's style.
    public init(name: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style of a role.
    public subscript(role: ThemeRole) -> Style {
        styles[role] ?? Theme.monoStyles[role] ?? .plain
    }

    /// This theme as a terminal of the given tier can show it.
    public func downgraded(to tier: ColorTier) -> Theme {
        var all: [ThemeRole: Style] = [:]
        for role in ThemeRole.allCases { all[role] = self[role].downgraded(to: tier) }
        return Theme(name: name, styles: all)
    }

    /// The theme for NO_COLOR and monochrome terminals: bold, underline and reverse only.
    public static let builtinMono = Theme(name: "mono", styles: monoStyles)

    static let monoStyles: [ThemeRole: Style] = [
        .text: .plain, .dim: .plain, .header: Style(reverse: true), .hint: .plain, .hintKey: Style(bold: true),
        .paneBorder: .plain, .paneBorderFocused: Style(bold: true), .paneTitle: Style(bold: true),
        .roleUser: Style(bold: true), .roleAssistant: Style(bold: true), .roleSystem: Style(underline: true),
        .diffAdded: Style(bold: true), .diffRemoved: Style(underline: true), .code: .plain, .marker: Style(reverse: true),
        .selection: Style(reverse: true), .error: Style(bold: true, reverse: true), .warning: Style(bold: true),
        .success: Style(bold: true), .heatmapLow: .plain, .heatmapMid: Style(bold: true), .heatmapHigh: Style(reverse: true),
        .choiceA: Style(bold: true), .choiceB: Style(bold: true, underline: true), .tie: Style(underline: true),
    ]
}
