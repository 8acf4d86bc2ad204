/// Names a program uses that nothing in it binds (DL238).
///
/// A Python file, or a notebook's code cells, runs as written: a name that no import, assignment,
/// parameter, loop, `with`, `except`, comprehension, lambda or definition binds anywhere in it, and
/// that Python and IPython do not provide, raises NameError when its line runs (`math.pi` in a
/// module that imports only torch). A block fenced in prose is an excerpt whose imports were left
/// out, so documents with one are not judged; nor are programs that can bind names no one can list
/// (`from m import *`, `exec`, `globals()`, `%run`, `%pylab`, `%store`), nor those with a block the
/// parser did not read.
extension CodeAnalysis {
    /// Python 3's builtins (3.8 to 3.13), the module attributes every module has, and the names
    /// IPython puts in a notebook's namespace.
    static let runtimeNames: Set<String> = [
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError",
        "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
        "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning",
        "EnvironmentError", "Exception", "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError",
        "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning",
        "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt",
        "LookupError", "MemoryError", "ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented",
        "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError",
        "ProcessLookupError", "PythonFinalizationError", "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError",
        "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError",
        "SystemExit", "TabError", "TimeoutError", "True", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
        "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError",
        "Warning", "ZeroDivisionError", "__build_class__", "__debug__", "__doc__", "__import__", "__loader__",
        "__name__", "__package__", "__spec__", "__file__", "__path__", "__builtins__", "__annotations__", "__dict__",
        "__class__", "__cached__", "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint",
        "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits", "delattr",
        "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset",
        "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass", "iter",
        "len", "license", "list", "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord",
        "pow", "print", "property", "quit", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted",
        "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
        // IPython's namespace.
        "display", "get_ipython", "In", "Out", "_", "__", "___", "_i", "_ii", "_iii", "_oh", "_dh", "_ih",
        // Python 2's builtins: a program of that era names them on purpose.
        "xrange", "unicode", "basestring", "raw_input", "unichr", "long", "reduce", "execfile", "cmp", "file",
        "apply", "buffer", "intern", "coerce",
    ]

    /// Lines (magics already read as comments) that bind names the program does not show.
    static func bindsUnlistedNames(_ text: String) -> Bool {
        if ["exec(", "execfile(", "globals()", "locals()", "__builtins__", "builtins.", "get_ipython()", "import *", "vars()["]
            .contains(where: { text.contains($0) }) { return true }
        return text.split(separator: "\n").contains { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            // `%run other.py`, `%pylab inline`, `%store -r table`, `%load cell.py`, `%%writefile`
            // cells: magics that bind names or make the cell something other than Python.
            return ["#run ", "#pylab", "#store ", "#load ", "#macro ", "#%writefile", "#%bash", "#%script", "#%sh", "#%html", "#%javascript", "#%latex", "#%markdown"]
                .contains { trimmed.hasPrefix($0) }
        }
    }

    /// Every name the statements bind at any level: in functions and methods (with their
    /// parameters) as well as at module level.
    static func everyBoundName(_ statements: [PyStatement]) -> Set<String> {
        var names = Set<String>()
        NameCheck.boundNames(statements, into: &names)
        PyStatement.forEach(in: statements) { s, _ in
            if case .function(_, let params, let body, _) = s { names.formUnion(NameCheck.localNames(params, body)) }
        }
        return names
    }

    /// Why the program's names cannot be judged, or nil when they can.
    static func neverBoundSkipReason(_ programs: [(span: CodeSpan, statements: [PyStatement])]) -> String? {
        // An exercise's gap (`# your code here`) is where the names used after it are to be bound.
        if programs.contains(where: { blockHoldsPlaceholder($0.span) }) { return "the code holds an exercise's gap, where names used later are to be bound" }
        var imports = false, methodOutsideClass = false
        for p in programs {
            PyStatement.forEach(in: p.statements) { s, _ in if case .importNames = s { imports = true } }
            for case .function(_, let params, _, _) in p.statements where params.first?.name == "self" { methodOutsideClass = true }
        }
        // A blog's notebook that shows its classes and hides its set-up, a file of code listings:
        // pieces of a program, not one.
        if !imports { return "the code imports nothing: it is a piece of a program whose set-up is not shown" }
        // `def sample(self, model, n):` at the top of a cell quotes a method of a class kept elsewhere.
        if methodOutsideClass { return "a method is quoted outside its class: the code quotes a program kept elsewhere" }
        // `velocity_model: ModelWrapper = ...  # Train the model`: a name given `...` stands for a
        // part the example leaves out, so the names that part would bind are not missing.
        if programs.contains(where: { assignsPlaceholder($0.statements, in: $0.span.source) }) {
            return "the code gives names `...` for parts it leaves out: it is a template, not a whole program"
        }
        return nil
    }

