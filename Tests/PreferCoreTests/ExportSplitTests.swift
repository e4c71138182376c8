import XCTest
@testable import PreferCore

final class ExportSplitTests: XCTestCase {
    func testParseNamesAndFractions() throws {
        let spec = try SplitSpec.parse(" train = 0.8, valid=0.1 ,test=0.1")
        XCTAssertEqual(spec.parts.map(\.name), ["train", "valid", "test"])
        XCTAssertEqual(spec.parts.map(\.fraction), [0.8, 0.1, 0.1])
        XCTAssertEqual(try SplitSpec.parse("all=1").parts.map(\.name), ["all"])
    }

    func testParseErrorsSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("", "empty"),
            ("train=0.9", "add up to 0.9"),
            ("train=0.7,test=0.2", "add up to"),
            ("train=0.5,train=0.5", "named twice"),
            ("train", "not name=fraction"),
            ("train=abc,test=1", "\"abc\""),
            ("train=0,test=1", "above 0"),
            ("train=1.5,test=-0.5", "at most 1"),
            ("train=nan,test=1", "\"nan\""),
            ("a=0.5,,b=0.5", "entry is empty"),
            ("tr/ain=0.5,b=0.5", "file name"),
            ("=1", "file name"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try SplitSpec.parse(text), text) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(text): \(error)")
                XCTAssertTrue("\(error)".hasPrefix("invalid --split"), "\(error)")
            }
        }
    }

    func testAssignmentIsDeterministicAndKeepsAPromptInOneSplit() throws {
        let spec = try SplitSpec.parse("train=0.5,valid=0.25,test=0.25")
        let again = try SplitSpec.parse("train=0.5,valid=0.25,test=0.25")
        // 300 items over 100 prompts: items sharing a prompt must share the split.
        var splitOfPrompt: [String: Set<String>] = [:]
        for item in 0..<300 {
            let prompt = [Message(role: "user", content: "prompt \(item % 100)")]
            let key = SplitSpec.promptKey(prompt)
            let split = spec.split(for: prompt, seed: 42)
            XCTAssertEqual(again.split(forPromptKey: key, seed: 42), split)
            splitOfPrompt[key, default: []].insert(split)
        }
        XCTAssertEqual(splitOfPrompt.count, 100)
        XCTAssertTrue(splitOfPrompt.values.allSatisfy { $0.count == 1 })
        XCTAssertEqual(Set(splitOfPrompt.values.flatMap { $0 }), ["train", "valid", "test"])
    }

    func testTheSeedChangesTheAssignment() throws {
        let spec = try SplitSpec.parse("train=0.5,test=0.5")
        let keys = (0..<200).map { SplitSpec.promptKey([Message(role: "user", content: "p\($0)")]) }
        let a = keys.map { spec.split(forPromptKey: $0, seed: 1) }
        let b = keys.map { spec.split(forPromptKey: $0, seed: 2) }
        XCTAssertNotEqual(a, b)
    }

    func testFractionsAreRespectedOverManyPrompts() throws {
        let spec = try SplitSpec.parse("train=0.9,test=0.1")
        let n = 10_000
        var train = 0
        for i in 0..<n {
            let key = SplitSpec.promptKey([Message(role: "user", content: "question \(i)")])
            let u = SplitSpec.unitValue(promptKey: key, seed: 7)
            XCTAssertTrue(u >= 0 && u < 1)
            if spec.split(forPromptKey: key, seed: 7) == "train" { train += 1 }
        }
        // Binomial sd = sqrt(n * 0.9 * 0.1) = 30; ±200 is over six sd.
        XCTAssertEqual(Double(train), 9000, accuracy: 200)
    }

    func testPromptKeyIsTheHashOfTheCanonicalPromptJSON() {
        let prompt = [Message(role: "user", content: "Hi")]
        XCTAssertEqual(SplitSpec.promptKey(prompt), SHA256.hex(of: "[{\"content\":\"Hi\",\"role\":\"user\"}]"))
    }

    func testSplitFileNames() {
        XCTAssertEqual(SplitSpec.path(for: "out.jsonl", split: "train"), "out.train.jsonl")
        XCTAssertEqual(SplitSpec.path(for: "data/v1.2/out.jsonl", split: "test"), "data/v1.2/out.test.jsonl")
        XCTAssertEqual(SplitSpec.path(for: "/tmp/out", split: "train"), "/tmp/out.train.jsonl")
        XCTAssertEqual(SplitSpec.path(for: "dir.d/out", split: "train"), "dir.d/out.train.jsonl")
        XCTAssertEqual(SplitSpec.path(for: ".hidden", split: "train"), ".hidden.train.jsonl")
    }
}
