import XCTest
@testable import PreferCore
@testable import PreferProject

final class ConfigTests: XCTestCase {
    func testTemplateParsesToTheDocumentedDefaults() throws {
        let c = try ConfigLoader.parse(ProjectTemplates.config(name: "demo \"quoted\""), file: "prefer.yaml")
        XCTAssertEqual(c.name, "demo \"quoted\"")
        XCTAssertEqual(c.scale.points, 7)
        XCTAssertTrue(c.allowBothBad)
        XCTAssertEqual(c.rubric.map(\.id), ["helpful", "harmless"])
        XCTAssertEqual(c.rubric[0].labels.count, 5)
        XCTAssertEqual(c.rubric[0].min, 1)
        XCTAssertEqual(c.rubric[0].max, 5)
        XCTAssertEqual(c.flags, ["unsafe", "refusal", "hallucination", "pii"])
        XCTAssertEqual(c.rationale, .weak)
        XCTAssertEqual(c.overlap, 3)
        XCTAssertEqual(c.goldRate, 0.05)
        XCTAssertEqual(c.seed, 42)
        XCTAssertEqual(c.guidelinesFile, "guidelines.md")
        XCTAssertEqual(c.database, "prefer.sqlite")
    }

    func testOtherScalesAndPolicies() throws {
        let c = try ConfigLoader.parse("name: x\nscale: 2\nboth_bad: false\nrationale: always\nrubric: []\nflags: []\n", file: "p.yaml")
        XCTAssertEqual(c.scale.points, 2)
        XCTAssertFalse(c.allowBothBad)
        XCTAssertEqual(c.rationale, .always)
        XCTAssertTrue(c.rubric.isEmpty)
        XCTAssertTrue(c.rationaleRequired(choice: 3, bothBad: false))
    }

    private func error(_ yaml: String) -> String {
        do {
            _ = try ConfigLoader.parse(yaml, file: "prefer.yaml")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testErrorsNameFileLineAndKey() {
        XCTAssertEqual(error("name: x\noverlap: three\n"), "prefer.yaml:2: key \"overlap\": expected a whole number, got \"three\"")
        XCTAssertEqual(error("name: x\nscale: 4\n"), "prefer.yaml:2: key \"scale\": expected 7, 5, 3 or 2 points, got 4")
        XCTAssertTrue(error("name: x\noverlapp: 3\n").hasPrefix("prefer.yaml:2: key \"overlapp\": unknown key"))
        XCTAssertEqual(error("name: x\ngold_rate: 1.5\n"), "prefer.yaml:2: key \"gold_rate\": expected a number from 0.0 to 1.0, got 1.5")
        XCTAssertEqual(error("name: x\nrationale: sometimes\n"),
                       "prefer.yaml:2: key \"rationale\": expected never, always or weak (ties and weak preferences), got \"sometimes\"")
        XCTAssertEqual(error("scale: 7\n"), "prefer.yaml: key \"name\": missing; every project needs a name")
        XCTAssertEqual(error("name: x\nrubric:\n  - id: a\n    scale: 5-1\n"),
                       "prefer.yaml:4: key \"rubric[0].scale\": expected a range like 1-5, got \"5-1\"")
        XCTAssertEqual(error("name: x\nrubric:\n  - id: a\n    labels: [one, two]\n"),
                       "prefer.yaml:3: key \"rubric[0].labels\": has 2 labels for a 1-5 scale (5 points)")
        XCTAssertEqual(error("name: x\nrubric:\n  - id: a\n  - id: a\n"), "prefer.yaml: key \"rubric\": criterion id \"a\" is used twice")
        XCTAssertTrue(error("name: x\n  bad: [indent\n").hasPrefix("prefer.yaml:"), error("name: x\n  bad: [indent\n"))
        XCTAssertTrue(error("name: x\n  bad: [indent\n").contains("invalid YAML"))
        let dup = error("name: x\noverlap: 2\nseed: 1\noverlap: 3\n")
        XCTAssertTrue(dup.hasPrefix("prefer.yaml:"), dup)
        XCTAssertTrue(dup.contains("\"overlap\" appears twice"), dup)
    }

    func testProjectIsFoundFromSubfoldersFlagAndEnvironment() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("prefer-proj-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let sub = root.appendingPathComponent("a/b")
        try fm.createDirectory(at: sub, withIntermediateDirectories: true)
        try ProjectTemplates.config(name: "found").write(to: root.appendingPathComponent("prefer.yaml"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try Project.locate(explicit: nil, environment: [:], cwd: sub.path).config.name, "found")
        XCTAssertEqual(try Project.locate(explicit: root.path, environment: [:], cwd: "/").config.name, "found")
        XCTAssertEqual(try Project.locate(explicit: nil, environment: ["PREFER_PROJECT": root.path], cwd: "/").config.name, "found")
        XCTAssertThrowsError(try Project.locate(explicit: nil, environment: [:], cwd: fm.temporaryDirectory.path))
        let p = try Project.locate(explicit: nil, environment: [:], cwd: sub.path)
        XCTAssertEqual(p.databasePath, root.standardizedFileURL.appendingPathComponent("prefer.sqlite").path)
    }

    func testAnnotatorIdentityPrecedence() {
        XCTAssertEqual(Project.annotatorName(flag: "cli", environment: ["PREFER_ANNOTATOR": "env", "USER": "os"]), "cli")
        XCTAssertEqual(Project.annotatorName(flag: nil, environment: ["PREFER_ANNOTATOR": "env", "USER": "os"]), "env")
        XCTAssertEqual(Project.annotatorName(flag: nil, environment: ["USER": "os"]), "os")
    }
}
