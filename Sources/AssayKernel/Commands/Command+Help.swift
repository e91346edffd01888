import AssayLanguage
import AssayRender
import JupyterKernel

extension Command {
    static let help = Command(name: "help") { command, context throws(Diagnostic) in
        var topic: Identifier?
        if case .word(let word) = command["topic"] { topic = word }
        context.display(try helpPage(topic, in: context.state))
    }

    /// The overview without a topic; a bound name shows its type's help.
    static func helpPage(_ topic: Identifier?, in state: Session.State) throws(Diagnostic) -> Rendering {
        guard let topic else { return HelpPage.overview }
        if topic.name == "errors" { return HelpPage.errors }
        if let page = HelpCatalog.topic(named: topic.name) { return HelpPage.topic(page) }
        if let value = state.bindings[topic.name], let page = HelpCatalog.topic(named: value.typeName) {
            return HelpPage.topic(page)
        }
        throw Diagnostic(.unknownHelpTopic(topic.name, among: HelpCatalog.topicNames), at: topic.span)
    }

    /// `?TOPIC`: the same page, through the pager payload instead of the output.
    static func pagedHelp(_ topic: Identifier?, _ context: inout CommandContext) throws(Diagnostic) {
        let page = try helpPage(topic, in: context.state)
        var data: [String: JSON] = ["text/plain": .string(page.plain)]
        if let html = page.html { data["text/html"] = .string(html) }
        context.payloads.append(["source": "page", "data": .object(data), "start": 0])
    }
}
