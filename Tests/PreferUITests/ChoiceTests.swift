import XCTest
import Canvas
import PreferCore
@testable import PreferUI

/// Choice keys, both bad, skip and the queue keys: what one key press emits.
final class ChoiceTests: XCTestCase {
    /// Presses one number key on a fresh screen and returns the submitted choice.
    /// Presses one number key on a fresh screen; the submitted choice, nil if nothing was submitted.
    private func choice(points: Int, key: Character) -> Int? {
        var s = Fixture.state(Fixture.config(points: points))
        return submitted(s.press(.char(key)))?.choice
    }

    func testSevenPointKeysMapAMuchBetterToBMuchBetter() {
        // The issue: 1 = A much better, 4 = tie, 7 = B much better; negative = left ("A").
        let expected: [Character: Int] = ["1": -3, "2": -2, "3": -1, "4": 0, "5": 1, "6": 2, "7": 3]
        for (key, value) in expected { XCTAssertEqual(choice(points: 7, key: key), .some(value), "key \(key)") }
        XCTAssertNil(choice(points: 7, key: "8"))
    }

    func testFiveThreeAndTwoPointScalesUseKeysOneToN() {
        XCTAssertEqual(choice(points: 5, key: "1"), -2)
        XCTAssertEqual(choice(points: 5, key: "3"), 0)
        XCTAssertEqual(choice(points: 5, key: "5"), 2)
        XCTAssertNil(choice(points: 5, key: "6"))
        XCTAssertEqual(choice(points: 3, key: "1"), -1)
        XCTAssertEqual(choice(points: 3, key: "2"), 0)
        XCTAssertEqual(choice(points: 3, key: "3"), 1)
        XCTAssertNil(choice(points: 3, key: "4"))
        // Forced choice: no tie.
        XCTAssertEqual(choice(points: 2, key: "1"), -1)
        XCTAssertEqual(choice(points: 2, key: "2"), 1)
        XCTAssertNil(choice(points: 2, key: "3"))
    }

    func testChoiceRowShowsTheScaleLegend() {
        XCTAssertTrue(Fixture.state(Fixture.config(points: 2)).text().contains("keys 1-2: 1 A better \u{2026} 2 B better\n"))
        XCTAssertTrue(Fixture.state(Fixture.config(points: 5)).text().contains("keys 1-5: 1 A much better \u{2026} 3 tie \u{2026} 5 B much better"))
    }

    func testOneKeySubmitsTheWholeJudgmentInScreenTerms() throws {
        var s = Fixture.state()
        let sub = try XCTUnwrap(submitted(s.press(.char("2"))))
        XCTAssertEqual(sub.itemID, 7)
        XCTAssertEqual(sub.leftResponseID, 101)
        XCTAssertEqual(sub.rightResponseID, 102)
        XCTAssertEqual(sub.choice, -2)
        XCTAssertFalse(sub.bothBad)
        XCTAssertNil(sub.skipReason)
        XCTAssertEqual(sub.startedAt, Fixture.t0)
        XCTAssertEqual(sub.flags, [])
        XCTAssertEqual(sub.rationale, "")
    }

    func testBothBadSubmitsWithoutAChoice() throws {
        var s = Fixture.state()
        let sub = try XCTUnwrap(submitted(s.press(.char("x"))))
        XCTAssertTrue(sub.bothBad)
        XCTAssertNil(sub.choice)
    }

    func testBothBadKeyDoesNothingWhenTheConfigForbidsIt() {
        var s = Fixture.state(Fixture.config(allowBothBad: false))
        XCTAssertEqual(s.press(.char("x")), [])
        XCTAssertFalse(s.bothBad)
        XCTAssertFalse(s.text(120, 40).contains("both bad"))
    }

    func testSkipAsksForAReasonAndSubmitsIt() throws {
        var s = Fixture.state()
        XCTAssertEqual(s.press(.char("s")), [])
        XCTAssertEqual(s.context, .line)
        XCTAssertTrue(s.text().contains("skip reason:"))
        XCTAssertEqual(s.press(.enter), [], "an empty reason is refused")
        XCTAssertEqual(s.status?.isError, true)
        s.type("prompt is unclear")   // 'q', 'u', 'n' etc. are text here, not commands
        let sub = try XCTUnwrap(submitted(s.press(.enter)))
        XCTAssertEqual(sub.skipReason, "prompt is unclear")
        XCTAssertNil(sub.choice)
        XCTAssertFalse(sub.bothBad)
    }

