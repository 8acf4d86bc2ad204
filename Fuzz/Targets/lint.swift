// Targets `markdown`, `python` and `notebook`: the inputs of `checker lint`. Markdown and Python
// use a token-level text mutator (delimiters, LaTeX commands, Python constructs, long repeats);
// notebooks the JSON mutator. The properties are in Tests/RobustnessTests/Checks/NotesLintChecks.swift.

extension FuzzTarget {
    static let markdown = FuzzTarget(name: "markdown", mutator: .text(tokens: markdownTokens)) { NotesLintChecks.markdown($0) }
    static let python = FuzzTarget(name: "python", mutator: .text(tokens: pythonTokens)) { NotesLintChecks.python($0) }
    static let notebook = FuzzTarget(name: "notebook", mutator: .json(names: notebookNames)) { NotesLintChecks.notebook($0) }
}

private let markdownTokens = [
    "$", "$$", "\\(", "\\)", "\\[", "\\]", "{", "}", "\\frac{", "}{", "\\sqrt{", "\\bar{\\alpha}_t", "\\bar\\alpha_{t-1}",
    "\\alpha_t", "\\beta_t", "\\tilde{\\beta}_t", "\\epsilon", "\\sigma_t^2", "\\eta", "\\prod_{s=1}^{t}", "\\sum_{t=1}^{T}",
    "\\mathcal{N}(", "\\mathbf{x}_0", "x_t", "^{", "_{", "\\left(", "\\right)", "\\begin{aligned}", "\\end{aligned}",
    "\\begin{align}", "\\end{align}", "\\\\", "&=", "\\cdot", "\\sqrt{1-\\bar\\alpha_t}", "\\log", "\\exp(", "\\cos^2",
    "\\pi", "1e-4", "0.02", "T = 1000", "- beta_start: 0.0001\n", "```python\n", "```\n", "`", "# ", "\n\n",
    "<!-- checker-lint: ignore -->", "%", "\\text{", "\\operatorname{", "''", "\u{00A0}", "ᾱ", "√",
]

private let pythonTokens = [
    "def ", "return ", "lambda ", "for ", " in ", "range(", "while ", "if ", "else:", "elif ", "import torch\n",
    "import numpy as np\n", "torch.randn(", "torch.rand_like(", "np.linspace(", "torch.linspace(", "torch.cumprod(",
    "np.cumprod(", "torch.sqrt(", "math.cos(", "math.pi", "**", "* ", "/ ", "(", ")", "[", "]", ":", ",", "=",
    "\n    ", "\n", "#", "\"\"\"", "'", "\"", "10**12", "1e308", "-1", "0", "1000", "betas", "alphas_cumprod",
    "alphas_cumprod_prev", "x_t", "eps", "model_output", "[::-1]", "[1:]", "yield ", "class ", "self.", "None",
    "True", "with ", "async ", "@", "\\\n", "\t",
]

private let notebookNames = [
    "cells", "cell_type", "markdown", "code", "raw", "source", "metadata", "outputs", "execution_count", "nbformat",
    "nbformat_minor", "kernelspec", "$\\bar\\alpha_t = \\prod_{s=1}^{t}(1-\\beta_s)$", "$$x_t = \\sqrt{\\bar\\alpha_t}x_0$$",
    "betas = torch.linspace(1e-4, 0.02, 1000)\n", "%matplotlib inline\n", "!pip install diffusers\n", "$\\frac{1}{",
]
