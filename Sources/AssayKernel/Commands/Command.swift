import AssayLanguage

/// What a command does when it runs; its syntax lives in `CommandSyntax`.
struct Command: Sendable {
    let name: String
    let run: @Sendable (CommandStatement, inout CommandContext) throws(Diagnostic) -> Void

    /// Every command the kernel runs, by name.
    static let all: [String: Command] = Dictionary(
        uniqueKeysWithValues: (outputCommands + sessionCommands + dataCommands + engineCommands + trackingCommands + [help]).map { ($0.name, $0) })
}
