/// A theme file that does not describe a valid theme; the message names the file and key path,
/// e.g. `Themes/x.yaml: roles.header.fg: unknown colour "purpel"`.
public struct ThemeError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The theme file.
    public let file: String
    /// Dotted key path of the bad value (`roles.header.fg`), or "" for the whole document.
    public let keyPath: String
    /// What is wrong.
    public let reason: String

    /// Creates an error.
    public init(file: String, keyPath: String, reason: String) {
        self.file = file; self.keyPath = keyPath; self.reason = reason
    }

    /// `file: key.path: reason`.
    public var description: String { keyPath.isEmpty ? "\(file): \(reason)" : "\(file): \(keyPath): \(reason)" }
}

extension Theme {
    /// Attribute keys a role may set, besides `fg` and `bg`.
    static var attributeKeys: [String: WritableKeyPath<Style, Bool>] { [
        "bold": \.bold, "dim": \.dim, "italic": \.italic, "underline": \.underline, "reverse": \.reverse,
    ] }

    /// Builds a theme from a parsed theme file (`name`, `roles: {role: {fg, bg, bold, ...}}`).
    /// Colours are names (`red`, `brightRed`, `default`), integers 0-255 or `"#rrggbb"`. Unknown keys
    /// and roles are errors (they are typos); roles left out fall back to `Theme.builtinMono`.
    public static func decode(from dictionary: [String: Any], file: String) throws -> Theme {
        func fail(_ path: String, _ reason: String) -> ThemeError { ThemeError(file: file, keyPath: path, reason: reason) }
        for key in dictionary.keys.sorted() where key != "name" && key != "roles" && key != "description" {
            throw fail(key, "unknown key (expected name, description, roles)")
        }
        guard let name = dictionary["name"] as? String, !name.isEmpty else { throw fail("name", "missing or not a string") }
        guard let roles = dictionary["roles"] as? [String: Any] else { throw fail("roles", "missing or not a mapping") }
        var styles: [ThemeRole: Style] = [:]
        for key in roles.keys.sorted() {
            guard let role = ThemeRole(rawValue: key) else { throw fail("roles.\(key)", "unknown role") }
            guard let fields = roles[key] as? [String: Any] else { throw fail("roles.\(key)", "not a mapping") }
            styles[role] = try decodeStyle(fields, path: "roles.\(key)", fail: fail)
        }
        return Theme(name: name, styles: styles)
    }

    private static func decodeStyle(_ fields: [String: Any], path: String, fail: (String, String) -> ThemeError) throws -> Style {
        var style = Style()
        for key in fields.keys.sorted() {
            let value = fields[key]
            let here = "\(path).\(key)"
            if key == "fg" || key == "bg" {
                let color = try decodeColor(value, path: here, fail: fail)
                if key == "fg" { style.fg = color } else { style.bg = color }
            } else if let attribute = attributeKeys[key] {
                guard let on = value as? Bool else { throw fail(here, "expected true or false") }
                style[keyPath: attribute] = on
            } else {
                throw fail(here, "unknown key (expected fg, bg, bold, dim, italic, underline, reverse)")
            }
        }
        return style
    }

    private static func decodeColor(_ value: Any?, path: String, fail: (String, String) -> ThemeError) throws -> Color {
        if let n = value as? Int, !(value is Bool) {
            guard (0...255).contains(n) else { throw fail(path, "colour index \(n) out of range 0-255") }
            return .palette(UInt8(n))
        }
        if let text = value as? String {
            guard let color = Color.parse(text) else { throw fail(path, "unknown colour \"\(text)\"") }
            return color
        }
        throw fail(path, "expected a colour name, 0-255 or \"#rrggbb\"")
    }
}
