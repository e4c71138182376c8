import Foundation
import XCTest
@testable import PreferCore

/// Helpers for the import tests: temporary files and reading all rows.
enum ImportTestSupport {
    /// Repository root, from this file's path (Tests/PreferCoreTests/ImportTestSupport.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared real-data folder beside the repository (`../shared/data`).
    static let sharedData = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// The bundled fixtures folder.
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/PreferCoreTests/Fixtures/import")

    /// Writes bytes to a fresh temporary file with the given name and returns its path.
    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prefer-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes text to a fresh temporary file.
    static func write(_ text: String, name: String = "data.jsonl") throws -> String {
        try write(Array(text.utf8), name: name)
    }

    /// Gzip-compresses bytes with the system gzip tool's format (via zlib's gzwrite through a temp file).
    static func gzip(_ bytes: [UInt8], name: String) throws -> String {
        let path = try write([], name: name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let plain = path + ".plain"
        try Data(bytes).write(to: URL(fileURLWithPath: plain))
        process.arguments = ["-c", "gzip -c -n \"$0\" > \"$1\"", plain, path]
        try process.run()
        process.waitUntilExit()
        return path
    }

    /// Every row of a file, as items and row errors.
    static func readAll(_ path: String, options: ImportOptions = .init()) throws -> (items: [ImportedItem], errors: [ImportRowError], reader: ImportReader) {
        let reader = try ImportReader(path: path, options: options)
        var items: [ImportedItem] = [], errors: [ImportRowError] = []
        while let row = try reader.next() {
            switch row {
            case .success(let item): items.append(item)
            case .failure(let error): errors.append(error)
            }
        }
        return (items, errors, reader)
    }

    /// The single row error of a one-row file, failing the test otherwise.
    static func onlyError(_ text: String, name: String = "data.jsonl", options: ImportOptions = .init(),
                          file: StaticString = #filePath, line: UInt = #line) throws -> ImportRowError {
        let result = try readAll(try write(text, name: name), options: options)
        XCTAssertEqual(result.items.count, 0, "expected no items", file: file, line: line)
        let error = try XCTUnwrap(result.errors.first, "expected a row error", file: file, line: line)
        return error
    }

    /// The file error thrown while reading a file, failing the test when none is thrown.
    static func fileError(_ path: String, options: ImportOptions = .init(), file: StaticString = #filePath, line: UInt = #line) -> ImportFileError? {
        do {
            _ = try readAll(path, options: options)
            XCTFail("expected a file error", file: file, line: line)
            return nil
        } catch let e as ImportFileError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }
}
