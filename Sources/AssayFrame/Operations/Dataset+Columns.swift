/// `select`, `drop` and `rename`: new column lists over the same, shared buffers.
extension Dataset {
    /// The named columns in the order given.
    public func selecting(_ names: [String]) throws(FrameError) -> Dataset {
        Dataset(trusted: try requireColumns(names, role: "column"))
    }

    /// Every column but the named ones; dropping every column leaves an empty dataset.
    public func dropping(_ names: [String]) throws(FrameError) -> Dataset {
        let dropped = Set(try requireColumns(names, role: "column").map(\.name))
        return Dataset(trusted: columns.filter { !dropped.contains($0.name) })
    }

    /// Renames all pairs at once (so `a as b, b as a` swaps); a new name may not clash with a
    /// column that keeps its name.
    public func renaming(_ pairs: [(old: String, new: String)]) throws(FrameError) -> Dataset {
        var newNames: [String: String] = [:]
        for pair in pairs {
            _ = try requireColumn(pair.old)
            guard newNames.updateValue(pair.new, forKey: pair.old) == nil else {
                throw FrameError("column `\(pair.old)` is renamed twice")
            }
        }
        var seen: Set<String> = []
        var renamed: [Column] = []
        for column in columns {
            let name = newNames[column.name] ?? column.name
            guard seen.insert(name).inserted else {
                throw FrameError("two columns would be named `\(name)`", help: "choose a name no other column has")
            }
            renamed.append(name == column.name ? column : column.renamed(name))
        }
        return Dataset(trusted: renamed)
    }
}
