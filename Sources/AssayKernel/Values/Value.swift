import AssayFrame

/// A value of the language, as names hold it.
enum Value: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([Value])
    case null
    /// A table, local or on an engine.
    case dataset(TableRef)
    /// An `importance` table: a dataset that shows with its chart.
    case importance(ImportanceValue)
    /// An unfitted chain of stages and models.
    case pipeline(PipelineValue)
    /// A search space (`uniform(0, 1)`, `choice(...)`), which only `tune` can use.
    case space(ComponentCall)
    case model(ModelValue)
    case board(BoardValue)
    /// SHAP values of a model on some rows.
    case explanation(ExplanationValue)
    /// The trials and best pipeline of a `tune`.
    case tuning(TuningValue)
    /// A tracked run.
    case run(RunValue)

    /// A dataset held in the kernel.
    static func dataset(_ data: Dataset) -> Value { .dataset(.local(data)) }

    /// The type's name with where a dataset lives when that is not the kernel: `dataset (spark)`.
    var placedTypeName: String {
        if case .dataset(.remote(let table)) = self { return "dataset (\(table.engine.name))" }
        return typeName
    }

    /// The type's name as `vars`, completion and error messages show it.
    var typeName: String {
        switch self {
        case .number: "number"
        case .string: "string"
        case .bool: "bool"
        case .list: "list"
        case .null: "null"
        case .dataset, .importance: "dataset"
        case .pipeline: "pipeline"
        case .space: "space"
        case .model: "model"
        case .board: "board"
        case .explanation: "explanation"
        case .tuning: "tuning"
        case .run: "run"
        }
    }

    /// Fitted values compare by identity: a refit is a different model even with equal numbers.
    static func == (a: Value, b: Value) -> Bool {
        if let x = a.asTable, let y = b.asTable { return x == y }
        return switch (a, b) {
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.null, .null): true
        case (.pipeline(let x), .pipeline(let y)): x === y
        case (.space(let x), .space(let y)): x.span == y.span && x.text == y.text
        case (.model(let x), .model(let y)): x === y
        case (.board(let x), .board(let y)): x === y
        case (.explanation(let x), .explanation(let y)): x === y
        case (.tuning(let x), .tuning(let y)): x === y
        case (.run(let x), .run(let y)): x === y
        default: false
        }
    }
}
