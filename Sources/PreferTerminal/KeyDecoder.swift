import CNcurses
import Canvas

/// Turns raw `get_wch` values into Canvas keys. Pure, so it is tested without a terminal.
public enum KeyDecoder {
    /// The ESC character, which starts an Alt combination.
    public static let escape: UInt32 = 27

    /// Decodes one raw value into a key (no Alt handling).
    public static func key(for raw: RawInput) -> Key {
        switch raw {
        case .character(let code): return key(forCharacter: code)
        case .keyCode(let code): return key(forKeyCode: code)
        }
    }

    /// Decodes ESC followed by `next` (read without waiting): ESC alone is `Esc`, ESC + key is
    /// Alt + that key. Any other `first` decodes on its own and `next` is not consulted.
    public static func event(_ first: RawInput, next: RawInput?) -> KeyEvent {
        guard first == .character(escape), let next else { return KeyEvent(key(for: first)) }
        return KeyEvent(key(for: next), alt: true)
    }

    private static func key(forCharacter code: UInt32) -> Key {
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .esc
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 96)))
        case 0..<32: return .unknown(Int(code))
        default:
            guard let scalar = Unicode.Scalar(code), !(0x80...0x9F).contains(code) else { return .unknown(Int(code)) }
            return .char(Character(scalar))
        }
    }

    private static let namedCodes: [Int32: Key] = [
        KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right,
        KEY_HOME: .home, KEY_END: .end, KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown,
        KEY_DC: .delete, KEY_BACKSPACE: .backspace, KEY_ENTER: .enter, KEY_BTAB: .backTab,
        KEY_RESIZE: .resize,
    ]

    private static func key(forKeyCode code: Int32) -> Key {
        if let key = namedCodes[code] { return key }
        let f = Int(code) - Int(cn_key_f(0))
        if (1...24).contains(f) { return .f(f) }
        return .unknown(Int(code))
    }
}
