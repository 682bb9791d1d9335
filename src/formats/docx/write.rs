//! Writing a `.docx`: a text as paragraphs and comments anchored on exact
//! character spans, as the smallest package Word, LibreOffice and Google
//! Docs open: `[Content_Types].xml`, the package and document
//! relationships, `word/document.xml`, `word/comments.xml`,
//! `word/styles.xml`, a header with the title, and `docProps/core.xml`.
//!
//! Written by hand rather than through a document crate because the one
//! thing that matters here is where each `w:commentRangeStart` and
//! `w:commentRangeEnd` falls: the text is cut into runs at every comment's
//! edge, so a comment begins and ends between exactly the characters its
//! mark does, overlapping comments each keep their own range, and nothing
//! else in the package can move them.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;

use super::{REL_COMMENTS, REL_CORE, REL_DOCUMENT, REL_STYLES, W_NS};

/// One comment to write: its span in characters of the text, who wrote
/// it, and its paragraphs (the first shown bold).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Anchored {
    pub start: usize,
    pub end: usize,
    pub author: String,
    /// RFC 3339 (`2026-03-02T14:05:00Z`); left out when empty.
    pub date: String,
    pub paragraphs: Vec<String>,
    /// A shading for the words (`rrggbb`), or none.
    pub fill: Option<String>,
}

/// A document to write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet<'a> {
    /// The core properties' title (what an import reads back).
    pub title: &'a str,
    /// One line atop every page (the title, the outlet); none when empty.
    pub header: &'a str,
    pub text: &'a str,
    pub comments: &'a [Anchored],
}

const REL_HEADER: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";

/// The `.docx` file's bytes.
pub fn write(sheet: &Sheet<'_>) -> Result<Vec<u8>, String> {
    let header = !sheet.header.trim().is_empty();
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types(header)),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core(sheet.title)),
        ("word/_rels/document.xml.rels", document_rels(header)),
        (
            "word/document.xml",
            document(sheet.text, sheet.comments, header),
        ),
        ("word/comments.xml", comments(sheet.comments)),
        ("word/styles.xml", STYLES.to_string()),
    ];
    if header {
        parts.push(("word/header1.xml", header_part(sheet.header)));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for (name, xml) in &parts {
        zip.start_file(*name, options).map_err(|e| e.to_string())?;
        zip.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
    }
    zip.finish().map_err(|e| e.to_string())?;
    Ok(buf.into_inner())
}

const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn content_types(header: bool) -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut s = format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"{wml}.document.main+xml\"/>\
         <Override PartName=\"/word/comments.xml\" ContentType=\"{wml}.comments+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{wml}.styles+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    );
    if header {
        let _ = write!(
            s,
            "<Override PartName=\"/word/header1.xml\" ContentType=\"{wml}.header+xml\"/>"
        );
    }
    s.push_str("</Types>");
    s
}

fn package_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_DOCUMENT}\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{REL_CORE}\" Target=\"docProps/core.xml\"/>\
         </Relationships>"
    )
}

fn document_rels(header: bool) -> String {
    format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{REL_STYLES}\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{REL_COMMENTS}\" Target=\"comments.xml\"/>{}\
         </Relationships>",
        if header {
            format!("<Relationship Id=\"rId3\" Type=\"{REL_HEADER}\" Target=\"header1.xml\"/>")
        } else {
            String::new()
        }
    )
}

fn core(title: &str) -> String {
    format!(
        "{DECL}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
         <dc:title>{}</dc:title></cp:coreProperties>",
        esc(title)
    )
}

fn header_part(line: &str) -> String {
    let mut p = String::new();
    runs(&mut p, line, None);
    format!(
        "{DECL}<w:hdr xmlns:w=\"{W_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>{p}</w:p></w:hdr>"
    )
}

