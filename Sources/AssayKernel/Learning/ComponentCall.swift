import AssayLanguage
import AssayLearn

/// A stage, model or search space as written in a cell, checked against its signature: the
/// columns it names, its hyperparameters and where each came from.
struct ComponentCall: Sendable {
    /// A hyperparameter given in the call.
    struct Parameter: Sendable {
        var name: Identifier
        var value: Value
        var span: SourceSpan
    }

    var signature: ComponentSignature
    /// Named columns or a selector; nil when the call names none.
    var columns: ColumnSelector?
    /// The column expressions' spans, for errors about a named column.
    var columnSpans: [SourceSpan]
    /// `derive(NAME = EXPR)` definitions.
    var definitions: [(name: Identifier, value: Expression)]
    var parameters: [Parameter]
    /// Positional values of a search space.
    var options: [Value]
    var span: SourceSpan
    /// The call as written, e.g. `forest(trees=200)`: how boards and runs name a model.
    var text: String

    var name: String { signature.name }

    func parameter(_ name: String) -> Parameter? {
        parameters.first { $0.name.name == name }
    }
}

/// An unfitted pipeline: its components in order. A class so values compare by identity.
final class PipelineValue: Sendable {
    let components: [ComponentCall]

    init(_ components: [ComponentCall]) {
        self.components = components
    }

    var text: String { components.map(\.text).joined(separator: " | ") }
}

/// A fitted pipeline held by a name.
final class ModelValue: Sendable {
    let fitted: FittedPipeline
    /// The dataset it was trained on, when it was a name (`train`).
    let dataName: String?
    /// The tracked run that fitted it (or that it was loaded from), if tracking worked.
    let runID: String?

    init(_ fitted: FittedPipeline, dataName: String?, runID: String? = nil) {
        self.fitted = fitted
        self.dataName = dataName
        self.runID = runID
    }
}

/// Fitted models of one `fit`, ranked.
final class BoardValue: Sendable {
    let board: Board
    let dataName: String?
    /// Each model's tracked run, in board order (nil where tracking failed).
    let runIDs: [String?]
    /// The board's own run, the parent of its models' runs.
    let parentRunID: String?

    init(_ board: Board, dataName: String?, runIDs: [String?] = [], parentRunID: String? = nil) {
        self.board = board
        self.dataName = dataName
        self.runIDs = runIDs
        self.parentRunID = parentRunID
    }

    /// The model at a board position, with its run.
    func model(at index: Int) -> ModelValue {
        ModelValue(board.models[index], dataName: dataName, runID: index < runIDs.count ? runIDs[index] : nil)
    }
}
