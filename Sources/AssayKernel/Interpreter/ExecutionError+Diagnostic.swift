import AssayLanguage
import JupyterKernel

extension ExecutionError {
    /// The protocol's error for a diagnostic, its traceback drawn in ANSI colors.
    init(_ diagnostic: Diagnostic, source: SourceText, origin: String) {
        let renderer = DiagnosticRenderer(origin: origin, style: .ansi)
        self.init(name: diagnostic.kind.rawValue, value: diagnostic.message, traceback: renderer.render(diagnostic, in: source))
    }

    /// The traceback without ANSI colors, for files, logs and terminals that do not color.
    public var plainTraceback: [String] {
        traceback.map { line in
            var plain = ""
            var scalars = line.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                guard scalar == "\u{1B}" else {
                    plain.unicodeScalars.append(scalar)
                    continue
                }
                // Skip a control sequence: ESC [ parameters final-byte.
                while let next = scalars.next(), !("@"..."~").contains(next) || next == "[" {}
            }
            return plain
        }
    }
}
