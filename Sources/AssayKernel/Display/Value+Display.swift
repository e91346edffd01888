import AssayFrame
import AssayRender
import JupyterKernel

/// A value shows as its kind does; the kinds' displays are the `+Display` files beside this one.
extension Value: Displayable {
    func rendering(rows: Int) -> Rendering { display.rendering(rows: rows) }

    var charts: [MimeBundle] { display.charts }

    private var display: any Displayable {
        switch self {
        case .dataset(let dataset): dataset
        case .importance(let importance): importance
        case .model(let model): model
        case .board(let board): board
        case .explanation(let explanation): explanation
        case .tuning(let tuning): tuning
        case .run(let run): run
        case .number, .string, .bool, .list, .null, .pipeline, .space: TextDisplay(text: resultText)
        }
    }
}

/// A dataset shows as a table of its first and last rows.
extension Dataset: Displayable {
    func rendering(rows: Int) -> Rendering { DatasetTable(self, maxRows: rows).rendering }
}
