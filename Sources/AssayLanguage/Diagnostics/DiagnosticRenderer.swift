/// Draws a diagnostic the way people read compiler errors: the message, where it is, the user's
/// own line with carets under the span, then notes and the help line.
///
/// ```
/// error: unknown name `pengiuns`
///  --> cell 3, line 1, column 1
///   |
/// 1 | pengiuns
///   | ^^^^^^^^
/// help: did you mean `penguins`?
/// ```
public struct DiagnosticRenderer: Sendable {
    /// Plain text for files and tests; ANSI colors for terminals and notebooks.
    public enum Style: Sendable {
        case plain
        case ansi
    }

    /// Where the source came from: `cell 3` or a script's file name.
    public var origin: String
    public var style: Style

    public init(origin: String, style: Style = .plain) {
        self.origin = origin
        self.style = style
    }

    /// The origin a cell's diagnostics name.
    public static func cell(_ executionCount: Int) -> String { "cell \(executionCount)" }

    public func render(_ diagnostic: Diagnostic, in source: SourceText) -> [String] {
        var lines = [paint("error", .error) + paint(": \(diagnostic.message)", .bold)]
        if let span = diagnostic.span {
            let start = span.start
            let number = String(start.line)
            let gutter = String(repeating: " ", count: number.count)
            let text = source.line(start.line)
            let lineLength = text.unicodeScalars.count
            let lastColumn = span.end.line == start.line ? span.end.column : lineLength + 1
            let width = max(1, lastColumn - start.column)
            // Keep the user's tabs so the carets line up under what a terminal shows.
            let lead = text.unicodeScalars.prefix(start.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            lines.append(gutter + paint("--> ", .gutter) + "\(origin), line \(start.line), column \(start.column)")
            lines.append(gutter + " " + paint("|", .gutter))
            lines.append(paint(number + " |", .gutter) + (text.isEmpty ? "" : " " + text))
            lines.append(
                gutter + " " + paint("|", .gutter) + " " + lead + paint(String(repeating: "^", count: width), .error))
        }
        for note in diagnostic.notes {
            lines.append(paint("note", .bold) + ": " + note)
        }
        if let help = diagnostic.help {
            lines.append(paint("help", .help) + ": " + help)
        }
        return lines
    }

    private enum Paint: String {
        case error = "1;31"
        case bold = "1"
        case gutter = "1;34"
        case help = "1;36"
    }

    private func paint(_ text: String, _ paint: Paint) -> String {
        switch style {
        case .plain: text
        case .ansi: "\u{1B}[\(paint.rawValue)m\(text)\u{1B}[0m"
        }
    }
}
