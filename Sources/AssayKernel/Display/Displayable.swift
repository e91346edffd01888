import AssayRender
import JupyterKernel

/// A kind of value that knows how it is shown: its result as text and HTML, then its charts,
/// each chart a display of its own after the result.
protocol Displayable {
    /// The result; tables show at most `rows` rows.
    func rendering(rows: Int) -> Rendering
    /// Charts after the result: SVG with a short text/plain stand-in. None by default.
    var charts: [MimeBundle] { get }
}

extension Displayable {
    var charts: [MimeBundle] { [] }
}

/// A value shown as one line of text (numbers, strings, lists, pipelines, spaces).
struct TextDisplay: Displayable {
    let text: String

    func rendering(rows: Int) -> Rendering { Rendering(plain: text) }
}

extension Rendering {
    /// The rendering as a MIME bundle: text/plain, and text/html when there is HTML.
    var bundle: MimeBundle {
        var bundle = MimeBundle(plain: plain)
        if let html { bundle = bundle.adding("text/html", html) }
        return bundle
    }
}
