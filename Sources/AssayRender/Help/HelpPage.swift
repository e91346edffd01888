import AssayLanguage

/// Help text as people read it: one topic, or the overview of everything.
public enum HelpPage {
    public static func topic(_ topic: HelpTopic) -> Rendering {
        var plain = ["\(topic.name) (\(topic.kind.rawValue))", "", "    \(topic.usage)", "", topic.summary]
        var html = [
            "<div class=\"assay-help\">",
            "<h3><code>\(HTMLText.escape(topic.name))</code> <small>\(topic.kind.rawValue)</small></h3>",
            "<pre>\(HTMLText.escape(topic.usage))</pre>",
            "<p>\(HTMLText.prose(topic.summary))</p>",
        ]
        for paragraph in topic.details {
            plain += ["", paragraph]
            html.append("<p>\(HTMLText.prose(paragraph))</p>")
        }
        if !topic.members.isEmpty {
            let table = Table(
                columns: [.init("member"), .init("type"), .init("meaning")],
                rows: topic.members.map { [$0.name, $0.type, $0.summary] })
            plain += ["", "Members:", ""] + table.plainText.split(separator: "\n").map { "    " + $0 }
            html += ["<h4>Members</h4>", table.html]
        }
        if !topic.examples.isEmpty {
            plain += ["", "Examples:", ""] + topic.examples.map { "    " + $0 }
            html += ["<h4>Examples</h4>", "<pre>" + topic.examples.map(HTMLText.escape).joined(separator: "\n") + "</pre>"]
        }
        html.append("</div>")
        return Rendering(plain: plain.joined(separator: "\n"), html: html.joined(separator: "\n"))
    }

    /// Commands grouped as the catalog's overview lists them, then what expressions offer.
    public static var overview: Rendering {
        var plain = ["Assay commands"]
        var html = ["<div class=\"assay-help\">", "<h3>Assay commands</h3>"]
        for (title, topics) in HelpCatalog.overview {
            let width = topics.map(\.usage.count).max() ?? 0
            plain += ["", title]
            plain += topics.map { "    " + $0.usage.padding(to: width) + "  " + $0.summary }
            html.append("<h4>\(HTMLText.escape(title))</h4>")
            html.append("<table class=\"assay-table\">")
            html += topics.map { "<tr><td style=\"text-align: left\"><code>\(HTMLText.escape($0.usage))</code></td><td style=\"text-align: left\">\(HTMLText.prose($0.summary))</td></tr>" }
            html.append("</table>")
        }
        let expressions: [(String, [String])] = [
            ("operators", ["or", "and", "not", "==", "!=", "<", "<=", ">", ">=", "in", "is null", "+", "-", "*", "/", "%", "^", "."]),
            ("functions", HelpCatalog.functions.map(\.signature.name)),
            ("types", HelpCatalog.topics.filter { $0.kind == .type }.map(\.name)),
        ]
        plain += ["", "Expressions"]
        html.append("<h4>Expressions</h4>")
        html.append("<table class=\"assay-table\">")
        for (title, words) in expressions {
            plain.append("    " + title.padding(to: 9) + "  " + words.joined(separator: " "))
            html.append("<tr><td style=\"text-align: left\">\(title)</td><td style=\"text-align: left\">" + words.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: " ") + "</td></tr>")
        }
        html.append("</table>")
        let closing = "Type `help NAME` for a command, stage, model, metric, keyword, function or type, or `?NAME` to read it in the pager."
        plain += ["", closing]
        html += ["<p>\(HTMLText.prose(closing))</p>", "</div>"]
        return Rendering(plain: plain.joined(separator: "\n"), html: html.joined(separator: "\n"))
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
