#!/usr/bin/env python3
"""Score `checker lint` against the hand-labelled real-world corpus.

Each corpus/real-world/documents/<id>.json names a public file (repository, path, commit), the
local file name its text is expected under, and the lines a specialist marks wrong. The texts
themselves are not in the repository; download them into one folder (see corpus/real-world/README.md)
and run

    python3 scripts/score-lint-corpus.py --texts DIR --checker PATH [--json] [--only ID ...]

A finding of severity error or warning is *true* when it lies on a labelled error: same notebook
cell (or both outside notebooks) and its line within [line, endLine] of the label. Recall is the
share of labelled errors that at least one finding lands on; precision is the share of findings
that land on a labelled error. Findings of severity note or info are counted apart and take no
part in precision.

Positions: `checker lint --format json` reports a notebook cell 1-based in location.cell (the
n-th cell of the notebook, counting markdown, code and raw cells alike, as the labels count it),
the line within that cell's source in location.cellLine, and the line of the .ipynb file itself
in location.line. The scorer compares the cell and the line within the cell.

A Python file is linted together with the corpus's other Python files of the same repository,
laid out under their repository paths in a temporary folder, so that an import of a sibling
module resolves as in the repository; only the findings on the file itself are scored.

Only the Python standard library is used. With no texts (folder absent or holding none of the
documents' files) the scorer prints one line and exits 0, so it can run anywhere.
Exit status: 0 scored (or skipped), 2 bad usage, a malformed label file or a checker that
cannot be run.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DOCUMENTS = os.path.join(REPO_ROOT, "corpus", "real-world", "documents")
COUNTED = {"error", "warning"}
REQUIRED = ("id", "repository", "path", "commit", "file", "kind", "errors")
CHECKER_TIMEOUT_SECONDS = 300


class LabelError(Exception):
    pass


def fail(message):
    print(f"score-lint-corpus: {message}", file=sys.stderr)
    sys.exit(2)


def load_documents(directory):
    """Reads and validates every label file; a malformed one stops the run with its name."""
    if not os.path.isdir(directory):
        fail(f"{directory}: no documents folder")
    documents = []
    seen = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(directory, name)
        try:
            with open(path, encoding="utf-8") as handle:
                doc = json.load(handle)
            validate(doc)
        except (OSError, ValueError) as error:
            fail(f"{path}: not readable JSON: {error}")
        except LabelError as error:
            fail(f"{path}: {error}")
        if doc["id"] in seen:
            fail(f"{path}: id {doc['id']!r} is also used by {seen[doc['id']]}")
        seen[doc["id"]] = path
        documents.append(doc)
    return documents


def validate(doc):
    if not isinstance(doc, dict):
        raise LabelError("expected a JSON object")
    for key in REQUIRED:
        if key not in doc:
            raise LabelError(f"missing field {key!r}")
    if not isinstance(doc["errors"], list):
        raise LabelError("'errors' must be a list")
    notebook = doc["kind"] == "notebook"
    for index, label in enumerate(doc["errors"] + doc.get("tricky", [])):
        where = f"label {index + 1}"
        line = label.get("line")
        if not isinstance(line, int) or line < 1:
            raise LabelError(f"{where}: 'line' must be a positive integer")
        end = label.get("endLine", line)
        if end is None:
            end = line
        if not isinstance(end, int) or end < line:
            raise LabelError(f"{where}: 'endLine' must be an integer >= line")
        cell = label.get("cell")
        if notebook and (not isinstance(cell, int) or cell < 1):
            raise LabelError(f"{where}: a notebook label needs a 1-based 'cell'")
        if not notebook and cell is not None:
            raise LabelError(f"{where}: 'cell' must be null outside notebooks")


def find_checker(explicit):
    if explicit:
        if os.path.isfile(explicit) and os.access(explicit, os.X_OK):
            return explicit
        fail(f"--checker {explicit}: not an executable file")
    for candidate in (os.path.join(REPO_ROOT, ".build", "release", "checker"),
                      os.path.join(REPO_ROOT, ".build", "debug", "checker"),
                      shutil.which("checker")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    fail("no checker found: build it (swift build -c release) or pass --checker PATH")


def run_lint(checker, path, companions=()):
    """Returns (findings, problem); problem is a message when the checker refused the file.

    `companions`: other files linted in the same run (a package's sibling modules), whose own
    findings are dropped; only the findings on `path` are returned."""
    try:
        done = subprocess.run([checker, "lint", path, *companions, "--format", "json"], capture_output=True,
                              text=True, timeout=CHECKER_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return [], f"checker did not finish within {CHECKER_TIMEOUT_SECONDS} s"
    except OSError as error:
        fail(f"cannot run {checker}: {error}")
    if done.returncode not in (0, 1):
        first = (done.stderr.strip().splitlines() or ["(no message)"])[0]
        return [], f"checker exit {done.returncode}: {first}"
    try:
        findings = json.loads(done.stdout or "[]")
    except ValueError:
        return [], "checker output is not JSON"
    if not isinstance(findings, list):
        return [], "checker output is not a JSON array"
    if companions:
        findings = [f for f in findings if (f.get("location") or {}).get("file") == path]
    return findings, None


def lint_with_siblings(checker, texts, doc, siblings):
    """A Python file is linted together with the other Python files of its repository that the
    corpus holds, laid out under their repository paths, so that `from pkg.module import name`
    between them resolves as it does in the repository."""
    if not siblings:
        return run_lint(checker, os.path.join(texts, doc["file"]))
    with tempfile.TemporaryDirectory() as root:
        staged = []
        for member in [doc, *siblings]:
            target = os.path.join(root, member["path"])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(texts, member["file"]), target)
            staged.append(target)
        return run_lint(checker, staged[0], staged[1:])


def python_siblings(doc, documents, texts):
    """The other Python documents of the same repository whose texts are present."""
    if not doc["path"].endswith(".py"):
        return []
    return [other for other in documents
            if other is not doc and other["repository"] == doc["repository"] and other["path"].endswith(".py")
            and other["path"] != doc["path"] and os.path.isfile(os.path.join(texts, other["file"]))]


def position(finding):
    location = finding.get("location") or {}
    cell = location.get("cell")
    if cell is None:
        return None, int(location.get("line") or 0)
    # In a notebook, `line` is the line of the .ipynb file itself and `cellLine` the line within
    # the cell's source, which is what the labels count.
    return int(cell), int(location.get("cellLine") or location.get("line") or 0)


def label_span(label):
    end = label.get("endLine")
    return label["line"], (label["line"] if end is None else end)


def score_document(doc, findings):
    labels = doc["errors"]
    hit = [False] * len(labels)
    false_alarms, notes = [], []
    true_count = 0
    for finding in findings:
        severity = str(finding.get("severity", "")).lower()
        cell, line = position(finding)
        if severity not in COUNTED:
            notes.append(finding)
            continue
        matched = False
        for index, label in enumerate(labels):
            first, last = label_span(label)
            if label.get("cell") == cell and first <= line <= last:
                hit[index] = True
                matched = True
        if matched:
            true_count += 1
        else:
            false_alarms.append(finding)
    misses = [label for index, label in enumerate(labels) if not hit[index]]
    counted = true_count + len(false_alarms)
    return {
        "id": doc["id"],
        "language": doc.get("language"),
        "style": doc.get("style"),
        "labelled": len(labels),
        "found": sum(hit),
        "recall": ratio(sum(hit), len(labels)),
        "findings": counted,
        "true": true_count,
        "false": len(false_alarms),
        "precision": ratio(true_count, counted),
        "notes": len(notes),
        "false_alarms": [describe_finding(doc["id"], f) for f in false_alarms],
        "misses": [describe_label(doc["id"], l) for l in misses],
    }


def ratio(numerator, denominator):
    return None if denominator == 0 else numerator / denominator


def where(doc_id, cell, line):
    return f"{doc_id}:cell {cell}:{line}" if cell is not None else f"{doc_id}:{line}"


def describe_finding(doc_id, finding):
    cell, line = position(finding)
    code = finding.get("code", "?")
    return f"{where(doc_id, cell, line)}: [{code}] {finding.get('message', '')}"


def describe_label(doc_id, label):
    first, last = label_span(label)
    span = str(first) if first == last else f"{first}-{last}"
    return f"{where(doc_id, label.get('cell'), span)}: ({label.get('class', '?')}) {label.get('why', '')}"


def percent(value):
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def total_of(rows):
    total = {key: sum(row[key] for row in rows)
             for key in ("labelled", "found", "findings", "true", "false", "notes")}
    total["recall"] = ratio(total["found"], total["labelled"])
    total["precision"] = ratio(total["true"], total["findings"])
    total["documents"] = len(rows)
    return total


def print_text(rows, total, unscored):
    header = f"{'document':<34} {'labelled':>8} {'found':>5} {'recall':>7}   {'findings':>8} {'true':>4} {'false':>5} {'precision':>9} {'notes':>5}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(f"{row['id'][:34]:<34} {row['labelled']:>8} {row['found']:>5} {percent(row['recall']):>7}   "
              f"{row['findings']:>8} {row['true']:>4} {row['false']:>5} {percent(row['precision']):>9} {row['notes']:>5}")
    print("-" * len(header))
    print(f"{'TOTAL (' + str(total['documents']) + ' documents)':<34} {total['labelled']:>8} {total['found']:>5} "
          f"{percent(total['recall']):>7}   {total['findings']:>8} {total['true']:>4} {total['false']:>5} "
          f"{percent(total['precision']):>9} {total['notes']:>5}")
    for doc_id, problem in unscored:
        print(f"not scored: {doc_id}: {problem}")
    print()
    print("false alarms:")
    for row in rows:
        for line in row["false_alarms"]:
            print(f"  {line}")
    print("misses:")
    for row in rows:
        for line in row["misses"]:
            print(f"  {line}")


LANGUAGES = {"zh": "Chinese", "en": "English", "ja": "Japanese", "ko": "Korean"}


def source_of(doc):
    """The README's grouping: code by kind, notes by language."""
    if doc["id"].startswith("code-"):
        if doc["style"] == "library-code":
            return "code: library implementations"
        if doc["kind"] == "notebook":
            return "code: notebooks"
        return "code: tutorials and student repositories"
    return "notes: " + LANGUAGES.get(doc["language"], "bilingual")


def whole(value):
    return "n/a" if value is None else f"{100 * value:.0f}%"


def print_by_source(rows, documents, total):
    by_id = {doc["id"]: doc for doc in documents}
    groups = {}
    for row in rows:
        groups.setdefault(source_of(by_id[row["id"]]), []).append(row)
    print("| source | documents | labelled errors | found | recall | error/warning findings | true | precision |")
    print("|---|---|---|---|---|---|---|---|")
    for name in sorted(groups):
        t = total_of(groups[name])
        print(f"| {name} | {t['documents']} | {t['labelled']} | {t['found']} | {whole(t['recall'])} | "
              f"{t['findings']} | {t['true']} | {whole(t['precision'])} |")
    print(f"| **total** | {total['documents']} | {total['labelled']} | {total['found']} | {percent(total['recall']).strip()} | "
          f"{total['findings']} | {total['true']} | {percent(total['precision']).strip()} |")


def main():
    parser = argparse.ArgumentParser(description="Score checker lint on the labelled real-world corpus.")
    parser.add_argument("--texts", required=True, help="folder holding the downloaded texts, named as each document's 'file'")
    parser.add_argument("--checker", help="path of the checker executable (default: .build/release/checker, then PATH)")
    parser.add_argument("--documents", default=DEFAULT_DOCUMENTS, help="folder of the label files")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--only", nargs="+", metavar="ID", help="score only these document ids")
    parser.add_argument("--by-source", action="store_true", help="print the README's table: totals per source (code by kind, notes by language)")
    args = parser.parse_args()

    documents = load_documents(args.documents)
    every_document = documents
    if args.only:
        unknown = set(args.only) - {doc["id"] for doc in documents}
        if unknown:
            fail(f"--only: no document with id {', '.join(sorted(unknown))}")
        documents = [doc for doc in documents if doc["id"] in args.only]

    present = []
    if os.path.isdir(args.texts):
        present = [doc for doc in documents if os.path.isfile(os.path.join(args.texts, doc["file"]))]
    if not present:
        print("corpus texts not found: skipped")
        return 0

    checker = find_checker(args.checker)
    rows, unscored = [], []
    for doc in present:
        findings, problem = lint_with_siblings(checker, args.texts, doc, python_siblings(doc, every_document, args.texts))
        if problem:
            unscored.append((doc["id"], problem))
            continue
        rows.append(score_document(doc, findings))
    absent = [doc["id"] for doc in documents if doc not in present]
    total = total_of(rows)

    if args.json:
        json.dump({"documents": rows, "total": total, "absent": absent,
                   "unscored": [{"id": i, "problem": p} for i, p in unscored]},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.by_source:
        print_by_source(rows, documents, total)
    else:
        print_text(rows, total, unscored)
        if absent:
            print(f"texts absent for {len(absent)} document(s): {', '.join(absent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
