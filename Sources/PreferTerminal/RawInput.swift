/// One value read by `get_wch`: a character (UTF-8 multibyte input arrives as one code point)
/// or a curses key code such as `KEY_UP`.
public enum RawInput: Hashable, Sendable {
    /// A character code point (get_wch returned OK).
    case character(UInt32)
    /// A key code (get_wch returned KEY_CODE_YES).
    case keyCode(Int32)
}
