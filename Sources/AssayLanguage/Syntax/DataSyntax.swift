/// Where `load` reads a dataset from.
public enum LoadSource: Sendable {
    /// `load "file.csv" [sep ";"] [types {zip: string}]`
    case file(path: Expression, separator: Expression?, types: [(column: Identifier, type: Identifier)])
    /// `load sample "iris"`
    case sample(name: Expression)
    /// `load synthetic classification rows 1000 features 20 ...`: the task and its settings.
    case synthetic(task: Identifier, settings: [(name: Identifier, value: Expression)])
    /// `load model "model.json"`: a fitted model saved with `save`.
    case model(path: Expression)
    /// `load run ID`: the model a tracked run fitted.
    case run(id: Expression)
    /// `load table "NAME"`: a table of the current engine's catalog (Spark).
    case table(name: Expression)
    /// `load sql "SELECT ..."`: a query run by the current engine (Spark).
    case sql(query: Expression)
}

/// One step after `|`: a data operation, or (for pipelines) a stage.
public struct PipeStep: Sendable {
    public enum Kind: Sendable {
        case filter(Expression)
        case derive([(name: Identifier, value: Expression)])
        case select([Identifier])
        case drop([Identifier])
        case rename([(old: Identifier, new: Identifier)])
        case sort([(column: Identifier, descending: Bool)])
        case head(Expression)
        case tail(Expression)
        case sample(Expression, seed: Expression?)
        /// No columns: any column.
        case dropMissing([Identifier])
        /// No columns: whole rows.
        case distinct([Identifier])
        case group(keys: [Identifier], aggregations: [Aggregation])
        case join(Expression, on: [Identifier], kind: Identifier?)
        /// Anything that is not a data operation: a stage or model of a pipeline.
        case stage(Expression)
    }

    /// `name = function(column)` in `group ... aggregate`.
    public struct Aggregation: Sendable {
        public var name: Identifier
        public var function: Identifier
        /// Nil for `count()`.
        public var column: Identifier?

        public init(name: Identifier, function: Identifier, column: Identifier?) {
            self.name = name
            self.function = function
            self.column = column
        }
    }

    public var kind: Kind
    /// The operation's word (`where`, `sort`), nil for a stage.
    public var keyword: Identifier?
    public var span: SourceSpan

    public init(_ kind: Kind, keyword: Identifier?, span: SourceSpan) {
        self.kind = kind
        self.keyword = keyword
        self.span = span
    }

    /// The words that start a data operation after `|`.
    public static let operations = [
        "where", "derive", "select", "drop", "rename", "sort", "head", "tail", "sample", "dropna", "distinct", "group", "join",
    ]
}
