/// The names and types of a table's columns, in order: what checks need, without the rows.
public struct Schema: Sendable, Hashable {
    /// One column's name and type.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: ColumnType

        public init(_ name: String, _ type: ColumnType) {
            self.name = name
            self.type = type
        }
    }

    public let fields: [Field]
    private let positions: [String: Int]

    /// Fields with distinct names; a repeated name keeps its first position.
    public init(_ fields: [Field]) {
        self.fields = fields
        positions = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public var count: Int { fields.count }
    public var names: [String] { fields.map(\.name) }

    public func field(_ name: String) -> Field? {
        positions[name].map { fields[$0] }
    }

    public func contains(_ name: String) -> Bool { positions[name] != nil }

    /// The schema with `name` added as a column of `type` (or retyped, if it is there).
    public func adding(_ name: String, _ type: ColumnType) -> Schema {
        var fields = fields
        if let position = positions[name] { fields[position].type = type } else { fields.append(Field(name, type)) }
        return Schema(fields)
    }

    /// The schema without the column `name`, if it is there.
    public func removing(_ name: String) -> Schema {
        Schema(fields.filter { $0.name != name })
    }

    public static func == (a: Schema, b: Schema) -> Bool { a.fields == b.fields }
    public func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}

extension Dataset {
    /// The names and types of the columns.
    public var schema: Schema { Schema(columns.map { Schema.Field($0.name, $0.type) }) }
}
