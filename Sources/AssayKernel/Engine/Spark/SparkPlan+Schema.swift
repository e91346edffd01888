import AssayFrame

extension SparkPlan {
    /// The schema after an operation, worked out in the kernel as the embedded engine would, so
    /// checks (unknown columns, types) fail before anything runs and no round trip is needed.
    static func schema(after operation: DataOperation, on schema: Schema, other: Schema?) throws(EngineError) -> Schema {
        switch operation {
        case .filter(let predicate):
            do { try predicate.checkCondition(in: schema) } catch { throw .rows(error) }
            return schema
        case .derive(let definitions):
            var result = schema
            for definition in definitions {
                let type = try checked(definition.expression, result)
                result = result.adding(definition.name, type.columnType)
            }
            return result
        case .select(let columns):
            return Schema(try columns.map { (name) throws(EngineError) in try field(name, schema) })
        case .drop(let columns):
            for name in columns { _ = try field(name, schema) }
            return Schema(schema.fields.filter { !columns.contains($0.name) })
        case .rename(let pairs):
            var fields = schema.fields
            for (old, new) in pairs {
                guard let position = fields.firstIndex(where: { $0.name == old }) else { throw unknown(old, schema) }
                fields[position].name = new
            }
            return Schema(fields)
        case .sort, .head, .tail, .sampleFraction, .sampleCount, .dropMissing, .distinct:
            return schema
        case .group(let keys, let aggregations):
            var fields = try keys.map { (name) throws(EngineError) in try field(name, schema) }
            for aggregation in aggregations {
                let input = try aggregation.column.map { (name) throws(EngineError) in try field(name, schema) }
                switch aggregation.function {
                case .min, .max, .first, .last: fields.append(.init(aggregation.name, input?.type ?? .number))
                default: fields.append(.init(aggregation.name, .number))
                }
            }
            return Schema(fields)
        case .join(_, let keys, _):
            guard let other else { return schema }
            for key in keys {
                let left = try field(key, schema), right = try field(key, other)
                guard left.type == right.type else {
                    throw .frame(FrameError(
                        "key `\(key)` holds \(left.type.rawValue)s on the left and \(right.type.rawValue)s on the right",
                        help: "join on columns of the same type"))
                }
            }
            let taken = Set(schema.names)
            let right = other.fields.filter { !keys.contains($0.name) }.map { field in
                taken.contains(field.name) ? Schema.Field(field.name + "_right", field.type) : field
            }
            return Schema(schema.fields + right)
        }
    }

    private static func checked(_ expression: RowExpression, _ schema: Schema) throws(EngineError) -> RowValueType {
        do { return try expression.check(in: schema) } catch { throw .rows(error) }
    }

    private static func field(_ name: String, _ schema: Schema) throws(EngineError) -> Schema.Field {
        guard let field = schema.field(name) else { throw unknown(name, schema) }
        return field
    }

    private static func unknown(_ name: String, _ schema: Schema) -> EngineError {
        .frame(.unknownColumn(name, available: schema.names))
    }
}
