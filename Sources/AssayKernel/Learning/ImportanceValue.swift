import AssayFrame
import AssayLanguage

/// The result of `importance`: a table of `feature`, `importance` (then `std` or `coefficient`)
/// and the model it measures. Data operations and members see only the table; shown as a
/// result, it is followed by a bar chart.
struct ImportanceValue: Sendable {
    let table: Dataset
    /// The model as the cell named it (`f`), or `model` when it was not a name.
    let modelName: String

    init(_ table: Dataset, of model: Expression) {
        self.table = table
        self.modelName = if case .name(let name) = model.kind { name } else { "model" }
    }
}

extension Value {
    /// The table this value is, if it is one: a dataset, or an importance table.
    var asTable: TableRef? {
        switch self {
        case .dataset(let table): table
        case .importance(let importance): .local(importance.table)
        default: nil
        }
    }
}
