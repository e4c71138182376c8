import XCTest
import Canvas
import PreferCore
@testable import PreferUI

/// The one keymap table drives dispatch, the hint bar and the help overlay.
final class KeymapTests: XCTestCase {
    private let config = Fixture.config(rubric: Fixture.rubric)

    /// A state whose keyboard context is `ctx`.
    private func state(in ctx: KeyContext) -> AnnotateState {
        var s = Fixture.state(config, item: ctx == .done ? nil : Fixture.item(), width: 400, height: 60)
        switch ctx {
        case .panes, .done: break
        case .form: s.press(.tab, .tab)
        case .text: s.press(.char("r"))
        case .line: s.press(.char("s"))
        case .help: s.press(.char("?"))
        case .guidelines: s.press(.char("g"))
        }
        XCTAssertEqual(s.context, ctx)
        return s
    }

    func testHintBarListsExactlyTheHintBindingsOfTheContext() {
        let table = Keymap.bindings(for: config)
        for ctx in KeyContext.allCases {
            let s = state(in: ctx)
            let hintRow = s.render(width: 400, height: 60, theme: .builtinMono, mode: .unicode).lines().last ?? ""
            let expected = table.filter { $0.showInHints && $0.contexts.contains(ctx) }
            let entries = hintRow.components(separatedBy: "  ")
            XCTAssertEqual(Set(entries), Set(expected.map { "\($0.keyLabel()) \($0.hint)" }), "context \(ctx)")
            XCTAssertEqual(entries.count, expected.count, "context \(ctx): each hint once")
            XCTAssertFalse(hintRow.isEmpty, "context \(ctx) has hints")
        }
    }

    func testHelpOverlayListsEveryBindingOfTheTableOnce() {
        let table = Keymap.bindings(for: config)
        let s = state(in: .help)
        let rows = s.render(width: 400, height: 200, theme: .builtinMono, mode: .unicode).lines()
        // Each entry is "│<key label padded to the key column><help>".
        var found = 0
        for binding in table {
            let label = binding.keyLabel()
            let padded = label + String(repeating: " ", count: max(0, HelpOverlay.keyColumn - DisplayWidth.of(label)))
            // Long help text wraps: its first 40 characters are on the key's row.
            let matches = rows.filter { $0.contains("\u{2502}" + padded + binding.help.prefix(40)) }
            XCTAssertEqual(matches.count, table.filter { $0.keyLabel() == label && $0.help == binding.help }.count,
                           "binding \(label) \(binding.help)")
            found += matches.isEmpty ? 0 : 1
        }
        XCTAssertEqual(found, table.count)
        let entryRows = rows.filter { row in table.contains { row.contains("\u{2502}" + $0.keyLabel()) && row.contains($0.help.prefix(40)) } }
        XCTAssertEqual(entryRows.count, table.count, "no entry that is not in the table")
        for group in ["General", "Judge", "Panes", "Form", "Text"] { XCTAssertTrue(rows.contains { $0.contains("\u{2502}" + group + " ") }) }
    }

    func testNoKeyIsShadowedWithinAContext() {
        let table = Keymap.bindings(for: config)
        for binding in table {
            for ctx in binding.contexts {
                for key in binding.keys {
                    XCTAssertEqual(Keymap.binding(for: KeyEvent(key), in: ctx, of: table)?.action, binding.action, "\(key) in \(ctx)")
                }
                for key in binding.altKeys {
                    XCTAssertEqual(Keymap.binding(for: KeyEvent(key, alt: true), in: ctx, of: table)?.action, binding.action)
                }
            }
        }
    }

    func testChoiceBindingFollowsTheScale() {
        for points in ChoiceScale.supportedPoints {
            let table = Keymap.bindings(for: Fixture.config(points: points))
            let choose = table.first { $0.action == .choose }
            XCTAssertEqual(choose?.keys.count, points)
            XCTAssertEqual(choose?.keyLabel(), points >= 3 ? "1-\(points)" : "1/2")
        }
        XCTAssertNil(Keymap.bindings(for: Fixture.config(allowBothBad: false)).first { $0.action == .bothBad })
    }

    func testKeyLabelsInAsciiMode() {
        let scroll = Keymap.bindings(for: config).first { $0.action == .scrollDown }
        XCTAssertEqual(scroll?.keyLabel(mode: .ascii), "j/Down")
        XCTAssertEqual(Keymap.bindings(for: config).first { $0.action == .newline }?.keyLabel(), "C-j/M-Enter")
    }
}
