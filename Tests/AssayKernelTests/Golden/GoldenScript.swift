import Foundation

/// One `.assay` file of the expected-output suite: its cells, split at `# %%` lines.
///
/// Lines before the first marker describe the file and do not run. A marker may carry options
/// in brackets before its label: `# %% [interrupt] a cell that is cancelled before it runs`.
struct GoldenScript {
    struct Cell {
        var label: String
        var code: String
        /// Run with a cancellation token that is already set, as if the user pressed interrupt.
        var interrupted: Bool
    }

    /// The path under `Tests/Golden`, such as `data/where.assay`.
    let name: String
    let cells: [Cell]

    static let marker = "# %%"

    init(name: String, text: String) {
        self.name = name
        var cells: [Cell] = []
        var current: Cell?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(Self.marker) {
                if let cell = current { cells.append(cell) }
                var rest = line.dropFirst(Self.marker.count).trimmingCharacters(in: .whitespaces)
                var options: [String] = []
                if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    options = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    rest = rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces)
                }
                current = Cell(label: rest, code: "", interrupted: options.contains("interrupt"))
            } else if var cell = current {
                cell.code += (cell.code.isEmpty ? "" : "\n") + line
                current = cell
            }
        }
        if let cell = current { cells.append(cell) }
        // Blank lines between cells belong to neither.
        self.cells = cells.map { cell in
            var trimmed = cell
            while trimmed.code.hasSuffix("\n") { trimmed.code.removeLast() }
            return trimmed
        }
    }

    /// The folder of the suite: `Tests/Golden` beside this test target.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    /// Every script's path under the folder, sorted, such as `data/where.assay`.
    static func all(withExtension ext: String = "assay") -> [String] {
        let root = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var names: [String] = []
        while let path = walker.nextObject() as? String {
            if path.hasSuffix(".\(ext)") { names.append(path) }
        }
        return names.sorted()
    }

    /// The expected-output file beside a script.
    static func expectedURL(for name: String) -> URL {
        folder.appendingPathComponent(name).deletingPathExtension().appendingPathExtension("expected")
    }
}
