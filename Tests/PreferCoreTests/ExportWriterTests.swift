import Foundation
import XCTest
@testable import PreferCore

final class ExportWriterTests: XCTestCase {
    typealias F = ExportFixtures
    private var folder: URL!

    override func setUpWithError() throws { folder = try F.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func testSplitExportKeepsEachPromptInOneFileAndReportsEachFile() throws {
        let target = folder.appendingPathComponent("out.jsonl").path
        let writer = try ExportWriter(options: ExportOptions(format: .trl), target: target,
                                      splits: try SplitSpec.parse("train=0.5,test=0.5"), seed: 3)
        for item in 0..<60 {
            try writer.add(F.pair(id: Int64(item), prompt: [F.user("prompt \(item % 20)")], chosen: "good \(item)", rejected: "bad \(item)"))
        }
        try writer.add(F.pair(id: 99, chosen: "same", rejected: "same"))
        let files = try writer.commit()
        XCTAssertEqual(try contents(), ["out.test.jsonl", "out.train.jsonl"])
        XCTAssertEqual(files.map(\.split), ["train", "test"])
        XCTAssertEqual(files.map(\.path), [folder.appendingPathComponent("out.train.jsonl").path, folder.appendingPathComponent("out.test.jsonl").path])
        var fileOfPrompt: [String: Set<String>] = [:]
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
            XCTAssertEqual(file.sha256, SHA256.hex(of: data))
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            XCTAssertEqual(lines.count, file.rows)
            for line in lines {
                let row = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                fileOfPrompt[try XCTUnwrap(row["prompt"] as? String), default: []].insert(file.path)
            }
        }
        XCTAssertEqual(fileOfPrompt.count, 20)
        XCTAssertTrue(fileOfPrompt.values.allSatisfy { $0.count == 1 })
        XCTAssertEqual(files.map(\.rows).reduce(0, +), 60)
        XCTAssertEqual(writer.counts.manifestCounts.exported, 60)
        XCTAssertEqual(writer.counts.dropped[.chosenEqualsRejected], 1)
    }

    func testATemplateErrorThenAbortLeavesTheFolderEmpty() throws {
        let target = folder.appendingPathComponent("out.jsonl").path
        let writer = try ExportWriter(options: ExportOptions(format: .trl), target: target, bufferCapacity: 16)
        try writer.add(F.pair(id: 1))
        XCTAssertThrowsError(try writer.add(F.pair(id: 2, prompt: [F.user("a"), F.assistant("b"), F.user("c")])))
        writer.abort()
        XCTAssertEqual(try contents(), [])
    }

    func testSingleFileExport() throws {
        let target = folder.appendingPathComponent("pairs.jsonl").path
        let writer = try ExportWriter(options: ExportOptions(format: .kto), target: target)
        try writer.add(F.pair(id: 1))
        let files = try writer.commit()
        XCTAssertEqual(files.count, 1)
        XCTAssertEqual(files[0].path, target)
        XCTAssertNil(files[0].split)
        XCTAssertEqual(files[0].rows, 2)
        XCTAssertEqual(try contents(), ["pairs.jsonl"])
    }
}
