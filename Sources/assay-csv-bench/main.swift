// Loads one CSV file with one engine and prints a JSON line: seconds, shape, bytes of the
// loaded columns and peak resident memory. bench/csv_load.py runs it once per engine and file,
// each in its own process, so each peak is that engine's own (taken after the first round).
//
//     assay-csv-bench assay|csvswift FILE [REPEATS]
import AssayFrame

#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// A line of /proc/self/status in MiB (VmHWM is the peak resident set, VmRSS the current one).
func memoryMiB(_ key: String) -> Double {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix(key + ":") {
            let digits = text.filter(\.isNumber)
            return (Double(digits) ?? 0) / 1024
        }
    }
    return 0
}

/// Bytes held by a dataset's columns (values, codes and dictionary text).
func columnBytes(_ dataset: Dataset) -> Int {
    dataset.columns.reduce(0) { total, column in
        switch column.values {
        case .number(let v): total + v.count * 8
        case .bool(let v): total + v.count
        case .string(let s): total + s.codes.count * 4 + s.dictionary.reduce(0) { $0 + 16 + $1.utf8.count }
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: assay-csv-bench assay|csvswift FILE [REPEATS]")
    exit(2)
}
let engine = arguments[1]
let path = arguments[2]
let repeats = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
let baseline = memoryMiB("VmRSS")
var best = Double.infinity
var shape = (rows: 0, columns: 0, bytes: 0, strings: 0)
var firstPeak = 0.0
for round in 0..<repeats {
    defer { if round == 0 { firstPeak = memoryMiB("VmHWM") } }
    let start = now()
    switch engine {
    case "assay":
        do {
            let d = try CSVReader.read(path: path)
            best = min(best, now() - start)
            shape = (d.rowCount, d.columnCount, columnBytes(d), d.columns.filter { $0.type == .string }.count)
        } catch {
            print("error: \(error)")
            exit(1)
        }
    case "csvswift":
        do {
            let loaded = try loadWithCSVSwift(path: path)
            best = min(best, now() - start)
            shape = loaded
        } catch {
            print("error: \(error)")
            exit(1)
        }
    default:
        print("unknown engine \(engine)")
        exit(2)
    }
}
print(
    """
    {"engine": "\(engine)", "seconds": \(best), "rows": \(shape.rows), "columns": \(shape.columns), \
    "string_columns": \(shape.strings), "column_mb": \(Double(shape.bytes) / 1_048_576), \
    "peak_mb": \(firstPeak), "baseline_mb": \(baseline)}
    """)
