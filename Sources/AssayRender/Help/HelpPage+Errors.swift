import AssayLanguage

extension HelpPage {
    /// `help errors`: every reason of the diagnostic catalogue, with its kind, when it is raised
    /// and an example message.
    public static var errors: Rendering {
        let codes = Diagnostic.Reason.Code.allCases
        let intro = "Every error the language raises: its code, its kind, when it is raised, and an example message."
        let width = codes.map(\.rawValue.count).max() ?? 0
        let kindWidth = Diagnostic.Kind.allCases.map(\.rawValue.count).max() ?? 0
        var plain = ["errors (guide)", "", intro, ""]
        for code in codes {
            let example = code.example
            plain.append("    " + code.rawValue.padding(to: width) + "  " + example.kind.rawValue.padding(to: kindWidth) + "  " + code.summary)
            plain.append("    " + "".padding(to: width + kindWidth + 4) + "e.g. " + example.message)
        }
        let rows = codes.map { code in
            "<tr><td style=\"text-align: left\"><code>\(HTMLText.escape(code.rawValue))</code></td>"
                + "<td style=\"text-align: left\">\(code.example.kind.rawValue)</td>"
                + "<td style=\"text-align: left\">\(HTMLText.prose(code.summary))</td>"
                + "<td style=\"text-align: left\">\(HTMLText.prose(code.example.message))</td></tr>"
        }
        let html = [
            "<div class=\"assay-help\">", "<h3><code>errors</code> <small>guide</small></h3>", "<p>\(HTMLText.prose(intro))</p>",
            "<table class=\"assay-table\">",
            "<tr><th style=\"text-align: left\">code</th><th style=\"text-align: left\">kind</th><th style=\"text-align: left\">raised for</th><th style=\"text-align: left\">example</th></tr>",
        ] + rows + ["</table>", "</div>"]
        return Rendering(plain: plain.joined(separator: "\n"), html: html.joined(separator: "\n"))
    }
}
