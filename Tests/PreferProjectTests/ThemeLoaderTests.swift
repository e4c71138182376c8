import Canvas
import XCTest
@testable import PreferProject

final class ThemeLoaderTests: XCTestCase {
    let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    func testEveryBundledThemeDecodes() throws {
        for name in ["default", "light", "high-contrast", "mono"] {
            let theme = try ThemeLoader.decode(path: themes.appendingPathComponent(name + ".yaml").path)
            XCTAssertEqual(theme.name, name)
            XCTAssertNotEqual(theme[.header], Style(), "\(name) gives the header no style")
        }
    }

    func testSelectionOrderAndNoColor() throws {
        let env = ["PREFER_THEMES_DIR": themes.path]
        XCTAssertEqual(try ThemeLoader.load(flag: "light", environment: env, configTheme: "default", projectRoot: nil).name, "light")
        XCTAssertEqual(try ThemeLoader.load(flag: nil, environment: env.merging(["PREFER_THEME": "high-contrast"]) { $1 },
                                            configTheme: "light", projectRoot: nil).name, "high-contrast")
        XCTAssertEqual(try ThemeLoader.load(flag: nil, environment: env, configTheme: "light", projectRoot: nil).name, "light")
        XCTAssertEqual(try ThemeLoader.load(flag: "light", environment: env.merging(["NO_COLOR": "1"]) { $1 },
                                            configTheme: nil, projectRoot: nil).name, "mono")
        XCTAssertThrowsError(try ThemeLoader.load(flag: "nope", environment: env, configTheme: nil, projectRoot: nil))
    }

    func testBadThemeFileNamesFileAndKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml")
        try "name: bad\nroles:\n  header: { fg: purpel }\n".write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ThemeLoader.decode(path: bad.path)) { e in
            XCTAssertTrue("\(e)".hasSuffix("bad.yaml: roles.header.fg: unknown colour \"purpel\""), "\(e)")
        }
        try "name: bad\nroles: [\n".write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ThemeLoader.decode(path: bad.path)) { e in
            XCTAssertTrue("\(e)".contains("bad.yaml:"), "\(e)")
            XCTAssertTrue("\(e)".contains("invalid YAML"), "\(e)")
        }
    }
}
