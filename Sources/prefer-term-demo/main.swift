// A tiny program the PreferTerminal tmux tests drive: draws wide characters and colours, echoes
// decoded keys, toggles a visible cursor at (5, 5) on `c`, quits on `q`, crashes on `!`
// (fatalError), and exits cleanly on SIGTERM/SIGINT/SIGHUP.
import Canvas
import Foundation
import PreferTerminal

let terminal: Terminal
do {
    terminal = try Terminal()
} catch {
    FileHandle.standardError.write(Data("prefer-term-demo: \(error)\n".utf8))
    exit(1)
}
// Written while the screen is up: must show after exit, not on the screen.
FileHandle.standardError.write(Data("demo: this went to stderr while drawing\n".utf8))

var lastKey = "none"
var events = 0
var cursorShown = false

func render(_ terminal: Terminal, lastKey: String, events: Int) -> Buffer {
    var buffer = Buffer(width: terminal.size.width, height: terminal.size.height)
    buffer.set(0, 0, "DEMO-SCREEN pid=\(getpid())", style: Style(bold: true))
    buffer.set(0, 1, "size: \(terminal.size.width)x\(terminal.size.height) tier: \(terminal.colorTier) glyphs: \(terminal.glyphMode)")
    // Each piece is written at an absolute column: the capture shows whether ncurses agrees.
    buffer.set(0, 2, "中文")
    buffer.set(4, 2, "X")
    buffer.set(6, 2, "界")
    buffer.set(8, 2, "Y")
    buffer.set(0, 3, "👍")
    buffer.set(2, 3, "Z")
    buffer.set(3, 3, "e\u{301}")
    buffer.set(4, 3, "|")
    buffer.set(0, 4, "RED", style: Style(fg: .palette(196)))
    buffer.set(4, 4, "GREEN", style: Style(fg: .ansi(.green), bold: true))
    buffer.set(10, 4, "REV", style: Style(reverse: true))
    buffer.set(0, 5, "key: \(lastKey)")
    buffer.set(0, 6, "events: \(events)")
    return buffer
}

loop: while true {
    terminal.draw(render(terminal, lastKey: lastKey, events: events))
    switch terminal.nextEvent(timeout: nil) {
    case .key(let event):
        events += 1
        if event == KeyEvent(.char("q")) { break loop }
        if event == KeyEvent(.char("c")) {
            cursorShown.toggle()
            terminal.cursor(at: cursorShown ? (x: 5, y: 5) : nil)
        }
        if event == KeyEvent(.char("!")) {
            FileHandle.standardError.write(Data("demo: crashing on request\n".utf8))
            fatalError("demo crash requested")
        }
        lastKey = (event.alt ? "M-" : "") + event.key.label()
    case .resize:
        events += 1
    case .signal(let sig):
        terminal.shutdown()
        print("demo: stopped by signal \(sig)")
        exit(128 + sig)
    case .timeout:
        continue
    }
}
terminal.shutdown()
print("demo: bye")
