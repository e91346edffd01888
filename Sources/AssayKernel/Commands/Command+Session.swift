import AssayLanguage
import AssayRender
import Foundation

extension Command {
    static let sessionCommands = [vars, set, sleep, exit("exit"), exit("quit")]

    /// `exit` / `quit`: the protocol's ask_exit payload, which consoles answer by leaving.
    static func exit(_ name: String) -> Command {
        Command(name: name) { _, context throws(Diagnostic) in
            context.payloads.append(["source": "ask_exit", "keepkernel": false])
        }
    }

    static let vars = Command(name: "vars") { _, context throws(Diagnostic) in
        let bindings = context.state.bindings.sorted { $0.key < $1.key }
        guard !bindings.isEmpty else {
            let note = "no names yet; bind one with `name = expr`"
            context.display(Rendering(plain: note, html: "<p><em>\(HTMLText.escape(note))</em></p>"))
            return
        }
        let table = Table(
            columns: [.init("name"), .init("type"), .init("summary")],
            rows: bindings.map { [$0.key, $0.value.placedTypeName, $0.value.summary] })
        context.display(table.rendering)
    }

    static let set = Command(name: "set") { command, context throws(Diagnostic) in
        guard case .word(let word) = command["setting"], let setting = Setting(rawValue: word.name) else {
            let table = Table(
                columns: [.init("setting"), .init("value", alignment: .right), .init("meaning")],
                rows: Setting.allCases.map { [$0.rawValue, String(context.state.settings[$0]), $0.summary] })
            context.display(table.rendering)
            return
        }
        guard case .expression(let expression) = command["value"] else {
            throw Diagnostic(.settingNeedsValue(setting.rawValue, minimum: setting.minimum), at: word.span)
        }
        let value = try context.evaluate(expression)
        guard case .number(let number) = value else {
            throw Diagnostic(.settingType(setting.rawValue, found: value.typeName), at: expression.span)
        }
        guard number == number.rounded(), number >= Double(setting.minimum), number <= 9.0e15 else {
            throw Diagnostic(.settingValue(setting.rawValue, minimum: setting.minimum, found: ScalarText.number(number)), at: expression.span)
        }
        context.state.settings[setting] = Int(number)
    }

    static let sleep = Command(name: "sleep") { command, context throws(Diagnostic) in
        let expression = try command.expression("seconds")
        let value = try context.evaluate(expression)
        guard case .number(let seconds) = value else {
            throw Diagnostic(.operandType("sleep", expected: "a number of seconds", found: value.typeName), at: expression.span)
        }
        guard seconds >= 0, seconds.isFinite else {
            throw Diagnostic(.sleepSeconds, at: expression.span)
        }
        let clock = ContinuousClock()
        // Capped at a year so the conversion to milliseconds cannot overflow.
        let milliseconds = Int64((min(seconds, 31_536_000) * 1000).rounded())
        let deadline = clock.now.advanced(by: .milliseconds(milliseconds))
        while clock.now < deadline {
            if context.cancellation.isCancelled {
                throw Diagnostic.interrupted(at: command.name.span.through(expression.span))
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }
}