    func testEscCancelsTheSkipPrompt() {
        var s = Fixture.state()
        s.press(.char("s"))
        s.type("half")
        XCTAssertEqual(s.press(.esc), [])
        XCTAssertEqual(s.context, .panes)
        XCTAssertEqual(s.press(.char("q")), [.quit])
    }

    func testQueueKeysEmitTheirEffects() {
        var s = Fixture.state()
        XCTAssertEqual(s.press(.char("u")), [.undoLast])
        XCTAssertEqual(s.press(.char("n")), [.next])
        XCTAssertEqual(s.press(.char("p")), [.previous])
        XCTAssertEqual(s.press(.char("q")), [.quit])
    }

    func testCommandPrompt() {
        var s = Fixture.state()
        s.press(.char(":"))
        XCTAssertEqual(s.context, .line)
        s.type("q")
        XCTAssertEqual(s.press(.enter), [.quit])
        s.press(.char(":"))
        s.type("bogus")
        XCTAssertEqual(s.press(.enter), [])
        XCTAssertEqual(s.status?.isError, true)
        XCTAssertTrue(s.status?.message.contains("unknown command: bogus") == true)
        s.press(.char(":")); s.type("help"); s.press(.enter)
        XCTAssertEqual(s.overlay, .help)
    }

    func testEnterWithoutAChoiceSaysWhatToDo() {
        var s = Fixture.state()
        XCTAssertEqual(s.press(.enter), [])
        XCTAssertEqual(s.status?.isError, true)
        XCTAssertTrue(s.text().contains("choose first: keys 1-7"))
    }

    func testRevisitedItemIsPrefilledAndEnterResubmits() throws {
        let previous = Submission(itemID: 7, leftResponseID: 101, rightResponseID: 102, choice: 2,
                                  scores: ["helpful": SidePair(left: 3, right: 4)], flags: ["refusal"], confidence: 5,
                                  rationale: "B cites sources", startedAt: Fixture.t0)
        var s = Fixture.state(Fixture.config(rubric: Fixture.rubric), item: Fixture.item(previous: previous))
        XCTAssertEqual(s.choice, 2)
        let sub = try XCTUnwrap(submitted(s.press(.enter)))
        XCTAssertEqual(sub.choice, 2)
        XCTAssertEqual(sub.scores, ["helpful": SidePair(left: 3, right: 4)])
        XCTAssertEqual(sub.flags, ["refusal"])
        XCTAssertEqual(sub.confidence, 5)
        XCTAssertEqual(sub.rationale, "B cites sources")
    }

    func testActiveTimeSkipsIdleGaps() throws {
        var s = Fixture.state()
        let t0 = Fixture.t0
        _ = s.handle(KeyEvent(.char("j")), now: t0.addingTimeInterval(10))
        s.tick(now: t0.addingTimeInterval(20))
        // 200 s away from the keyboard: not counted.
        _ = s.handle(KeyEvent(.char("k")), now: t0.addingTimeInterval(220))
        let sub = try XCTUnwrap(submitted(s.handle(KeyEvent(.char("4")), now: t0.addingTimeInterval(225))))
        XCTAssertEqual(sub.activeSeconds, 25, accuracy: 1e-9)
        XCTAssertEqual(sub.startedAt, t0)
    }

    func testTicksThroughALongPauseAddAtMostTheIdleThreshold() throws {
        var s = Fixture.state()
        let t0 = Fixture.t0
        _ = s.handle(KeyEvent(.char("j")), now: t0.addingTimeInterval(10))
        for second in 11...300 { s.tick(now: t0.addingTimeInterval(Double(second))) }   // away for almost 5 minutes
        let sub = try XCTUnwrap(submitted(s.handle(KeyEvent(.char("4")), now: t0.addingTimeInterval(305))))
        // 10 s before the pause, then the 1 s ticks at t = 11...69 (under 60 s since the key at
        // t = 10); from t = 70 on the annotator is idle, and the key at 305 ends a long gap.
        XCTAssertEqual(sub.activeSeconds, 10 + 59, accuracy: 1e-9)
    }

    func testDoneScreenShowsStatsAndStillQuits() {
        var s = Fixture.state(item: nil)
        XCTAssertTrue(s.isDone)
        let text = s.text(80, 24)
        XCTAssertTrue(text.contains("Queue finished"))
        XCTAssertTrue(text.contains("judged 2 of 10"))
        XCTAssertEqual(s.press(.char("1")), [], "no item: choices do nothing")
        XCTAssertEqual(s.press(.char("u")), [.undoLast])
        XCTAssertEqual(s.press(.char("q")), [.quit])
    }
}
