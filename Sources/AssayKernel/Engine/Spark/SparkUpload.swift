import ArrowIPC
import AssayFrame

import Foundation
import SparkConnect

/// `upload`: a local dataset sent to the cluster as Arrow, in chunks of bounded size. Each chunk
/// becomes a temporary view of the Spark session, so later plans name the views instead of
/// carrying the rows again with every query.
struct SparkUpload {
    let engine: SparkEngine

    func send(_ data: Dataset) throws(EngineError) -> TableRef {
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let ddl = SparkSchema.ddl(data.schema)
        let size = max(1, SparkEngine.uploadChunkRows)
        let starts = Array(stride(from: 0, to: max(data.rowCount, 1), by: size))
        var views: [SparkRelation] = []
        for (index, start) in starts.enumerated() {
            if engine.cell.cancellation.isCancelled { throw .cancelled }
            let rows = start..<min(start + size, data.rowCount)
            let bytes: [UInt8]
            do { bytes = try ArrowStreamWriter().stream(data, rows: rows) } catch {
                throw .unsupported("the dataset could not be written as Arrow: \(error)", help: nil)
            }
            let name = "assay_upload_\(id)_\(index)"
            try engine.run(.with {
                $0.createDataframeView = .with {
                    $0.input = .local(arrow: bytes, schema: ddl)
                    $0.name = name
                    $0.isGlobal = false
                    $0.replace = true
                }
            })
            views.append(.table(name))
        }
        let relation = views.dropFirst().reduce(views[0]) { $0.union($1) }
        return engine.table(relation, schema: data.schema)
    }
}
