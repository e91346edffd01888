extension Diagnostic.Reason {
    /// What a reason says: its code and kind, the message, notes and help line.
    public struct Wording: Sendable, Equatable {
        public var code: Code
        public var kind: Diagnostic.Kind
        public var message: String
        public var notes: [String] = []
        public var help: String?
    }

    public var code: Code { wording.code }
    public var kind: Diagnostic.Kind { wording.kind }
    public var message: String { wording.message }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    public var wording: Wording {
        switch self {
        // MARK: Lexing
        case .unexpectedCharacter(let c):
            let help: String? =
                switch c {
                case "!": "write `not` to negate, or `!=` to compare"
                case "&": "write `and`"
                case ";": "write one statement per line"
                default: nil
                }
            return Wording(code: .unexpectedCharacter, kind: .syntax, message: "unexpected character `\(c)`", help: help)
        case .unmatchedBracket(let symbol):
            return Wording(code: .unmatchedBracket, kind: .syntax, message: "unmatched `\(symbol)`")
        case .mismatchedBracket(let symbol, let opened, let line, let column):
            return Wording(
                code: .mismatchedBracket, kind: .syntax, message: "mismatched `\(symbol)`",
                notes: ["\(opened) was opened at line \(line), column \(column)"])
        case .invalidNumber(let text):
            return Wording(
                code: .invalidNumber, kind: .syntax, message: "invalid number `\(text)`",
                help: "names cannot start with a digit; write such a name in backticks")
        case .unknownEscape(let c):
            return Wording(
                code: .unknownEscape, kind: .syntax, message: "unknown escape `\\\(c)` in string",
                help: "the escapes are `\\\"`, `\\'`, `\\\\`, `\\n`, `\\t` and `\\r`; write `\\\\` for a backslash")
        case .unterminatedString(let quote):
            return Wording(code: .unterminatedString, kind: .syntax, message: "unterminated string", help: "close the string with `\(quote)`")
        case .unterminatedName:
            return Wording(code: .unterminatedName, kind: .syntax, message: "unterminated name", help: "close the name with a backtick on the same line")
        case .emptyName:
            return Wording(code: .emptyName, kind: .syntax, message: "empty name")

        // MARK: Statements and expressions
        case .expected(let what, let found, let usage):
            return Wording(
                code: .expected, kind: .syntax, message: "expected \(what)" + (found.map { ", found \($0)" } ?? ""),
                help: usage.map(Self.write))
        case .unexpectedToken(let found):
            return Wording(code: .unexpectedToken, kind: .syntax, message: "unexpected \(Self.bare(found))")
        case .unexpectedAfterStatement(let found):
            return Wording(
                code: .unexpectedAfterStatement, kind: .syntax, message: "unexpected \(Self.bare(found)) after the end of the statement",
                help: "write one statement per line")
        case .unexpectedInCommand(let found, let command, let usage):
            return Wording(code: .unexpectedInCommand, kind: .syntax, message: "unexpected \(Self.bare(found)) in `\(command)`", help: Self.write(usage))
        case .commandCannotBeBound(let name):
            return Wording(
                code: .commandCannotBeBound, kind: .syntax, message: "`\(name)` is a command and cannot be bound",
                help: "choose another name, or write it in backticks: `\u{60}\(name)\u{60}`")
        case .boundTwice(let name):
            return Wording(code: .boundTwice, kind: .syntax, message: "`\(name)` is bound twice in the same statement")
        case .bindingNeedsEquals(let found):
            return Wording(
                code: .bindingNeedsEquals, kind: .syntax, message: "expected `=` after the names to bind, found \(found)",
                help: "bind a list's elements with `a, b = expr`")
        case .cannotAssign:
            return Wording(
                code: .cannotAssign, kind: .syntax, message: "cannot assign to this expression",
                help: "bind a name with `name = expr`; compare with `==`")
        case .chainedComparison:
            return Wording(
                code: .chainedComparison, kind: .syntax, message: "comparisons cannot be chained",
                help: "join two comparisons with `and`: `a < b and b < c`")
        case .isNeedsNull(let found):
            return Wording(
                code: .isNeedsNull, kind: .syntax, message: "expected `null` after `is`, found \(found)",
                help: "`is` tests for null: `x is null`, `x is not null`; compare values with `==`")
        case .unclosedBracket(let opening, let closing):
            return Wording(code: .unclosedBracket, kind: .syntax, message: "unclosed \(opening)", help: "close it with `\(closing)`")
        case .nestedTooDeeply:
            return Wording(
                code: .nestedTooDeeply, kind: .syntax, message: "expression is nested too deeply",
                help: "split it into several statements with names for the parts")
        case .aggregateNeedsName(let found):
            return Wording(
                code: .aggregateNeedsName, kind: .syntax, message: "expected `=` after the aggregate's name, found \(found)",
                help: "write `NAME = AGG(COL)`, e.g. `n = count()`")
        case .aggregateTakesOneColumn(let function, let found):
            return Wording(
                code: .aggregateTakesOneColumn, kind: .syntax, message: "expected `)`, found \(found)",
                help: "an aggregate takes one column: `\(function)(COL)`")

        // MARK: Commands and clauses
        case .missingOperand(let name, let needs, let usage):
            return Wording(code: .missingOperand, kind: .syntax, message: "`\(name)` needs \(needs)", help: Self.write(usage))
        case .missingValue(let command, let label):
            return Wording(code: .missingValue, kind: .syntax, message: "`\(command)` needs \(label)")
        case .unknownClause(let name, let among, let usage):
            return Wording(
                code: .unknownClause, kind: .syntax, message: "unknown clause `\(name)`",
                help: Self.suggestion(name, among) ?? Self.write(usage))
        case .repeatedClause(let name):
            return Wording(code: .repeatedClause, kind: .syntax, message: "clause `\(name)` is given twice")
        case .repeatedSetting(let name):
            return Wording(code: .repeatedSetting, kind: .syntax, message: "`\(name)` is given twice")
        case .clauseOrder(let name, let later, let usage):
            return Wording(code: .clauseOrder, kind: .syntax, message: "`\(name)` must come before `\(later)`", help: Self.write(usage))
        case .conflictingValidation(let name, let other):
            return Wording(
                code: .conflictingValidation, kind: .syntax, message: "`\(name)` and `\(other)` cannot both validate one fit",
                help: "choose cross-validation (`cv 5`) or a held-out part (`holdout 0.2`)")
        case .unknownChoice(let name, let noun, let among):
            return Wording(
                code: .unknownChoice, kind: .name, message: "unknown \(noun) `\(name)`",
                help: Self.suggestion(name, among) ?? "the \(noun)s are " + Self.list(among))
        case .unknownDataOperation(let name, let among):
            return Wording(
                code: .unknownDataOperation, kind: .syntax, message: "unknown data operation `\(name)`",
                help: Self.suggestion(name, among) ?? (among.isEmpty ? nil : "the data operations are " + Self.list(among)))
        case .runNeedsID:
            return Wording(
                code: .runNeedsID, kind: .syntax, message: "`run` needs the id of a run",
                help: "write `run \"4f2a9c\"` with an id that `runs` shows")
        case .compareNeedsIDs:
            return Wording(
                code: .compareNeedsIDs, kind: .syntax, message: "`compare runs` needs the ids of the runs to compare",
                help: "write `compare runs \"4f2a9c\", \"b71e03\"`")
        case .needsDestination(let command, let usage):
            return Wording(code: .needsDestination, kind: .syntax, message: "`\(command)` needs a destination", help: Self.write(usage))
        case .exportNeedsFormat:
            return Wording(
                code: .exportNeedsFormat, kind: .syntax, message: "`export` of a model needs a format",
                help: "write `export MODEL to \"trees.json\" as shap`, or `export runs to \"http://host:port\"`")
        case .exportNeedsModel:
            return Wording(code: .exportNeedsModel, kind: .type, message: "`export` needs a fitted model or `runs`")
        case .exportCopiesRuns:
            return Wording(code: .exportCopiesRuns, kind: .value, message: "`export` copies runs: write `export runs to \"http://host:port\"`")
        case .experimentNeedsName:
            return Wording(code: .experimentNeedsName, kind: .value, message: "an experiment needs a name", help: "write `experiment \"penguins\"`")
        case .settingNeedsValue(let setting, let minimum):
            return Wording(
                code: .settingNeedsValue, kind: .value, message: "`set \(setting)` needs a value",
                help: "write `set \(setting) \(max(minimum, 1))`")
        case .sleepSeconds:
            return Wording(code: .sleepSeconds, kind: .value, message: "`sleep` needs a finite number of seconds, at least 0")
        case .commandNotAvailable(let name):
            return Wording(code: .commandNotAvailable, kind: .name, message: "command `\(name)` is not available yet")

        // MARK: Calls
        case .noNamedArguments(let function, let usage):
            return Wording(code: .noNamedArguments, kind: .type, message: "`\(function)` takes no named arguments", help: Self.write(usage))
        case .needsAnArgument(let function, let usage):
            return Wording(code: .needsAnArgument, kind: .type, message: "`\(function)` needs at least one argument", help: Self.write(usage))
        case .unknownArgument(let name, let among, let usage):
            return Wording(
                code: .unknownArgument, kind: .type, message: "unknown argument `\(name)`",
                help: Self.suggestion(name, among) ?? Self.write(usage))
        case .repeatedArgument(let name):
            return Wording(code: .repeatedArgument, kind: .type, message: "argument `\(name)` is given twice")
        case .tooManyArguments(let function, let count, let usage):
            return Wording(
                code: .tooManyArguments, kind: .type, message: "`\(function)` takes \(count) argument\(count == 1 ? "" : "s")",
                help: Self.write(usage))
        case .missingArgument(let function, let parameter, let usage):
            return Wording(code: .missingArgument, kind: .type, message: "`\(function)` needs `\(parameter)`", help: Self.write(usage))
        case .functionNotImplemented(let name):
            return Wording(code: .functionNotImplemented, kind: .name, message: "function `\(name)` is not implemented")

        // MARK: Names and members
        case .unknownName(let name, let among):
            return Wording(
                code: .unknownName, kind: .name, message: "unknown name `\(name)`",
                help: Self.suggestion(name, among) ?? (among.isEmpty ? "bind it first: `\(name) = ...`" : "`vars` lists the names in this session"))
        case .functionAsValue(let name):
            return Wording(code: .functionAsValue, kind: .name, message: "`\(name)` is a function, not a value", help: "call it: `\(name)(...)`")
        case .commandAsValue(let name, let usage):
            return Wording(
                code: .commandAsValue, kind: .name, message: "`\(name)` is a command, not a value",
                help: "write it at the start of its own statement: `\(usage)`")
        case .unknownFunction(let name, let among):
            return Wording(
                code: .unknownFunction, kind: .name, message: "unknown function `\(name)`",
                help: Self.suggestion(name, among) ?? "`help` lists the functions")
        case .unknownHelpTopic(let name, let among):
            return Wording(
                code: .unknownHelpTopic, kind: .name, message: "unknown help topic `\(name)`",
                help: Self.suggestion(name, among) ?? "`help` lists the commands, functions and types")
        case .noMembers(let type):
            return Wording(code: .noMembers, kind: .type, message: "a `\(type)` has no members")
        case .unknownMember(let name, let type, let among):
            return Wording(
                code: .unknownMember, kind: .name, message: "unknown member `\(name)`",
                help: Self.suggestion(name, among) ?? "`help \(type)` lists its members")
        case .noSuchMember(let name, let type):
            let article = type.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            return Wording(code: .noSuchMember, kind: .type, message: "\(article) `\(type)` has no member `\(name)`")
        case .emptyListElement(let name):
            return Wording(code: .emptyListElement, kind: .value, message: "an empty list has no `\(name)` element")

        // MARK: Values and types
        case .operandType(let subject, let expected, let found):
            return Wording(code: .operandType, kind: .type, message: "`\(subject)` needs \(expected), found `\(found)`")
        case .containsNeedsString(let found):
            return Wording(code: .containsNeedsString, kind: .type, message: "`contains` on a string needs a string to find, found `\(found)`")
        case .inStringNeedsString(let found):
            return Wording(code: .inStringNeedsString, kind: .type, message: "`in` a string needs a string on its left, found `\(found)`")
        case .inNeedsCollection(let found):
            return Wording(
                code: .inNeedsCollection, kind: .type, message: "`in` needs a list or a string on its right, found `\(found)`",
                help: "write `x in [a, b, c]`")
        case .negateType(let found):
            return Wording(code: .negateType, kind: .type, message: "cannot negate a `\(found)`", help: "unary `-` needs a number")
        case .addTypes(let lhs, let rhs):
            return Wording(
                code: .addTypes, kind: .type, message: "cannot add `\(lhs)` and `\(rhs)`",
                help: "`+` adds two numbers, or joins two strings or two lists")
        case .arithmeticTypes(let op, let lhs, let rhs):
            return Wording(code: .arithmeticTypes, kind: .type, message: "`\(op)` needs numbers, found `\(lhs)` and `\(rhs)`")
        case .compareTypes(let lhs, let rhs, let op):
            return Wording(
                code: .compareTypes, kind: .type, message: "cannot compare `\(lhs)` with `\(rhs)`",
                help: "`\(op)` compares two numbers or two strings")
        case .listOfNumbers(let name, let found):
            return Wording(code: .listOfNumbers, kind: .type, message: "`\(name)` needs a list of numbers, found a `\(found)`")
        case .mixedTypes(let name, let found):
            return Wording(code: .mixedTypes, kind: .type, message: "`\(name)` needs numbers or strings of one type, found `\(found)`")
        case .settingType(let setting, let found):
            return Wording(code: .settingType, kind: .type, message: "`\(setting)` must be a number, found `\(found)`")
        case .settingValue(let setting, let minimum, let found):
            return Wording(
                code: .settingValue, kind: .value, message: "`\(setting)` must be a whole number of at least \(minimum), found `\(found)`")
        case .roundDigits(let found):
            return Wording(code: .roundDigits, kind: .value, message: "`digits` must be a whole number, found `\(found)`")
        case .clipBounds:
            return Wording(code: .clipBounds, kind: .value, message: "`clip` needs `lo` at most `hi`")
        case .bindNeedsList(let found, let names):
            return Wording(
                code: .bindNeedsList, kind: .type, message: "cannot bind a `\(found)` to \(names) names",
                help: "binding several names needs a list with one element per name")
        case .bindCount(let count, let names):
            return Wording(
                code: .bindCount, kind: .value, message: "cannot bind \(count) value\(count == 1 ? "" : "s") to \(names) names",
                help: "the list must have exactly \(names) elements")
        case .needsNumber(let what, let found):
            return Wording(code: .needsNumber, kind: .type, message: "\(what) must be a number, found a `\(found)`")
        case .needsWholeNumber(let what, let minimum, let found):
            return Wording(
                code: .needsWholeNumber, kind: .value,
                message: "\(what) must be a whole number of at least \(minimum)" + (found.map { ", found \($0)" } ?? ""))
        case .needsString(let what, let found):
            return Wording(code: .needsString, kind: .type, message: "\(what) must be a string, found a `\(found)`", help: "write it in quotes")

        // MARK: Data
        case .loadGivesModel(let source):
            return Wording(code: .loadGivesModel, kind: .type, message: "`\(source)` gives a model, not a dataset")
        case .unknownSample(let name, let among):
            return Wording(
                code: .unknownSample, kind: .name, message: "unknown sample `\(name)`",
                help: Self.suggestion(name, among) ?? "the samples are " + Self.list(among))
        case .separator(let found):
            return Wording(
                code: .separator, kind: .value, message: "a separator is one character other than a quote or a line break, found \(found)",
                help: "write `sep \";\"` or `sep \"\\t\"`")
        case .unknownColumnType(let name, let among):
            return Wording(code: .unknownColumnType, kind: .name, message: "unknown column type `\(name)`", help: Self.suggestion(name, among))
        case .unknownSyntheticTask(let name, let among):
            return Wording(code: .unknownSyntheticTask, kind: .value, message: "unknown synthetic task `\(name)`", help: Self.suggestion(name, among))
        case .unknownSyntheticSetting(let name, let task, let among):
            return Wording(
                code: .unknownSyntheticSetting, kind: .name, message: "unknown setting of `load synthetic \(task)` `\(name)`",
                help: Self.suggestion(name, among) ?? "the settings are " + Self.list(among))
        case .pipeAfterDataset(let found, let operations):
            return Wording(
                code: .pipeAfterDataset, kind: .type, message: "after a dataset, `|` takes a data operation or a stage, found a `\(found)`",
                help: "the data operations are " + Self.list(operations))
        case .needsDataset(let command, let found):
            return Wording(code: .needsDataset, kind: .type, message: "`\(command)` needs a dataset, found a `\(found)`")
        case .unknownAggregate(let name, let among):
            return Wording(code: .unknownAggregate, kind: .name, message: "unknown aggregate `\(name)`", help: Self.suggestion(name, among))
        case .aggregateNeedsColumn(let function, let name):
            return Wording(
                code: .aggregateNeedsColumn, kind: .value, message: "`\(function)` needs a column", help: "write `\(name) = \(function)(COLUMN)`")
        case .joinNeedsDataset:
            return Wording(code: .joinNeedsDataset, kind: .type, message: "`join` needs a dataset to join with")
        case .stageWithoutInput:
            return Wording(code: .stageWithoutInput, kind: .type, message: "a stage needs a pipeline or a dataset before `|`")
        case .splitNeedsDataset:
            return Wording(code: .splitNeedsDataset, kind: .type, message: "`split` needs a dataset")
        case .fraction(let found):
            return Wording(
                code: .fraction, kind: .value, message: "a fraction is between 0 and 1, found \(found)",
                help: "write `split data 0.8` for 80% and 20%")
        case .fractionsSum(let total):
            return Wording(code: .fractionsSum, kind: .value, message: "the fractions add up to \(total), more than 1")
        case .unknownColumn(let name, let dataset, let columns):
            return Wording(
                code: .unknownColumn, kind: .name, message: "unknown column `\(name)`" + (dataset.map { " in dataset `\($0)`" } ?? ""),
                help: Self.suggestion(name, columns)
                    ?? "the columns are " + Self.list(Array(columns.prefix(12))) + (columns.count > 12 ? ", ..." : ""))
        case .data(let message, let help):
            return Wording(code: .data, kind: .value, message: message, help: help)
        case .spark(let message, let errorClass):
            return Wording(
                code: .spark, kind: .value, message: "Spark: " + (errorClass.map { "[\($0)] " } ?? "") + message,
                help: "the cluster ran the plan and refused it; the session keeps its names")
        case .engineUnavailable(let address, let detail):
            return Wording(
                code: .engineUnavailable, kind: .value, message: "the Spark Connect server at \(address) does not answer (\(detail))",
                help: "start it or check the address; the session keeps its names, and the next cell connects again (`engine local` goes back to the kernel)")

        // MARK: Row expressions
        case .rowInNeedsList:
            return Wording(code: .rowInNeedsList, kind: .syntax, message: "`in` takes a list of values here", help: "write `x in [1, 2, 3]`")
        case .positionalRowArguments(let function, let label):
            return Wording(
                code: .positionalRowArguments, kind: .syntax, message: "row functions take positional arguments",
                help: "write `\(function)(...)` without `\(label)=`")
        case .notARowValue(let noun):
            return Wording(
                code: .notARowValue, kind: .type, message: "a \(noun) is not a row value",
                help: noun == "list" ? "lists appear after `in`: `x in [1, 2]`" : nil)
        case .membersInRowExpression:
            return Wording(code: .membersInRowExpression, kind: .type, message: "members are not available in row expressions")
        case .unknownRowFunction(let name, let among):
            return Wording(code: .unknownRowFunction, kind: .name, message: "unknown function `\(name)`", help: Self.suggestion(name, among))
        case .rowType(let message, let help):
            return Wording(code: .rowType, kind: .type, message: message, help: help)
        case .rowArguments(let message, let help):
            return Wording(code: .rowArguments, kind: .value, message: message, help: help)

        // MARK: Stages, models and pipelines
        case .unknownComponent(let name):
            return Wording(code: .unknownComponent, kind: .name, message: "unknown stage or model `\(name)`")
        case .unknownHyperparameter(let name, let component, let among):
            return Wording(
                code: .unknownHyperparameter, kind: .type, message: "unknown hyperparameter `\(name)` of `\(component)`",
                help: Self.suggestion(name, among)
                    ?? (among.isEmpty ? "`\(component)` takes no hyperparameters" : "`help \(component)` lists them"))
        case .repeatedHyperparameter(let name):
            return Wording(code: .repeatedHyperparameter, kind: .type, message: "hyperparameter `\(name)` is given twice")
        case .takesNoColumns(let component, let usage):
            return Wording(
                code: .takesNoColumns, kind: .type, message: "`\(component)` takes no columns, only hyperparameters", help: Self.write(usage))
        case .deriveTakesDefinitions:
            return Wording(
                code: .deriveTakesDefinitions, kind: .syntax, message: "`derive` takes definitions `NAME = EXPR`",
                help: "write `derive(ratio = a / b)`")
        case .deriveNeedsDefinition:
            return Wording(
                code: .deriveNeedsDefinition, kind: .syntax, message: "`derive` needs at least one definition", help: "write `derive(ratio = a / b)`")
        case .valueCount(let component, let names, let variadic, let usage):
            return Wording(
                code: .valueCount, kind: .type,
                message: "`\(component)` takes \(variadic ? "one or more values" : "\(names.count) values"): \(names.joined(separator: ", "))",
                help: Self.write(usage))
        case .columnCount(let component, let count, let usage):
            return Wording(
                code: .columnCount, kind: .type, message: "`\(component)` takes \(count == 1 ? "one column" : "two columns")",
                help: usage.map(Self.write))
        case .bucketNeedsSplits:
            return Wording(code: .bucketNeedsSplits, kind: .type, message: "`bucket` needs `splits`", help: "write `bucket(age, splits=[18, 40, 65])`")
        case .selectorAlone(let example):
            return Wording(
                code: .selectorAlone, kind: .type, message: "a selector stands for all of a stage's columns",
                help: "name the columns, or use one selector such as `except(\(example))`")
        case .exceptTakesNames:
            return Wording(code: .exceptTakesNames, kind: .type, message: "`except` takes column names", help: "write `except(a, b)`")
        case .selectorTakesNoArguments(let selector):
            return Wording(code: .selectorTakesNoArguments, kind: .type, message: "`\(selector)()` takes no arguments")
        case .takesColumnNames(let component, let usage):
            return Wording(
                code: .takesColumnNames, kind: .type, message: "`\(component)` takes column names here",
                help: "hyperparameters are named: `\(usage)`")
        case .hyperparameterOption(let name, let component, let expectation, let found, let suggestion):
            return Wording(
                code: .hyperparameterOption, kind: .value, message: "`\(name)` of `\(component)` must be \(expectation), found \(found)",
                help: suggestion.map { "did you mean \"\($0)\"?" })
        case .hyperparameterValue(let name, let component, let expectation, let found, let defaultText):
            return Wording(
                code: .hyperparameterValue, kind: .value, message: "`\(name)` of `\(component)` must be \(expectation), found \(found)",
                help: "the default is \(defaultText); `help \(component)` explains it")
        case .emptyPipeline:
            return Wording(code: .emptyPipeline, kind: .value, message: "the pipeline is empty")
        case .spaceOutsideTune(let component):
            return Wording(
                code: .spaceOutsideTune, kind: .value, message: "`\(component)` is a search space, and `fit` needs one pipeline",
                help: "use `tune` to search it: `tune PIPELINE on DATA target COL`")
        case .pipelineWithoutModel(let pipeline):
            return Wording(
                code: .pipelineWithoutModel, kind: .value, message: "the pipeline has no model",
                help: "end it with a model, for example `\(pipeline) | logistic()`")
        case .modelNotLast(let component):
            return Wording(
                code: .modelNotLast, kind: .value, message: "`\(component)` is a model, and only the last component may be one",
                help: "fit several models side by side with a list: `prep | [logistic(), forest()]`")
        case .spaceInHyperparameter(let name, let component):
            return Wording(
                code: .spaceInHyperparameter, kind: .value, message: "`\(name)` of `\(component)` holds a search space, and `fit` needs one value",
                help: "use `tune` to search it: `tune PIPELINE on DATA target COL`")
        case .notAStage(let name):
            return Wording(code: .notAStage, kind: .name, message: "`\(name)` is not a stage")
        case .notAModel(let name):
            return Wording(code: .notAModel, kind: .name, message: "`\(name)` is not a model")
        case .pipeAfterPipeline(let found):
            return Wording(
                code: .pipeAfterPipeline, kind: .type, message: "`|` after a pipeline takes a stage or a model, found a `\(found)`",
                help: "stages and models are calls: `scale()`, `logistic()`")
        case .pipeJoins(let found):
            return Wording(code: .pipeJoins, kind: .type, message: "`|` joins stages and models, found a `\(found)`")
        case .modelCannotTransform(let model, let pipeline):
            return Wording(
                code: .modelCannotTransform, kind: .type, message: "`\(model)` cannot transform a dataset",
                help: "models are fitted: `m = fit \(pipeline) on DATA target COL`, then `predict m on DATA`")

        // MARK: Training
        case .predictNeedsModel:
            return Wording(
                code: .predictNeedsModel, kind: .type, message: "`predict` needs a fitted model",
                help: "fit one first: `m = fit PIPELINE on DATA target COL`")
        case .needsModel(let command, let found):
            return Wording(code: .needsModel, kind: .type, message: "`\(command)` needs a fitted model, found a `\(found)`")
        case .fitNeedsPipeline(let found):
            return Wording(
                code: .fitNeedsPipeline, kind: .type, message: "`fit` needs a pipeline ending in a model, found a `\(found)`",
                help: "for example `fit scale() | logistic() on train target species`")
        case .evaluateNeedsModel(let found):
            return Wording(code: .evaluateNeedsModel, kind: .type, message: "`evaluate` needs a model or a board, found a `\(found)`")
        case .boardNeedsPipelines(let found):
            return Wording(code: .boardNeedsPipelines, kind: .type, message: "a board is a list of pipelines, and this list holds a `\(found)`")
        case .needsDatasetAfterOn(let command, let found):
            return Wording(code: .needsDatasetAfterOn, kind: .type, message: "`\(command)` needs a dataset after `on`, found a `\(found)`")
        case .holdoutFraction(let found):
            return Wording(
                code: .holdoutFraction, kind: .value, message: "`holdout` is the fraction held out, between 0 and 1, found \(found)",
                help: "for example `holdout 0.2`")
        case .unknownMetric(let name, let among):
            return Wording(code: .unknownMetric, kind: .value, message: "unknown metric `\(name)`", help: Self.suggestion(name, among))
        case .metricForModel(let metric, let scoresClasses, let alternatives):
            return Wording(
                code: .metricForModel, kind: .value,
                message: "`\(metric)` scores \(scoresClasses ? "classes" : "numbers"), and this model predicts \(scoresClasses ? "numbers" : "classes")",
                help: "use " + Self.list(alternatives))
        case .metricForTarget(let metric, let scoresClasses, let target):
            return Wording(
                code: .metricForTarget, kind: .value,
                message: "`\(metric)` scores \(scoresClasses ? "classes" : "numbers"), and the target `\(target)` holds \(scoresClasses ? "numbers" : "classes")")
        case .boardEmpty:
            return Wording(code: .boardEmpty, kind: .value, message: "the board is empty")
        case .learning(let message, let help):
            return Wording(code: .learning, kind: .value, message: message, help: help)

        // MARK: Tuning
        case .tuneNeedsPipeline(let found):
            return Wording(
                code: .tuneNeedsPipeline, kind: .type,
                message: "`tune` needs a pipeline whose hyperparameters hold search spaces, found a `\(found)`",
                help: "for example `tune scale() | boost(rate=loguniform(0.01, 0.3)) on train target y`")
        case .unknownSearch(let name, let among):
            return Wording(code: .unknownSearch, kind: .value, message: "unknown search `\(name)`", help: Self.suggestion(name, among))
        case .nothingToTune:
            return Wording(
                code: .nothingToTune, kind: .value, message: "the pipeline holds no search space, so there is nothing to tune",
                help: "give a hyperparameter a space, such as `boost(rate=loguniform(0.01, 0.3))`, or use `fit`")
        case .everyTrialFailed(let first):
            return Wording(code: .everyTrialFailed, kind: .value, message: "every trial failed; the first said: \(first)")
        case .noTrialFinished:
            return Wording(code: .noTrialFinished, kind: .value, message: "no trial finished")
        case .onlyChoiceChooses(let component):
            return Wording(
                code: .onlyChoiceChooses, kind: .type,
                message: "`\(component)` stands where a stage or model goes; only `choice` can choose components",
                help: "write `choice(logistic(), boost())`")
        case .choiceOptions(let found):
            return Wording(
                code: .choiceOptions, kind: .type, message: "the options of a component `choice` are single stages or models, found `\(found)`",
                help: "write `choice(logistic(reg=loguniform(0.001, 10)), boost())`")
        case .spaceTakesNumbers(let space, let found):
            return Wording(code: .spaceTakesNumbers, kind: .type, message: "`\(space)` takes numbers, found `\(found)`")
        case .spaceGivesReals(let name, let component, let space):
            return Wording(
                code: .spaceGivesReals, kind: .value, message: "`\(name)` of `\(component)` takes whole numbers, and `\(space)` gives reals",
                help: "search it with `int(lo, hi)`")

        // MARK: Explanations and files
        case .unknownImportanceMethod(let name, let among):
            return Wording(
                code: .unknownImportanceMethod, kind: .value, message: "unknown importance method `\(name)`", help: Self.suggestion(name, among))
        case .impurityNeedsTrees(let model, let kind):
            return Wording(
                code: .impurityNeedsTrees, kind: .value, message: "impurity importance is for tree models, and `\(model)` is a `\(kind)` model",
                help: "use `method permutation on DATA`, which works for every model")
        case .coefficientsNeedLinear(let model, let kind):
            return Wording(
                code: .coefficientsNeedLinear, kind: .value,
                message: "coefficients are for linear and logistic models, and `\(model)` is a `\(kind)` model",
                help: "use `method permutation on DATA`")
        case .permutationNeedsData(let model):
            return Wording(
                code: .permutationNeedsData, kind: .value, message: "permutation importance needs data to shuffle",
                help: "write `importance \(model) method permutation on TEST`")
        case .rowPastEnd(let row, let rows):
            return Wording(code: .rowPastEnd, kind: .value, message: "row \(row) is past the end: the data has \(rows) rows, numbered from 0")
        case .explainedOutputs(let model, let outputs, let asked):
            return Wording(
                code: .explainedOutputs, kind: .value,
                message: "`\(model)` explains \(outputs.map { "\"\($0)\"" }.joined(separator: ", ")), not \"\(asked)\"",
                help: outputs.count == 1 ? "a binary model's values are for its positive class; negate them for the other" : nil)
        case .shapExportNeedsTrees(let model, let kind):
            return Wording(
                code: .shapExportNeedsTrees, kind: .value,
                message: "only tree models export to shap's tree format, and `\(model)` is a `\(kind)` model")
        case .cannotRead(let path, let reason):
            return Wording(code: .cannotRead, kind: .value, message: "cannot read \(path): \(reason)")
        case .cannotWrite(let path, let reason):
            return Wording(code: .cannotWrite, kind: .value, message: "cannot write \(path): \(reason)")

        // MARK: Tracking
        case .runsUnavailable:
            return Wording(code: .runsUnavailable, kind: .value, message: "runs are not available here", help: "run this in a cell")
        case .tracking(let message):
            return Wording(code: .tracking, kind: .value, message: message)
        case .runHasNoModel(let id, let status, let finished):
            return Wording(
                code: .runHasNoModel, kind: .value, message: "run \(id) has no model",
                help: finished ? "only fits store a model; `evaluate` runs do not" : "the run is \(status); only finished fits store a model")
        case .modelHasNoRun:
            return Wording(
                code: .modelHasNoRun, kind: .value, message: "this model has no tracked run",
                help: "models from `fit` and `load run` have one; `load model` files do not")
        case .boardHasNoRun:
            return Wording(code: .boardHasNoRun, kind: .value, message: "this board has no tracked run")
        case .runIDType(let found):
            return Wording(
                code: .runIDType, kind: .type, message: "a run id is a string, found a `\(found)`",
                help: "write the id as `runs` shows it: `run \"4f2a9c\"`")
        case .orderByField:
            return Wording(code: .orderByField, kind: .value, message: "`order by` needs a field of the runs", help: Self.runFields)
        case .notARunCondition(let op):
            return Wording(
                code: .notARunCondition, kind: .value, message: "`\(op)` is not a condition on runs",
                help: "compare a field with a value: `metrics.f1 > 0.9`; join conditions with `and`, `or`")
        case .comparisonWithoutField:
            return Wording(code: .comparisonWithoutField, kind: .value, message: "this comparison names no field of the runs", help: Self.runFields)
        case .expectedRunField:
            return Wording(code: .expectedRunField, kind: .value, message: "expected a field of the runs", help: Self.runFields)
        case .unreadableDate(let text):
            return Wording(
                code: .unreadableDate, kind: .value, message: "cannot read \(text) as a date",
                help: "write it as \"2025-06-01\" or \"2025-06-01 14:30\"")
        case .numericRunField(let field, let found):
            return Wording(
                code: .numericRunField, kind: .type, message: "`\(field)` is a number; compare it with a number, not a `\(found)`")
        case .unknownStatus(let name, let among):
            return Wording(
                code: .unknownStatus, kind: .value, message: "unknown status `\(name)`",
                help: Self.suggestion(name, among) ?? "a status is " + Self.list(among))
        case .runFieldComparison(let field, let found):
            return Wording(
                code: .runFieldComparison, kind: .type, message: "cannot compare `\(field)` with a `\(found)`",
                help: "compare it with a number or a string")
        case .runsWhereNeedsCondition(let found):
            return Wording(
                code: .runsWhereNeedsCondition, kind: .type, message: "`runs where` needs a condition, found a `\(found)`",
                help: "for example `runs where metrics.f1 > 0.9 and status == \"FINISHED\"`")
        case .filterNeedsList(let op, let found):
            return Wording(
                code: .filterNeedsList, kind: .type, message: "`\(op)` needs a list, found a `\(found)`",
                help: "write `status in [\"FAILED\", \"KILLED\"]`")

        // MARK: Session
        case .interrupted:
            return Wording(code: .interrupted, kind: .interrupted, message: "interrupted")
        }
    }

    /// The fields a run query can name, as the help line of its errors lists them.
    static let runFields =
        "fields are `metrics.NAME`, `params.NAME`, `tags.NAME`, `status`, `start`, `duration`, `model`, `name`, `id`, `parent`"

    private static func write(_ usage: String) -> String { "write `\(usage)`" }

    /// A token as "unexpected" names it: `a number` reads "unexpected number".
    private static func bare(_ token: String) -> String {
        for article in ["a ", "an "] where token.hasPrefix(article) { return String(token.dropFirst(article.count)) }
        return token
    }

    private static func list(_ names: [String]) -> String { names.map { "`\($0)`" }.joined(separator: ", ") }

    /// "Did you mean" for an unknown name, when a known one is close.
    private static func suggestion(_ name: String, _ among: [String]) -> String? {
        NameSuggestion.closest(to: name, among: among).map { "did you mean `\($0)`?" }
    }
}
