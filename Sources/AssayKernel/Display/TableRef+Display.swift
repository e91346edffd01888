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

    /// The table with `rows` rows at most; a remote table that cannot be shown says why.
    func rendering(rows: Int) -> Rendering {
        do throws(EngineError) { return try shownRendering(rows: rows) } catch {
            return Rendering(plain: "(the \(caption) could not be shown: \(error.message))")
        }
    }

    /// The table with `rows` rows at most, or why a remote one could not be fetched.
    func shownRendering(rows: Int) throws(EngineError) -> Rendering {
        switch self {
        case .local(let data): DatasetTable(data, maxRows: rows).rendering
        case .remote(let table): try table.rendering(rows: rows)
        }
    }
}