/// Text made safe for XML: escaped, and the characters XML 1.0 cannot hold
/// (control characters other than tab and line breaks) replaced one for
/// one by U+FFFD, so every later character keeps its offset.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // A raw carriage return would be read back as a line feed.
            '\r' => out.push_str("&#xD;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Appends runs for `text`: tabs as `w:tab`, line breaks as `w:br`, with
/// the shading `fill` if given.
fn runs(out: &mut String, text: &str, fill: Option<&str>) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if let Some(f) = fill {
        let _ = write!(
            out,
            "<w:rPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{f}\"/></w:rPr>"
        );
    }
    let mut word = String::new();
    let flush = |out: &mut String, word: &mut String| {
        if !word.is_empty() {
            let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", esc(word));
            word.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(out, &mut word);
                out.push_str("<w:tab/>");
            }
            '\n' => {
                flush(out, &mut word);
                out.push_str("<w:br/>");
            }
            c => word.push(c),
        }
    }
    flush(out, &mut word);
    out.push_str("</w:r>");
}

/// The paragraphs of `text` as char ranges: cut at each blank line (`\n\n`)
/// that has a character after it; a paragraph is never empty (unless the
/// text is), so further line breaks open the next paragraph as `w:br`.
pub(super) fn paragraphs(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let cut = (start + 1..text.len())
            .find(|&j| j + 2 < text.len() && text[j] == '\n' && text[j + 1] == '\n');
        match cut {
            Some(j) => {
                out.push((start, j));
                start = j + 2;
            }
            None => {
                out.push((start, text.len()));
                return out;
            }
        }
    }
}

/// What happens at one place of a paragraph, in order: comments end (and
/// their reference follows), then comments begin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Edge {
    End(usize),
    Start(usize),
}

fn document(text: &str, comments: &[Anchored], header: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let paras = paragraphs(&chars);
    // Each comment's edges, placed in paragraphs: a place between the two
    // line breaks of a paragraph break moves to the nearer paragraph edge.
    let mut edges: BTreeSet<(usize, usize, Edge)> = BTreeSet::new();
    for (i, c) in comments.iter().enumerate() {
        let start = place(&paras, c.start.min(chars.len()), true);
        let end = place(&paras, c.end.min(chars.len()), false);
        if end <= start {
            // On nothing but a paragraph break: no words to anchor on.
            continue;
        }
        edges.insert((start.0, start.1, Edge::Start(i)));
        edges.insert((end.0, end.1, Edge::End(i)));
    }
    let mut body = String::new();
    let mut open: Vec<usize> = Vec::new();
    let mut edges = edges.into_iter().peekable();
    for (p, &(from, to)) in paras.iter().enumerate() {
        body.push_str("<w:p>");
        let mut at = from;
        loop {
            while let Some(&(ep, eat, edge)) = edges.peek() {
                if ep != p || eat != at {
                    break;
                }
                edges.next();
                match edge {
                    Edge::Start(i) => {
                        open.push(i);
                        let _ = write!(body, "<w:commentRangeStart w:id=\"{i}\"/>");
                    }
                    Edge::End(i) => {
                        open.retain(|&o| o != i);
                        let _ = write!(
                            body,
                            "<w:commentRangeEnd w:id=\"{i}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{i}\"/></w:r>"
                        );
                    }
                }
            }
            if at >= to {
                break;
            }
            let next = edges
                .peek()
                .filter(|(ep, _, _)| *ep == p)
                .map_or(to, |(_, eat, _)| (*eat).min(to));
            let piece: String = chars[at..next].iter().collect();
            let fill = open.iter().rev().find_map(|&i| comments[i].fill.as_deref());
            runs(&mut body, &piece, fill);
            at = next;
        }
        body.push_str("</w:p>");
    }
    // Edges past the last paragraph (none when placed as above).
    for (_, _, edge) in edges {
        if let Edge::End(i) = edge {
            let _ = write!(body, "<w:p><w:commentRangeEnd w:id=\"{i}\"/></w:p>");
        }
    }
    format!(
        "{DECL}<w:document xmlns:w=\"{W_NS}\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:body>{body}<w:sectPr>{}\
         <w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>",
        if header {
            "<w:headerReference w:type=\"default\" r:id=\"rId3\"/>"
        } else {
            ""
        }
    )
}

