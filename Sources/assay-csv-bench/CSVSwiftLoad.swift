import CSV
import Foundation

/// CSV.swift's reader into typed columns the way an application would use it: each column
/// numbers while every value parses as a Double, else dictionary-encoded strings.
func loadWithCSVSwift(path: String) throws -> (rows: Int, columns: Int, bytes: Int, strings: Int) {
    // CSV.swift's InputStream path fails to read on Linux (`cannotReadFile`), so it gets the
    // file as one String, as its string initializer expects.
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let reader = try CSVReader(string: text, hasHeaderRow: true)
    let names = reader.headerRow ?? []
    var numbers = [[Double]](repeating: [], count: names.count)
    var isText = [Bool](repeating: false, count: names.count)
    var codes = [[Int32]](repeating: [], count: names.count)
    var dictionaries = [[String: Int32]](repeating: [:], count: names.count)
    func encode(_ value: String, _ c: Int) -> Int32 {
        if value.isEmpty || value == "NA" { return -1 }
        if let code = dictionaries[c][value] { return code }
        let code = Int32(dictionaries[c].count)
        dictionaries[c][value] = code
        return code
    }
    var rows = 0
    while let row = reader.next() {
        for c in 0..<min(row.count, names.count) {
            let field = row[c]
            if !isText[c] {
                if field.isEmpty || field == "NA" {
                    numbers[c].append(.nan)
                    continue
                }
                if let value = Double(field) {
                    numbers[c].append(value)
                    continue
                }
                isText[c] = true
                codes[c] = numbers[c].map { $0.isNaN ? -1 : encode(String($0), c) }
                numbers[c] = []
            }
            codes[c].append(encode(field, c))
        }
        rows += 1
    }
    if let error = reader.error { throw error }
    var bytes = 0
    for c in 0..<names.count {
        bytes += isText[c] ? codes[c].count * 4 + dictionaries[c].keys.reduce(0) { $0 + 16 + $1.utf8.count } : numbers[c].count * 8
    }
    return (rows, names.count, bytes, isText.filter { $0 }.count)
}
