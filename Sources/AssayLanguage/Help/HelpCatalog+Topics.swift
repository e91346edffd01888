extension HelpCatalog {
    static let commands: [HelpTopic] = [
        HelpTopic(
            "print", .command, usage: "print EXPR", summary: "write a value to the output (stdout)",
            details: ["Strings are written without quotes; a line break follows."],
            examples: ["print \"hello\"", "print 1 + 2"]),
        HelpTopic(
            "warn", .command, usage: "warn EXPR", summary: "write a value to the error output (stderr)",
            details: ["Like `print`, but front ends usually show it highlighted."],
            examples: ["warn \"rows with missing values were dropped\""]),
        HelpTopic(
            "clear", .command, usage: "clear", summary: "clear the output of the cell",
            examples: ["clear"]),
        HelpTopic(
            "vars", .command, usage: "vars", summary: "list the session's names with their types and values",
            examples: ["vars"]),
        HelpTopic(
            "set", .command, usage: "set [SETTING VALUE]", summary: "change a session setting, or show them all",
            details: [
                "Settings: " + Setting.allCases.map { "`\($0.rawValue)` (\($0.summary))" }.joined(separator: ", ") + ".",
                "Values are whole numbers: `seed` and `progress_after` from 0, `parallel` and `rows` from 1. `set` alone shows the current settings.",
            ],
            examples: ["set seed 42", "set rows 50", "set progress_after 0", "set"]),
        HelpTopic(
            "help", .command, usage: "help [TOPIC]",
            summary: "show the overview, or the help of a command, keyword, function or type",
            details: ["`?TOPIC` shows the same text in the pager."],
            examples: ["help", "help round", "help list", "?print"]),
        HelpTopic(
            "sleep", .command, usage: "sleep SECONDS", summary: "wait, interruptibly",
            details: ["Interrupting the kernel stops the wait and fails the cell with `Interrupted`."],
            examples: ["sleep 0.5"]),
        HelpTopic(
            "exit", .command, usage: "exit",
            summary: "leave the console (asks the front end to stop the kernel)",
            details: ["`quit` does the same. Notebooks ignore it: close the notebook or shut its kernel down instead."],
            examples: ["exit"]),
        HelpTopic(
            "quit", .command, usage: "quit", summary: "leave the console; the same as `exit`",
            details: ["See `help exit`."], examples: ["quit"]),
    ]

    static let keywords: [HelpTopic] = [
        HelpTopic(
            "and", .keyword, usage: "a and b", summary: "true when both sides are true",
            details: ["Both sides must be bool; the right side is not evaluated when the left is false."],
            examples: ["x > 0 and x < 10"]),
        HelpTopic(
            "or", .keyword, usage: "a or b", summary: "true when either side is true",
            details: ["Both sides must be bool; the right side is not evaluated when the left is true."],
            examples: ["x < 0 or x > 10"]),
        HelpTopic(
            "not", .keyword, usage: "not a", summary: "negates a bool; also `not in`",
            examples: ["not done", "x not in [1, 2]"]),
        HelpTopic(
            "in", .keyword, usage: "x in LIST_OR_STRING", summary: "membership in a list, or text inside a string",
            examples: ["\"Dream\" in [\"Dream\", \"Biscoe\"]", "\"gui\" in \"penguin\""]),
        HelpTopic(
            "is", .keyword, usage: "x is null, x is not null", summary: "tests for a missing value",
            examples: ["x is null", "x is not null"]),
        HelpTopic("true", .keyword, usage: "true", summary: "the bool value true", examples: ["done = true"]),
        HelpTopic("false", .keyword, usage: "false", summary: "the bool value false", examples: ["done = false"]),
    ]

    static let types: [HelpTopic] = [
        HelpTopic(
            "number", .type, usage: "42, 0.05, 1e-3, -2", summary: "a 64-bit floating point number",
            details: [
                "Arithmetic follows IEEE rules, as columns do: `1 / 0` is `inf`, `0 / 0` is `nan`.",
                "`%` is the remainder with the sign of the left side; `^` is power and binds tighter than unary minus: `-2^2` is `-4`.",
            ],
            examples: ["x = 2 ^ 10", "7 % 3"]),
        HelpTopic(
            "string", .type, usage: "\"text\" or 'text'", summary: "text",
            details: [
                "Escapes: `\\\"`, `\\'`, `\\\\`, `\\n`, `\\t`, `\\r`. `+` joins strings; comparisons are by Unicode order.",
            ],
            examples: ["name = \"Adelie\" + \" penguin\"", "name.length"],
            members: [
                .init(name: "length", type: "number", summary: "the number of characters"),
                .init(name: "lower", type: "string", summary: "the string in lower case"),
                .init(name: "upper", type: "string", summary: "the string in upper case"),
            ]),
        HelpTopic(
            "bool", .type, usage: "true, false", summary: "a truth value",
            details: ["Comparisons give bools; `and`, `or`, `not` and `if` take them."],
            examples: ["big = x > 100"]),
        HelpTopic(
            "list", .type, usage: "[a, b, c]", summary: "an ordered list of values",
            details: [
                "A trailing comma is allowed. `+` joins lists; `a, b = [1, 2]` binds each element.",
                "Aggregating members skip nulls and need numbers.",
            ],
            examples: ["xs = [3, 1, 2]", "xs.max", "a, b = [1, 2]"],
            members: [
                .init(name: "length", type: "number", summary: "the number of elements"),
                .init(name: "first", type: "any", summary: "the first element (an empty list is an error)"),
                .init(name: "last", type: "any", summary: "the last element (an empty list is an error)"),
                .init(name: "min", type: "number", summary: "the smallest number"),
                .init(name: "max", type: "number", summary: "the largest number"),
                .init(name: "sum", type: "number", summary: "the sum of the numbers"),
                .init(name: "mean", type: "number", summary: "the mean of the numbers"),
            ]),
        HelpTopic(
            "null", .type, usage: "null", summary: "a missing value",
            details: ["Arithmetic and functions on null give null; test for it with `is null`."],
            examples: ["x = null", "x is null"]),
    ]

    static let guides: [HelpTopic] = [
        HelpTopic(
            "operators", .guide, usage: "or, and, not, == != < <= > >= in is, + -, * / %, -x, ^, .",
            summary: "operators, loosest binding first",
            details: [
                "`+` adds numbers and joins strings and lists. Comparisons cannot be chained: write `a < b and b < c`.",
                "A statement continues on the next line while a bracket is open, when the next line starts with `|`, or when it is indented deeper.",
            ],
            examples: ["(1 + 2) * 3", "-2 ^ 2  # -4", "x in [1, 2] and x is not null"]),
        HelpTopic(
            "errors", .guide, usage: "help errors", summary: "every error the language raises, with an example of each",
            details: ["Each error has a code, a kind (`SyntaxError`, `NameError`, `TypeError`, `ValueError`, `Interrupted`) and one wording."],
            examples: ["help errors"]),
    ]
}
