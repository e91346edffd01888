import AssayFrame
import SparkConnect

/// Spark's column types as Assay's three, and the projection that makes a table hold only those.
///
/// Integers stay integers (numbers to Assay), decimals and floats become doubles, NaN becomes
/// null (Assay has one kind of missing number), dates and timestamps become ISO strings, and types Assay has no values for
/// (binary, arrays, maps, structs, intervals) become their string form, so a loaded table always
/// has the schema its checks and displays assume.
enum SparkSchema {
    struct Column {
        let name: String
        let type: ColumnType
        /// The expression that gives the column its Assay type; nil when it has it already.
        let conversion: SparkExpression?
    }

    static func columns(of type: Spark_Connect_DataType) -> [Column] {
        guard case .struct(let structure)? = type.kind else { return [] }
        return structure.fields.map { field in
            let column = SparkExpression.column(field.name)
            switch field.dataType.kind {
            case .boolean?:
                return Column(name: field.name, type: .bool, conversion: nil)
            case .string?:
                return Column(name: field.name, type: .string, conversion: nil)
            case .double?:
                return Column(name: field.name, type: .number, conversion: .nanAsMissing(column))
            case .float?:
                return Column(name: field.name, type: .number, conversion: .nanAsMissing(column.cast(to: "double")))
            case .byte?, .short?, .integer?, .long?:
                // Integers stay integers on the cluster (grouping and joining on them is faster
                // there); every operation that could differ gives a double (`/`, `^`, `mean`),
                // and they arrive in the kernel as numbers.
                return Column(name: field.name, type: .number, conversion: nil)
            case .decimal?, .null?:
                return Column(name: field.name, type: .number, conversion: column.cast(to: "double"))
            default:
                return Column(name: field.name, type: .string, conversion: column.cast(to: "string"))
            }
        }
    }

    static func schema(_ columns: [Column]) -> Schema {
        Schema(columns.map { Schema.Field($0.name, $0.type) })
    }

    /// `relation` with every column in its Assay type (the relation itself when it is already).
    static func normalized(_ relation: SparkRelation, _ columns: [Column]) -> SparkRelation {
        let conversions = columns.compactMap { column in column.conversion.map { (column.name, $0) } }
        return conversions.isEmpty ? relation : relation.withColumns(conversions)
    }

    /// A Spark type in DDL, for reading a file with a schema; types Assay reads as strings stay strings.
    static func ddlType(_ type: Spark_Connect_DataType) -> String {
        switch type.kind {
        case .boolean?: "BOOLEAN"
        case .byte?: "TINYINT"
        case .short?: "SMALLINT"
        case .integer?: "INT"
        case .long?: "BIGINT"
        case .float?: "FLOAT"
        case .double?: "DOUBLE"
        case .decimal(let decimal)?: "DECIMAL(\(decimal.precision), \(decimal.scale))"
        case .date?: "DATE"
        case .timestamp?: "TIMESTAMP"
        default: "STRING"
        }
    }

    /// The DDL Spark reads a local relation's schema from: "`a` DOUBLE, `b` STRING".
    static func ddl(_ schema: Schema) -> String {
        schema.fields.map { field in
            let type = switch field.type {
            case .number: "DOUBLE"
            case .string: "STRING"
            case .bool: "BOOLEAN"
            }
            return "\(SparkExpression.quoted(field.name)) \(type)"
        }.joined(separator: ", ")
    }
}
