import AssayFrame
import AssayRender

/// A Spark dataset: a plan on the cluster and its schema, known when the plan was made.
final class SparkTable: RemoteTable {
    let spark: SparkEngine
    let relation: SparkRelation
    let schema: Schema

    init(engine: SparkEngine, relation: SparkRelation, schema: Schema) {
        spark = engine
        self.relation = relation
        self.schema = schema
    }

    var engine: any Engine { spark }

    var caption: String {
        let c = schema.count
        return "Spark dataset, \(c) column\(c == 1 ? "" : "s") (rows not counted)"
    }

    /// The first `rows` rows: the plan runs for those rows only (one more, to know if there are more).
    func rendering(rows: Int) throws(EngineError) -> Rendering {
            let shown = try spark.fetch(relation.limit(rows + 1), schema: schema)
            let more = shown.rowCount > rows
            let head = more ? shown.head(rows) : shown
            var table = DatasetTable(head, maxRows: rows)
            let r = head.rowCount, c = schema.count
            table.note = more
                ? "first \(r) rows × \(c) column\(c == 1 ? "" : "s") of a Spark dataset (`.rows` counts them all)"
                : "\(r) row\(r == 1 ? "" : "s") × \(c) column\(c == 1 ? "" : "s") (Spark)"
            return table.rendering
    }
}

extension EngineError {
    /// The message as one line, for places that show a failure without raising it.
    var message: String {
        switch self {
        case .frame(let failure): failure.message
        case .rows(let failure): failure.message
        case .unsupported(let message, _): message
        case .remote(let message, let errorClass): (errorClass.map { "[\($0)] " } ?? "") + message
        case .unavailable(let address, let detail): "the server at \(address) does not answer (\(detail))"
        case .cancelled: "interrupted"
        }
    }
}
