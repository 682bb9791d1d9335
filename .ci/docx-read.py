#!/usr/bin/python3
"""Reads a .docx with python-docx, as a reader independent of Candor's, and
prints each comment as JSON: [author, the text its range covers, its first
line]. The text is the body's paragraphs joined by a blank line (empty
paragraphs carry none), w:br as a line break and w:tab as a tab, which is
how Candor maps its text to paragraphs (docs/import-export.md).

Used by tests/formats/word.rs through .ci/docx-check.
"""
import json
import sys

import docx
from docx.oxml.ns import qn
from lxml import etree

COMMENTS = ("http://schemas.openxmlformats.org/officeDocument/2006/"
            "relationships/comments")


def main(path):
    document = docx.Document(path)
    comments_part = next(
        rel.target_part for rel in document.part.rels.values()
        if rel.reltype == COMMENTS)
    comments = etree.fromstring(comments_part.blob)

    text = []        # pieces of the whole text
    length = 0       # characters so far
    starts, ends = {}, {}
    for p in document.element.body.iter(qn("w:p")):
        pieces, marks = [], []
        for el in p.iter():
            if el.tag == qn("w:t"):
                pieces.append(el.text or "")
            elif el.tag == qn("w:tab"):
                pieces.append("\t")
            elif el.tag == qn("w:br"):
                pieces.append("\n")
            elif el.tag in (qn("w:commentRangeStart"), qn("w:commentRangeEnd")):
                marks.append((len("".join(pieces)), el.tag, el.get(qn("w:id"))))
        words = "".join(pieces)
        base = length + (2 if words and length else 0)
        for at, tag, cid in marks:
            # An edge before a paragraph's first character is after the
            # break that opens the paragraph.
            where = starts if tag == qn("w:commentRangeStart") else ends
            where[cid] = base + at
        if words:
            if length:
                text.append("\n\n")
                length += 2
            text.append(words)
            length += len(words)
    whole = "".join(text)

    out = []
    for c in comments.iter(qn("w:comment")):
        cid = c.get(qn("w:id"))
        first = "".join(t.text or "" for t in next(c.iter(qn("w:p"))).iter(qn("w:t")))
        out.append([c.get(qn("w:author")), whole[starts[cid]:ends[cid]], first])
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
