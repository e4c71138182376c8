import Foundation
import Canvas
let text = HostileCorpus.cases.last!.text
let plain = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ", count: 12_500)
func time(_ name: String, _ body: () -> Int) {
    let t0 = Date(); let n = body(); print(name, String(format: "%.1f ms", Date().timeIntervalSince(t0) * 1000), n)
}
for _ in 0..<2 {
    time("sanitize 1MB hostile") { Sanitizer.sanitize(text).count }
    time("layout 1MB hostile w80") { TextWrapper.layout(text, width: 80).count }
    time("layout 1MB plain w80") { TextWrapper.layout(plain, width: 80).count }
    time("layout 10k word") { TextWrapper.layout(String(repeating: "x", count: 10_000), width: 80).count }
}
