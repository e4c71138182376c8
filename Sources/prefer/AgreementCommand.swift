import ArgumentParser
import Foundation
import PreferCore

/// `prefer agreement`: inter-annotator agreement coefficients of a ratings file (CSV or JSONL).
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-annotator agreement: percent agreement, Krippendorff's alpha, Fleiss' kappa, "
            + "Gwet's AC1/AC2 and Cohen's kappa per annotator pair.",
        discussion: """
            --ratings reads long-format ratings: CSV with a header naming columns item, annotator and value \
            (any order, other columns ignored), or JSONL objects with those keys. Rows with an empty value are \
            skipped. Nominal values may be any text; the other levels need numbers (ratio: >= 0).
            """)

    @Option(name: .long, help: "Ratings file (CSV or JSONL) with columns item, annotator, value.")
    var ratings: String?

    @Option(name: .long, help: "Measurement level: nominal, ordinal, interval or ratio.")
    var level: String = "nominal"

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: String = "table"

    @Option(name: .long, help: "Minimum shared items for a Cohen's kappa pair.")
    var minShared: Int = 10

    @Option(name: .long, help: "Bootstrap replicates for alpha and Fleiss' kappa intervals (0: none).")
    var bootstrap: Int = 0

    @Option(name: .long, help: "Seed of the bootstrap resampling.")
    var seed: UInt64 = 1

    func validate() throws {
        guard MeasurementLevel(rawValue: level) != nil else {
            throw ValidationError("--level must be nominal, ordinal, interval or ratio (got '\(level)')")
        }
        guard ["table", "json", "csv"].contains(format) else {
            throw ValidationError("--format must be table, json or csv (got '\(format)')")
        }
        guard minShared >= 1 else { throw ValidationError("--min-shared must be at least 1") }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap must be 0 or more") }
        guard ratings != nil else {
            throw ValidationError("--ratings FILE is required (agreement from the project database is not available yet)")
        }
    }

    func run() throws {
        guard let path = ratings, let level = MeasurementLevel(rawValue: level) else { return }
        let (table, _) = try RatingTable.load(path: path, level: level)
        let report = AgreementReport.compute(table, level: level, minShared: minShared, bootstrap: bootstrap, seed: seed)
        switch format {
        case "json":
            FileHandle.standardOutput.write(report.jsonData())
            FileHandle.standardOutput.write(Data("\n".utf8))
        case "csv":
            print(report.csv(), terminator: "")
        default:
            print(report.table(), terminator: "")
        }
    }
}
