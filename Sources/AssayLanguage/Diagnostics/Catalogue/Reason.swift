extension Diagnostic {
    /// Why an error is raised: one case per message the language can show, carrying the values
    /// the message needs. Its kind, message, notes and help are made in `Reason+Message.swift`;
    /// its code, description and example for `help errors` in `Reason+Catalogue.swift`.
    ///
    /// Texts already formatted for reading (a type's name, a quoted string, a number as Assay
    /// prints it, a code snippet to write) travel as strings; the sentence around them is made here.
    public enum Reason: Sendable, Equatable {
        // MARK: Lexing
        case unexpectedCharacter(Character)
        case unmatchedBracket(String)
        /// The closing bracket, what was opened and where.
        case mismatchedBracket(String, opened: String, line: Int, column: Int)
        case invalidNumber(String)
        case unknownEscape(Character)
        case unterminatedString(quote: Character)
        case unterminatedName
        case emptyName

        // MARK: Statements and expressions
        /// `expected WHAT, found TOKEN`; `usage` becomes "write `USAGE`".
        case expected(String, found: String?, usage: String? = nil)
        case unexpectedToken(found: String)
        case unexpectedAfterStatement(found: String)
        case unexpectedInCommand(found: String, command: String, usage: String)
        case commandCannotBeBound(String)
        case boundTwice(String)
        case bindingNeedsEquals(found: String)
        case cannotAssign
        case chainedComparison
        case isNeedsNull(found: String)
        /// The open bracket's description and the symbol that closes it.
        case unclosedBracket(String, closing: String)
        case nestedTooDeeply
        case aggregateNeedsName(found: String)
        case aggregateTakesOneColumn(String, found: String)

        // MARK: Commands and clauses
        /// A command or clause without its operand: `set` needs SETTING.
        case missingOperand(String, needs: String, usage: String)
        /// A command whose operand the handler cannot find.
        case missingValue(command: String, label: String)
        case unknownClause(String, among: [String], usage: String)
        case repeatedClause(String)
        case repeatedSetting(String)
        case clauseOrder(String, before: String, usage: String)
        case conflictingValidation(String, String)
        /// A word outside a command's choices: an export format, a setting.
        case unknownChoice(String, noun: String, among: [String])
        case unknownDataOperation(String, among: [String])
        case runNeedsID
        case compareNeedsIDs
        case needsDestination(String, usage: String)
        case exportNeedsFormat
        case exportNeedsModel
        case exportCopiesRuns
        case experimentNeedsName
        case settingNeedsValue(String, minimum: Int)
        case sleepSeconds
        case commandNotAvailable(String)

        // MARK: Calls
        case noNamedArguments(String, usage: String)
        case needsAnArgument(String, usage: String)
        case unknownArgument(String, among: [String], usage: String)
        case repeatedArgument(String)
        case tooManyArguments(String, count: Int, usage: String)
        case missingArgument(String, parameter: String, usage: String)
        case functionNotImplemented(String)

        // MARK: Names and members
        case unknownName(String, among: [String])
        case functionAsValue(String)
        case commandAsValue(String, usage: String)
        case unknownFunction(String, among: [String])
        case unknownHelpTopic(String, among: [String])
        case noMembers(type: String)
        case unknownMember(String, type: String, among: [String])
        case noSuchMember(String, type: String)
        case emptyListElement(String)

        // MARK: Values and types
        /// `` `SUBJECT` needs EXPECTED, found `TYPE` ``: an operator, a function or a command.
        case operandType(String, expected: String, found: String)
        case containsNeedsString(found: String)
        case inStringNeedsString(found: String)
        case inNeedsCollection(found: String)
        case negateType(found: String)
        case addTypes(String, String)
        case arithmeticTypes(String, String, String)
        case compareTypes(String, String, operator: String)
        case listOfNumbers(String, found: String)
        case mixedTypes(String, found: String)
        case settingType(String, found: String)
        case settingValue(String, minimum: Int, found: String)
        case roundDigits(found: String)
        case clipBounds
        case bindNeedsList(found: String, names: Int)
        case bindCount(Int, names: Int)
        /// `WHAT must be a number, found a `TYPE``.
        case needsNumber(String, found: String)
        case needsWholeNumber(String, minimum: Int, found: String?)
        case needsString(String, found: String)

        // MARK: Data
        case loadGivesModel(String)
        case unknownSample(String, among: [String])
        case separator(found: String)
        case unknownColumnType(String, among: [String])
        case unknownSyntheticTask(String, among: [String])
        case unknownSyntheticSetting(String, task: String, among: [String])
        case pipeAfterDataset(found: String, operations: [String])
        case needsDataset(String, found: String)
        case unknownAggregate(String, among: [String])
        case aggregateNeedsColumn(String, name: String)
        case joinNeedsDataset
        case stageWithoutInput
        case splitNeedsDataset
        case fraction(found: String)
        case fractionsSum(String)
        case unknownColumn(String, dataset: String?, columns: [String])
        /// A data library error; its message and help come from AssayFrame.
        case data(String, help: String?)
        /// Spark refused or failed a plan: its message and, when it gave one, its error class.
        case spark(String, errorClass: String?)
        /// The Spark Connect server does not answer.
        case engineUnavailable(address: String, detail: String)

        // MARK: Row expressions
        case rowInNeedsList
        case positionalRowArguments(String, label: String)
        case notARowValue(String)
        case membersInRowExpression
        case unknownRowFunction(String, among: [String])
        /// A row expression's type error, worded by AssayFrame.
        case rowType(String, help: String?)
        /// A row function's arguments, worded by AssayFrame.
        case rowArguments(String, help: String?)

        // MARK: Stages, models and pipelines
        case unknownComponent(String)
        case unknownHyperparameter(String, component: String, among: [String])
        case repeatedHyperparameter(String)
        case takesNoColumns(String, usage: String)
        case deriveTakesDefinitions
        case deriveNeedsDefinition
        case valueCount(String, names: [String], variadic: Bool, usage: String)
        /// A stage that takes one or two columns; `usage` nil leaves out the help.
        case columnCount(String, count: Int, usage: String?)
        case bucketNeedsSplits
        case selectorAlone(example: String)
        case exceptTakesNames
        case selectorTakesNoArguments(String)
        case takesColumnNames(String, usage: String)
        /// A string hyperparameter outside its options; `found` is quoted.
        case hyperparameterOption(String, component: String, expectation: String, found: String, suggestion: String?)
        case hyperparameterValue(String, component: String, expectation: String, found: String, default: String)
        case emptyPipeline
        case spaceOutsideTune(String)
        case pipelineWithoutModel(pipeline: String)
        case modelNotLast(String)
        case spaceInHyperparameter(String, component: String)
        case notAStage(String)
        case notAModel(String)
        case pipeAfterPipeline(found: String)
        case pipeJoins(found: String)
        case modelCannotTransform(String, pipeline: String)

        // MARK: Training
        case predictNeedsModel
        case needsModel(String, found: String)
        case fitNeedsPipeline(found: String)
        case evaluateNeedsModel(found: String)
        case boardNeedsPipelines(found: String)
        case needsDatasetAfterOn(String, found: String)
        case holdoutFraction(found: String)
        case unknownMetric(String, among: [String])
        case metricForModel(String, scoresClasses: Bool, alternatives: [String])
        case metricForTarget(String, scoresClasses: Bool, target: String)
        case boardEmpty
        /// A learning library error; its message and help come from AssayLearn.
        case learning(String, help: String?)

        // MARK: Tuning
        case tuneNeedsPipeline(found: String)
        case unknownSearch(String, among: [String])
        case nothingToTune
        case everyTrialFailed(first: String)
        case noTrialFinished
        case onlyChoiceChooses(String)
        case choiceOptions(found: String)
        case spaceTakesNumbers(String, found: String)
        case spaceGivesReals(String, component: String, space: String)

        // MARK: Explanations and files
        case unknownImportanceMethod(String, among: [String])
        case impurityNeedsTrees(model: String, kind: String)
        case coefficientsNeedLinear(model: String, kind: String)
        case permutationNeedsData(model: String)
        case rowPastEnd(Int, rows: Int)
        case explainedOutputs(model: String, outputs: [String], asked: String)
        case shapExportNeedsTrees(model: String, kind: String)
        /// A quoted path and the system's reason.
        case cannotRead(path: String, String)
        case cannotWrite(path: String, String)

        // MARK: Tracking
        case runsUnavailable
        /// A store error, worded by AssayTracking.
        case tracking(String)
        case runHasNoModel(String, status: String, finished: Bool)
        case modelHasNoRun
        case boardHasNoRun
        case runIDType(found: String)
        case orderByField
        case notARunCondition(String)
        case comparisonWithoutField
        case expectedRunField
        case unreadableDate(String)
        case numericRunField(String, found: String)
        case unknownStatus(String, among: [String])
        case runFieldComparison(String, found: String)
        case runsWhereNeedsCondition(found: String)
        case filterNeedsList(String, found: String)

        // MARK: Session
        case interrupted
    }
}
