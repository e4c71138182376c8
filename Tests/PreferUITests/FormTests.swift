import XCTest
import Canvas
import PreferCore
@testable import PreferUI

/// Rubric scores, flags, confidence and the required-field flow.
final class FormTests: XCTestCase {
    func testRequiredFieldsFlowChoiceThenMissingThenEnter() throws {
        var s = Fixture.state(Fixture.config(rubric: Fixture.rubric, rationale: .always))
        // The choice is recorded but not submitted: "helpful" is required.
        XCTAssertEqual(s.press(.char("3")), [])
        XCTAssertEqual(s.choice, -1)
        XCTAssertEqual(s.focus, .form)
        XCTAssertEqual(s.selectedField, .score(0, .left))
        XCTAssertTrue(s.status?.message.contains("helpful (A), helpful (B), rationale") == true)
        s.press(.char("4"), .char("j"), .char("5"))
        XCTAssertEqual(s.press(.enter), [], "rationale still missing")
        XCTAssertEqual(s.focus, .rationale)
        s.type("B is vaguer")
        let sub = try XCTUnwrap(submitted(s.press(.enter)))
        XCTAssertEqual(sub.choice, -1)
        XCTAssertEqual(sub.scores, ["helpful": SidePair(left: 4, right: 5)])
        XCTAssertEqual(sub.rationale, "B is vaguer")
    }

    func testWeakRationalePolicyAsksOnlyForTiesAndSlightPreferences() throws {
        var strong = Fixture.state(Fixture.config(rationale: .weak))
        XCTAssertNotNil(submitted(strong.press(.char("1"))), "A much better: no rationale needed")
        var tie = Fixture.state(Fixture.config(rationale: .weak))
        XCTAssertEqual(tie.press(.char("4")), [])
        XCTAssertEqual(tie.focus, .rationale)
    }

    func testScoresByDigitsAndArrows() {
        var s = Fixture.state(Fixture.config(rubric: Fixture.rubric))
        s.press(.tab, .tab)   // A -> B -> form
        XCTAssertEqual(s.context, .form)
        s.press(.char("4"))
        XCTAssertEqual(s.leftScores["helpful"], 4)
        s.press(.char("j"), .char("l"))
        XCTAssertEqual(s.rightScores["helpful"], 1, "from empty, increase starts at the minimum")
        s.press(.right, .right)
        XCTAssertEqual(s.rightScores["helpful"], 3)
        s.press(.char("h"))
        XCTAssertEqual(s.rightScores["helpful"], 2)
        s.press(.char("9"))
        XCTAssertEqual(s.rightScores["helpful"], 2, "out of range is refused")
        XCTAssertEqual(s.status?.isError, true)
        s.press(.backspace)
        XCTAssertNil(s.rightScores["helpful"])
        // The second criterion has 1-3: arrows stop at the maximum.
        s.press(.down, .char("l"), .char("l"), .char("l"), .char("l"))
        XCTAssertEqual(s.leftScores["correct"], 3)
        XCTAssertTrue(s.text().contains("A [4 good]"), "labels shown next to the score")
    }

    func testFlagsToggleAndAreSubmittedInConfigOrder() throws {
        var s = Fixture.state()
        s.press(.tab, .tab)          // form; no rubric, so the first field is the first flag
        XCTAssertEqual(s.selectedField, .flag(0))
        s.press(.char("j"), .char(" "), .char("k"), .char(" "))
        XCTAssertEqual(s.flagsOn, ["unsafe", "refusal"])
        s.press(.char(" "))
        XCTAssertEqual(s.flagsOn, ["refusal"])
        s.press(.char(" "))
        XCTAssertTrue(s.text().contains("[x] unsafe"))
        s.press(.esc)                // back to the panes
        let sub = try XCTUnwrap(submitted(s.press(.char("5"))))
        XCTAssertEqual(sub.flags, ["unsafe", "refusal"])
    }

    func testConfidenceKeyAndRange() throws {
        var s = Fixture.state()
        s.press(.char("c"))
        XCTAssertEqual(s.selectedField, .confidence)
        s.press(.char("6"))
        XCTAssertNil(s.confidence)
        s.press(.char("4"))
        XCTAssertEqual(s.confidence, 4)
        XCTAssertTrue(s.text().contains("Confidence: [4]"))
        let sub = try XCTUnwrap(submitted(s.press(.char("x"))))
        XCTAssertEqual(sub.confidence, 4)
    }

    func testOptionalCriterionScoredOnOneSideIsNotSubmitted() throws {
        var s = Fixture.state(Fixture.config(rubric: [Criterion(id: "style", question: "Style", min: 1, max: 5)]))
        s.press(.tab, .tab, .char("2"), .esc)
        let sub = try XCTUnwrap(submitted(s.press(.char("1"))))
        XCTAssertEqual(sub.scores, [:], "a score pair needs both sides")
    }
}
