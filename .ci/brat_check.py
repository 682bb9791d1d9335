"""Every .ann file under the folders given, loaded by brat's own parser
(.ci/brat/annotation.py) beside its .txt, as brat's server loads a document:
each line brat refuses, or reports an error about (a text-bound annotation
whose text is not the document's text at its offsets, a note on an
annotation that does not exist...), is printed, and the exit code is 1 if
there is any. Prints how many files, annotations and discontinuous spans it
read, so a run that read nothing is seen."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent / "brat"))
import annotation  # noqa: E402  brat's module, found through the path above


def open_textfile(filename, mode="r"):
    # brat opens with mode "rU", which Python 3.11 refuses; newline="" keeps
    # line breaks as they are, as brat's binary-mode codecs reader does.
    mode = mode.replace("U", "").replace("b", "")
    return open(filename, mode, encoding="utf8", errors="strict", newline="")


annotation.open_textfile = open_textfile


def check(ann_path):
    problems = []
    doc = str(ann_path.with_suffix(""))
    with annotation.TextAnnotations(doc, read_only=True) as ann:
        lines = ann_path.read_text(encoding="utf8").splitlines()
        for n in ann.failed_lines:
            problems.append(f"{ann_path}:{n + 1}: brat could not read {lines[n]!r}")
        for message in ann.messages.messages.errors:
            problems.append(f"{ann_path}: {message}")
        bounds = list(ann.get_textbounds())
        pieces = sum(1 for t in bounds if len(t.spans) > 1)
        notes = sum(1 for _ in ann.get_oneline_comments())
    return problems, len(bounds), pieces, notes


def main(folders):
    files = sorted(f for d in folders for f in pathlib.Path(d).rglob("*.ann"))
    if not files:
        print(f"no .ann file under {' '.join(folders)}", file=sys.stderr)
        return 1
    problems, bounds, pieces, notes = [], 0, 0, 0
    for f in files:
        p, b, d, n = check(f)
        problems += p
        bounds += b
        pieces += d
        notes += n
    print(
        f"brat read {len(files)} .ann file(s): {bounds} text-bound annotation(s), "
        f"{pieces} of them in fragments, {notes} note(s)"
    )
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) brat found", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