/// Where character place `at` of the text falls: (paragraph, place). A
/// place inside a paragraph break goes to the next paragraph's start for a
/// comment's start, to the previous paragraph's end for its end.
fn place(paras: &[(usize, usize)], at: usize, start: bool) -> (usize, usize) {
    for (i, &(from, to)) in paras.iter().enumerate() {
        if at <= to {
            if at >= from {
                return (i, at);
            }
            // Between paragraph i-1 and i.
            return if start || i == 0 {
                (i, from)
            } else {
                (i - 1, paras[i - 1].1)
            };
        }
    }
    let last = paras.len().saturating_sub(1);
    (last, paras.get(last).map_or(0, |p| p.1))
}

fn comments(comments: &[Anchored]) -> String {
    let mut s = format!("{DECL}<w:comments xmlns:w=\"{W_NS}\">");
    for (i, c) in comments.iter().enumerate() {
        let initials: String = c
            .author
            .split(|ch: char| !ch.is_alphanumeric())
            .filter_map(|w| w.chars().next())
            .take(3)
            .collect();
        let _ = write!(
            s,
            "<w:comment w:id=\"{i}\" w:author=\"{}\" w:initials=\"{}\"",
            esc(&c.author),
            esc(&initials)
        );
        if !c.date.is_empty() {
            let _ = write!(s, " w:date=\"{}\"", esc(&c.date));
        }
        s.push('>');
        let paragraphs: &[String] = if c.paragraphs.is_empty() {
            &[String::new()]
        } else {
            &c.paragraphs
        };
        for (n, p) in paragraphs.iter().enumerate() {
            s.push_str("<w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>");
            if n == 0 {
                s.push_str(
                    "<w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r>",
                );
            }
            let mut r = String::new();
            runs(&mut r, p, None);
            if n == 0 {
                // The first line (the category) bold.
                r = r.replacen("<w:r>", "<w:r><w:rPr><w:b/></w:rPr>", 1);
            }
            s.push_str(&r);
            s.push_str("</w:p>");
        }
        s.push_str("</w:comment>");
    }
    s.push_str("</w:comments>");
    s
}

/// The styles the parts name: body text, header, comment text and mark.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>",
    "<w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>",
    "</w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"18\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"CommentText\"><w:name w:val=\"annotation text\"/><w:basedOn w:val=\"Normal\"/>",
    "<w:pPr><w:spacing w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/></w:rPr></w:style>",
    "<w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation reference\"/>",
    "<w:rPr><w:sz w:val=\"16\"/></w:rPr></w:style>",
    "</w:styles>"
);

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        paragraphs(&chars)
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn paragraphs_are_cut_at_blank_lines_and_never_empty() {
        assert_eq!(paras("One\n\nTwo"), ["One", "Two"]);
        assert_eq!(paras("One\n\n\n\nTwo"), ["One", "\n\nTwo"]);
        assert_eq!(paras("One\nline\n\n"), ["One\nline\n\n"]);
        assert_eq!(paras("\n\nOne"), ["\n\nOne"]);
        assert_eq!(paras(""), [""]);
        assert_eq!(paras("a\n\nb\n\nc"), ["a", "b", "c"]);
    }

    #[test]
    fn a_place_inside_a_paragraph_break_moves_to_a_paragraph_edge() {
        let p = [(0, 3), (5, 8)];
        assert_eq!(place(&p, 4, true), (1, 5));
        assert_eq!(place(&p, 4, false), (0, 3));
        assert_eq!(place(&p, 3, true), (0, 3));
        assert_eq!(place(&p, 8, false), (1, 8));
    }

    #[test]
    fn text_xml_cannot_hold_is_replaced_one_for_one() {
        assert_eq!(esc("a<b&\u{1}\"c\r"), "a&lt;b&amp;\u{FFFD}&quot;c&#xD;");
    }
}