    /// Whether a statement at the top level of `statements` assigns `...` (Ellipsis) to a name, or
    /// is `...` alone (`... # Optimize the model`): a part the example leaves out. Inside a
    /// function, `...` is a stub's body and says nothing of the program.
    static func assignsPlaceholder(_ statements: [PyStatement], in source: SourceText) -> Bool {
        statements.contains { statement in
            switch statement {
            case .assign(_, .other(let offset), _), .expression(.other(let offset), _): return isEllipsis(at: offset, in: source)
            default: return false
            }
        }
    }

    /// One finding per name: its first use.
    /// `programs`: the document's runnable blocks, in order. `bound`: every name anything in
    /// them binds, at any level.
    static func neverBoundFindings(_ programs: [(span: CodeSpan, statements: [PyStatement])], bound: Set<String>) -> [[CodeFinding]] {
        let program = programs.contains { $0.span.source.cell != nil } ? "notebook" : "file"
        var seen = Set<String>()
        return programs.map { p in
            NameCheck.uses(reachable(p.statements, in: p.span.source)).compactMap { name, at in
                guard !bound.contains(name), !runtimeNames.contains(name), seen.insert(name).inserted else { return nil }
                let fix = conventionalImports[name]
                return CodeFinding(rule: .neverBoundName, offset: at,
                                   message: "'\(name)' is never imported, assigned or defined in this \(program): Python raises NameError when this line runs" + (fix.map { "; add `\($0)`" } ?? ""),
                                   fix: fix)
            }
        }
    }

    /// The statements that can run: those after a `return`, `raise`, `break` or `continue` in
    /// the same list never do (`raise NotImplementedError(…)` above the sketch of the code to come).
    static func reachable(_ list: [PyStatement], in source: SourceText) -> [PyStatement] {
        var out: [PyStatement] = []
        for s in list {
            switch s {
            case .function(let name, let params, let body, let at): out.append(.function(name: name, parameters: params, body: reachable(body, in: source), at: at))
            case .classDef(let name, let body, let at): out.append(.classDef(name: name, body: reachable(body, in: source), at: at))
            case .ifChain(let branches, let orElse, let at):
                out.append(.ifChain(branches: branches.map { ($0.test, reachable($0.body, in: source)) }, orElse: reachable(orElse, in: source), at: at))
            case .forLoop(let target, let iterable, let body, let at): out.append(.forLoop(target: target, iterable: iterable, body: reachable(body, in: source), at: at))
            case .whileLoop(let test, let body, let at): out.append(.whileLoop(test: test, body: reachable(body, in: source), at: at))
            case .block(let body, let at): out.append(.block(body: reachable(body, in: source), at: at))
            default: out.append(s)
            }
            switch s {
            case .returnValue, .breakLoop: return out
            case .other(let at):
                let keyword = source.slice(at, min(at + 9, source.scalars.count)).prefix { $0.isLetter }
                if keyword == "raise" || keyword == "continue" { return out }
            default: break
            }
        }
        return out
    }

    /// The import that binds a module under the name diffusion code gives it.
    static let conventionalImports: [String: String] = [
        "math": "import math", "np": "import numpy as np", "numpy": "import numpy", "torch": "import torch",
        "nn": "import torch.nn as nn", "F": "import torch.nn.functional as F", "plt": "import matplotlib.pyplot as plt",
        "os": "import os", "sys": "import sys", "random": "import random", "time": "import time", "json": "import json",
        "optim": "from torch import optim", "torchvision": "import torchvision", "copy": "import copy",
        "tqdm": "from tqdm import tqdm", "einops": "import einops", "rearrange": "from einops import rearrange",
        "jnp": "import jax.numpy as jnp", "jax": "import jax", "scipy": "import scipy", "pd": "import pandas as pd",
        "warnings": "import warnings", "logging": "import logging", "functools": "import functools", "partial": "from functools import partial",
    ]
}
