import AssayLanguage
import Foundation
import Testing

/// Every reason of the diagnostic catalogue is described, and its example message is one an
/// expected-output file shows, so each wording is pinned by the suite; or it is listed here as
/// out of the language's reach, with why.
@Suite struct ReasonCoverageTests {
    typealias Code = Diagnostic.Reason.Code

    /// Reasons no script can raise, and why; they guard the kernel's own consistency.
    static let unreachable: [Code: String] = [
        .unexpectedToken: "the parser checks for the end before each statement, so a statement always starts on a token it reads",
        .exportCopiesRuns: "`export` hands over to the runs export only when its value is `runs`",
        .loadGivesModel: "the evaluator turns `load model` and `load run` into models before a dataset is asked for",
        .unknownComponent: "a call is read as a component only when ComponentCatalog names it",
        .stageWithoutInput: "a stage after `|` is applied by the pipeline path before the data operations see it",
        .missingValue: "the parser requires every operand a command handler reads",
        .commandNotAvailable: "every command of CommandSyntax has a handler in Command.all",
        .functionNotImplemented: "every function of HelpCatalog.functions is implemented by ScalarFunction (FunctionExampleTests runs each one's help examples)",
        .noSuchMember: "every member HelpCatalog lists is implemented by its value's member function",
        .notAStage: "every stage of ComponentCatalog is built by PipelineAssembly",
        .notAModel: "every model of ComponentCatalog is built by PipelineAssembly",
        .emptyPipeline: "a pipeline value always holds at least one component",
        .runsUnavailable: "a notebook cell always has a run tracker; only a session without one raises it",
        .boardHasNoRun: "a board is always tracked while its fit runs in a cell",
        .boardEmpty: "a board always holds at least one model",
        .noTrialFinished: "a tuning without a finished trial fails with every-trial-failed first",
        .spark: "needs a Spark Connect server, which the golden scripts do not start: Tests/Jupyter/test_spark.py checks it",
        .engineUnavailable: "needs a Spark engine whose server stops: Tests/Jupyter/test_spark.py checks it",
    ]

    static let messages: Set<String> = {
        var lines = Set<String>()
        for name in GoldenScript.all(withExtension: "expected") {
            let url = GoldenScript.folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where line.hasPrefix("error: ") { lines.insert(String(line.dropFirst(7))) }
        }
        return lines
    }()

    @Test(arguments: Code.allCases)
    func reasonIsDescribedAndShown(_ code: Code) {
        #expect(!code.summary.isEmpty, "\(code.rawValue) has no description")
        #expect(code.example.code == code, "the example of \(code.rawValue) is a \(code.example.code.rawValue)")
        if let why = Self.unreachable[code] {
            #expect(!Self.messages.contains(code.example.message), "\(code.rawValue) is listed as unreachable (\(why)) but an expected file shows it")
        } else {
            #expect(
                Self.messages.contains(code.example.message),
                "no expected file shows the example of \(code.rawValue): \(code.example.message)")
        }
    }
}
