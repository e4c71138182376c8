import Foundation
import XCTest
@testable import PreferCore

final class ExportManifestTests: XCTestCase {
    private func sample(snapshot: String? = nil, agreement: [String: JSONValue]? = nil) -> ExportManifest {
        var counts = ExportCounts()
        counts.record(.rows([Array("{}".utf8)]))
        counts.record(.dropped(.bothBad))
        return ExportManifest(
            commandLine: ["prefer", "export", "--format", "trl", "-o", "out.jsonl"], createdAt: "2026-11-28T12:00:00Z",
            snapshot: snapshot, datasetVersion: "abc123",
            sourceBatches: [.init(file: "batch1.jsonl", sha256: "f00", importedAt: "2026-11-27T09:00:00Z")],
            guidelineVersions: [.init(id: 1, sha256: "g1")], rubricVersions: [],
            annotators: [.init(name: "alice", judgments: 10), .init(name: "bob", judgments: 8)],
            consensus: .init(method: "majority", minAgreement: 0.6), options: .init(ExportOptions(format: .trl)),
            counts: counts.manifestCounts, agreement: agreement,
            files: [.init(path: "out.jsonl", split: nil, rows: 1, sha256: "aa")])
    }

    private func object(_ manifest: ExportManifest) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: try manifest.encoded()) as? [String: Any])
    }

    func testTopLevelKeysAreSnakeCaseAndAlwaysPresent() throws {
        let json = try object(sample())
        XCTAssertEqual(Set(json.keys), ["prefer_version", "command_line", "created_at", "snapshot", "dataset_version",
                                        "source_batches", "guideline_versions", "rubric_versions", "annotators", "consensus",
                                        "options", "counts", "agreement", "files"])
        XCTAssertTrue(json["snapshot"] is NSNull)
        XCTAssertTrue(json["agreement"] is NSNull)
        XCTAssertEqual(json["prefer_version"] as? String, preferVersion)
        XCTAssertEqual(json["command_line"] as? [String], ["prefer", "export", "--format", "trl", "-o", "out.jsonl"])
    }

    func testNestedKeys() throws {
        let json = try object(sample(snapshot: "v1", agreement: ["krippendorff_alpha": .number(0.71)]))
        XCTAssertEqual(json["snapshot"] as? String, "v1")
        XCTAssertEqual((json["agreement"] as? [String: Any])?["krippendorff_alpha"] as? Double, 0.71)
        let batch = try XCTUnwrap((json["source_batches"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(batch.keys), ["file", "sha256", "imported_at"])
        let guideline = try XCTUnwrap((json["guideline_versions"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(guideline.keys), ["id", "sha256"])
        let annotator = try XCTUnwrap((json["annotators"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(annotator.keys), ["name", "judgments"])
        let consensus = try XCTUnwrap(json["consensus"] as? [String: Any])
        XCTAssertEqual(Set(consensus.keys), ["method", "min_agreement", "min_judgments", "min_strength", "use_adjudications"])
        XCTAssertEqual(consensus["min_agreement"] as? Double, 0.6)
        XCTAssertTrue(consensus["min_judgments"] is NSNull)
        let options = try XCTUnwrap(json["options"] as? [String: Any])
        XCTAssertEqual(Set(options.keys), ["format", "prompt_template", "conversational", "with_metadata", "keep_both_bad",
                                           "split", "split_seed"])
        let counts = try XCTUnwrap(json["counts"] as? [String: Any])
        XCTAssertEqual(counts["exported"] as? Int, 1)
        XCTAssertEqual((counts["dropped"] as? [String: Int])?["both_bad"], 1)
        let file = try XCTUnwrap((json["files"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(file.keys), ["path", "split", "rows", "sha256"])
        XCTAssertTrue(file["split"] is NSNull)
    }

    func testEncodingIsDeterministicSortedAndRoundTrips() throws {
        let manifest = sample(agreement: ["b": .number(1), "a": .string("x")])
        let data = try manifest.encoded()
        XCTAssertEqual(try sample(agreement: ["a": .string("x"), "b": .number(1)]).encoded(), data)
        XCTAssertEqual(try ExportManifest.decode(data), manifest)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("}\n"))
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.dropFirst(3).prefix { $0 != "\"" } }
        XCTAssertEqual(topKeys, topKeys.sorted())
        XCTAssertEqual(topKeys.count, 14)
    }

    func testTimestampIsUTCISO8601() {
        XCTAssertEqual(ExportManifest.timestamp(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00Z")
    }
}

final class ExportDatasetHasherTests: XCTestCase {
    private let items = [HashedItem(id: 1, contentHash: "h1"), HashedItem(id: 2, contentHash: "h2")]
    private let judgments = [HashedJudgment(id: 10, itemID: 1, annotator: "alice", choice: -2, bothBad: false),
                             HashedJudgment(id: 11, itemID: 2, annotator: "bob \"b\"", choice: 0, bothBad: true)]
    private let adjudications = [HashedAdjudication(id: 3, itemID: 2, label: "A")]

    private func hash(items: [HashedItem], judgments: [HashedJudgment], adjudications: [HashedAdjudication], interleave: Bool) throws -> String {
        var h = DatasetHasher()
        if interleave {
            try h.add(judgments[0]); try h.add(items[0]); try h.add(adjudications[0]); try h.add(items[1]); try h.add(judgments[1])
        } else {
            for r in items { try h.add(r) }
            for r in judgments { try h.add(r) }
            for r in adjudications { try h.add(r) }
        }
        return h.finalizeHex()
    }

    func testTheDocumentedLineEncodingGivesTheVersion() throws {
        // Recomputed here from the format documented on DatasetHasher.
        let itemsDigest = SHA256.hex(of: "[\"item\",1,\"h1\"]\n[\"item\",2,\"h2\"]\n")
        let judgmentsDigest = SHA256.hex(of: "[\"judgment\",10,1,\"alice\",-2,false]\n[\"judgment\",11,2,\"bob \\\"b\\\"\",0,true]\n")
        let adjudicationsDigest = SHA256.hex(of: "[\"adjudication\",3,2,\"A\"]\n")
        let expected = SHA256.hex(of: "prefer-dataset-v1\n\(itemsDigest)\n\(judgmentsDigest)\n\(adjudicationsDigest)\n")
        XCTAssertEqual(try hash(items: items, judgments: judgments, adjudications: adjudications, interleave: false), expected)
    }

    func testInterleavingKindsDoesNotChangeTheVersion() throws {
        XCTAssertEqual(try hash(items: items, judgments: judgments, adjudications: adjudications, interleave: true),
                       try hash(items: items, judgments: judgments, adjudications: adjudications, interleave: false))
    }

    func testAnyChangedFieldChangesTheVersion() throws {
        let base = try hash(items: items, judgments: judgments, adjudications: adjudications, interleave: false)
        var j = judgments; j[0].choice = -1
        XCTAssertNotEqual(try hash(items: items, judgments: j, adjudications: adjudications, interleave: false), base)
        var b = judgments; b[0].bothBad = true
        XCTAssertNotEqual(try hash(items: items, judgments: b, adjudications: adjudications, interleave: false), base)
        var i = items; i[1].contentHash = "h3"
        XCTAssertNotEqual(try hash(items: i, judgments: judgments, adjudications: adjudications, interleave: false), base)
        var a = adjudications; a[0].label = "B"
        XCTAssertNotEqual(try hash(items: items, judgments: judgments, adjudications: a, interleave: false), base)
    }

    func testOutOfOrderIdsAreRefused() throws {
        var h = DatasetHasher()
        try h.add(HashedItem(id: 5, contentHash: "x"))
        XCTAssertThrowsError(try h.add(HashedItem(id: 5, contentHash: "x")))
        XCTAssertThrowsError(try h.add(HashedItem(id: 4, contentHash: "x"))) { XCTAssertTrue("\($0)".contains("item 4 came after item 5")) }
        try h.add(HashedJudgment(id: 1, itemID: 5, annotator: "a", choice: 1, bothBad: false))
    }
}

final class ExportMarginTests: XCTestCase {
    func testMarginIsMeanSignedStrengthOverMaxStrength() {
        XCTAssertEqual(Margin.from(strengths: [3, 3, 3], maxStrength: 3), 1)
        XCTAssertEqual(Margin.from(strengths: [2, 1, 0], maxStrength: 3), 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(Margin.from(strengths: [2, -1], maxStrength: 2), 0.25)
        XCTAssertEqual(Margin.from(strengths: [1, 1, -1], maxStrength: 1), 1.0 / 3.0, accuracy: 1e-12)  // forced choice
        XCTAssertEqual(Margin.from(strengths: [1, -1], maxStrength: 3), 0)
    }

    func testDegenerateInputsGiveZeroOrClamp() {
        XCTAssertEqual(Margin.from(strengths: [], maxStrength: 3), 0)
        XCTAssertEqual(Margin.from(strengths: [2], maxStrength: 0), 0)
        XCTAssertEqual(Margin.from(strengths: [9], maxStrength: 3), 1)
    }
}
