// Times Arrow IPC stream decoding for bench/arrow_decode.py. Prints one JSON object.
//
//   assay-arrow-bench decode FILE REPEATS
//       Reads FILE (an Arrow IPC stream) into memory once, then decodes it into a dataset
//       REPEATS times; prints the seconds of each decode, their median, rows and columns.
//   assay-arrow-bench rewrite FILE OUT
//       Decodes FILE and writes the dataset to OUT with ArrowStreamWriter (for the script to
//       check that pyarrow reads back what Assay read); prints the seconds of the write.
import ArrowIPC
import AssayFrame
import Dispatch
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func read(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](data)
}

let arguments = CommandLine.arguments
let usage = "usage: assay-arrow-bench decode FILE REPEATS | rewrite FILE OUT"
guard arguments.count == 4 else { fail(usage) }
do throws(ArrowError) {
    switch arguments[1] {
    case "decode":
        guard let repeats = Int(arguments[3]), repeats > 0 else { fail(usage) }
        let bytes = read(arguments[2])
        var times: [Double] = []
        var shape = (rows: 0, columns: 0)
        for _ in 0..<repeats {
            let start = DispatchTime.now()
            let dataset = try ArrowIPC.dataset(from: bytes)
            times.append(seconds(since: start))
            shape = (dataset.rowCount, dataset.columnCount)
        }
        let median = times.sorted()[times.count / 2]
        print("{\"seconds\": \(times), \"median\": \(median), \"rows\": \(shape.rows), \"columns\": \(shape.columns), \"bytes\": \(bytes.count)}")
    case "rewrite":
        let dataset = try ArrowIPC.dataset(from: read(arguments[2]))
        let start = DispatchTime.now()
        let bytes = try ArrowStreamWriter().stream(dataset)
        let elapsed = seconds(since: start)
        guard FileManager.default.createFile(atPath: arguments[3], contents: Data(bytes)) else { fail("cannot write \(arguments[3])") }
        print("{\"seconds\": \(elapsed), \"bytes\": \(bytes.count)}")
    default:
        fail(usage)
    }
} catch {
    fail(error.description)
}
