import AssayRender

/// A table shows as its first and last rows; a remote table as its engine draws it.
extension TableRef: Displayable {
    /// "150 rows × 5 columns" for a local table; a remote table says what it is without counting.
    var caption: String {
        switch self {
        case .local(let data): DatasetTable(data).caption
        case .remote(let table): table.caption
        }
    }

    /// The table with `rows` rows at most.
    func rendering(rows: Int) -> Rendering {
        switch self {
        case .local(let data): DatasetTable(data, maxRows: rows).rendering
        case .remote(let table): table.rendering(rows: rows)
        }
    }
}
