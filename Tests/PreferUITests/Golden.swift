import XCTest
import Canvas
import Foundation

/// Golden-file snapshots of rendered buffers: text (`Buffer.lines()`) and styles
/// (`Buffer.styledDump()`). With `PREFER_RECORD_GOLDENS=1` the files are written instead of
/// compared; without it a missing golden fails.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static var recording: Bool { ProcessInfo.processInfo.environment["PREFER_RECORD_GOLDENS"] == "1" }

    static func assertMatches(_ buffer: Buffer, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let text = buffer.lines().joined(separator: "\n") + "\n"
        compare(text, URL(fileURLWithPath: name + ".txt", relativeTo: directory), file: file, line: line)
        compare(buffer.styledDump(), URL(fileURLWithPath: name + ".styles", relativeTo: directory), file: file, line: line)
    }

    private static func compare(_ actual: String, _ url: URL, file: StaticString, line: UInt) {
        if recording {
            do { try actual.write(to: url, atomically: true, encoding: .utf8) } catch {
                XCTFail("cannot write golden \(url.path): \(error)", file: file, line: line)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden \(url.lastPathComponent); record with PREFER_RECORD_GOLDENS=1", file: file, line: line)
            return
        }
        if expected != actual {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            XCTFail("""
                \(url.lastPathComponent) differs at line \(first + 1):
                expected: \(first < e.count ? String(e[first]) : "<end>")
                actual:   \(first < a.count ? String(a[first]) : "<end>")
                """, file: file, line: line)
        }
    }
}

extension Theme {
    /// A 256-colour theme for snapshots (a subset of Themes/default.yaml's palette; other roles fall back to mono).
    static let snapshotColour = Theme(name: "snapshot", styles: [
        .text: Style(fg: .palette(252)), .dim: Style(fg: .palette(244)),
        .header: Style(fg: .palette(252), bg: .palette(236), bold: true),
        .hint: Style(fg: .palette(246), bg: .palette(235)), .hintKey: Style(fg: .palette(117), bg: .palette(235), bold: true),
        .paneBorder: Style(fg: .palette(240)), .paneBorderFocused: Style(fg: .palette(75), bold: true),
        .paneTitle: Style(fg: .palette(255), bold: true),
        .roleUser: Style(fg: .palette(114), bold: true), .roleAssistant: Style(fg: .palette(111), bold: true),
        .roleSystem: Style(fg: .palette(180), italic: true),
        .diffAdded: Style(fg: .palette(114)), .diffRemoved: Style(fg: .palette(203)),
        .code: Style(fg: .palette(223), bg: .palette(235)), .marker: Style(fg: .palette(208), dim: true),
        .selection: Style(fg: .palette(255), bg: .palette(24)),
        .error: Style(fg: .palette(231), bg: .palette(160), bold: true), .warning: Style(fg: .palette(220), bold: true),
        .success: Style(fg: .palette(114), bold: true),
        .choiceA: Style(fg: .palette(81), bold: true), .choiceB: Style(fg: .palette(213), bold: true), .tie: Style(fg: .palette(250)),
    ])
}
