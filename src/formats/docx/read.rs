//! Reading a `.docx`: the text of its body, its title and its comments,
//! with each comment's span counted in characters of that text.
//!
//! What is text: every paragraph of the body in order (headings, list
//! items and each table cell's paragraphs are paragraphs like any other),
//! tracked insertions included, tracked deletions and moved-away text left
//! out, as Word shows the document with its changes accepted. Footnotes,
//! endnotes, headers, footers, text boxes, drawings and field codes are
//! other parts or hidden, and left out. What is refused, with the reason:
//! an encrypted (password-protected) or old binary `.doc` file, a
//! macro-enabled `.docm`, a file that is not a zip, has no document part,
//! or whose XML is broken.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};

use super::{REL_COMMENTS, REL_CORE, REL_DOCUMENT, REL_STYLES, W_NS, limits};

/// What a `.docx` holds, as Candor takes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The body's paragraphs, separated by a blank line.
    pub text: String,
    /// The core properties' title, else the first heading's text.
    pub title: Option<String>,
    /// Comments anchored on at least one character, in document order.
    pub comments: Vec<Comment>,
    /// Comments left out, and why (anchored on no words, no range).
    pub skipped: Vec<String>,
}

/// One Word comment and the words it is anchored on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comment {
    /// Characters of [`Document::text`], `start..end`.
    pub start: usize,
    pub end: usize,
    pub author: String,
    /// As the file says it (`2026-03-02T14:05:00Z`), or empty.
    pub date: String,
    /// The comment's own paragraphs, in order.
    pub paragraphs: Vec<String>,
}

/// The first bytes of an OLE compound file: an encrypted `.docx` (Word
/// wraps it in one) or a Word 97-2003 `.doc`.
const OLE: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// Markup compatibility: `mc:Fallback` repeats what `mc:Choice` holds.
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Reads a `.docx` from its bytes. The error is why it is refused, in
/// words for the person who gave the file (the caller names the file).
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    if bytes.starts_with(&OLE) {
        return Err(
            "is password-protected or an old Word 97-2003 .doc (an OLE compound file, \
                    not a .docx); open it in Word or LibreOffice and save it as a .docx \
                    without a password"
                .into(),
        );
    }
    if !bytes.starts_with(b"PK") {
        return Err("is not a Word document: a .docx is a zip, and this file is not one".into());
    }
    let mut package = Package::open(bytes)?;
    let main = package.main_part()?;
    package.refuse_macros(&main)?;
    let Some(xml) = package.part(&main)? else {
        return Err(if package.has_macros() {
            "holds only macros (vbaProject.bin) and no document; Candor opens no macros".into()
        } else {
            format!("has no document part ({main}): it is damaged or not a Word document")
        });
    };
    let rels = package.rels_of(&main)?;
    let headings = match rels.iter().find(|r| r.kind == REL_STYLES) {
        Some(r) => match package.part(&r.target)? {
            Some(styles) => heading_styles(&text_of(&styles, &r.target)?, &r.target)?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let body = body(&text_of(&xml, &main)?, &main, &headings)?;
    let mut comment_text = HashMap::new();
    if let Some(r) = rels.iter().find(|r| r.kind == REL_COMMENTS)
        && let Some(c) = package.part(&r.target)?
    {
        comment_text = comments(&text_of(&c, &r.target)?, &r.target)?;
    }
    let title = package.core_title()?.or(body.first_heading);
    let mut doc = Document {
        text: body.text,
        title,
        ..Document::default()
    };
    for (id, span) in body.spans {
        let Some((author, date, paragraphs)) = comment_text.remove(&id) else {
            continue;
        };
        let words = || shorten(&paragraphs.join(" "));
        match span {
            (Some(start), Some(end)) if start < end => doc.comments.push(Comment {
                start,
                end,
                author,
                date,
                paragraphs,
            }),
            (Some(_), Some(_)) => doc
                .skipped
                .push(format!("comment {id} ({}) is on no words", words())),
            _ => doc.skipped.push(format!(
                "comment {id} ({}) marks no range of words, only a place",
                words()
            )),
        }
    }
    // Comments written in the comments part but never placed in the text.
    let mut unplaced: Vec<_> = comment_text.into_iter().collect();
    unplaced.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, (_, _, paragraphs)) in unplaced {
        doc.skipped.push(format!(
            "comment {id} ({}) is not placed in the text (it may be on a footnote, a deleted \
             passage or a header)",
            shorten(&paragraphs.join(" "))
        ));
    }
    Ok(doc)
}

fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    format!("{out:?}")
}

/// The zip, read part by part within [`limits`].
struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    read_total: u64,
}

/// A relationship: its type and the part it points at.
struct Rel {
    kind: String,
    target: String,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.len() as u64 > limits::FILE_BYTES {
            return Err(format!(
                "is larger than a document Candor reads ({} MiB)",
                limits::FILE_BYTES >> 20
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("is damaged: it cannot be read as a zip ({e})"))?;
        if zip.len() > limits::ENTRIES {
            return Err(format!(
                "holds {} parts; a Word document has a few dozen (damaged, or not a document)",
                zip.len()
            ));
        }
        Ok(Package { zip, read_total: 0 })
    }

    /// The bytes of part `name`, or `None` if the zip has no such part.
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let mut entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(format!("is damaged: its part {name} cannot be read ({e})")),
        };
        if entry.encrypted() {
            return Err("is encrypted; save it without a password as a .docx".into());
        }
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        if size > 1 << 20 && size / packed > limits::RATIO {
            return Err(format!(
                "has a part ({name}) that unpacks {}x its packed size (a zip bomb); not read",
                size / packed
            ));
        }
        if size > limits::ENTRY_BYTES {
            return Err(format!(
                "has a part ({name}) of {size} bytes; Candor reads at most {}",
                limits::ENTRY_BYTES
            ));
        }
        let mut bytes = Vec::new();
        // The declared size can lie: never read more than the limit.
        (&mut entry)
            .take(limits::ENTRY_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("is damaged: its part {name} cannot be read ({e})"))?;
        self.read_total = self.read_total.saturating_add(bytes.len() as u64);
        if bytes.len() as u64 > limits::ENTRY_BYTES.min(size)
            || self.read_total > limits::TOTAL_BYTES
        {
            return Err(format!(
                "unpacks to more than it declares ({name}): damaged or a zip bomb; not read"
            ));
        }
        Ok(Some(bytes))
    }

    fn has_macros(&self) -> bool {
        self.zip
            .file_names()
            .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"))
    }

    /// The relationships of `part` (`_rels/.rels` for the package itself,
    /// given as ""), targets made part names.
    fn rels_of(&mut self, part: &str) -> Result<Vec<Rel>, String> {
        let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
        let name = match (dir, file) {
            (_, "") => "_rels/.rels".to_string(),
            ("", f) => format!("_rels/{f}.rels"),
            (d, f) => format!("{d}/_rels/{f}.rels"),
        };
        let Some(bytes) = self.part(&name)? else {
            return Ok(Vec::new());
        };
        let xml = text_of(&bytes, &name)?;
        let mut rels = Vec::new();
        each_element(&xml, &name, |_, e| {
            if e.local_name().as_ref() == b"Relationship"
                && attr(e, b"TargetMode").as_deref() != Some("External")
                && let (Some(kind), Some(target)) = (attr(e, b"Type"), attr(e, b"Target"))
            {
                rels.push(Rel {
                    kind,
                    target: resolve(dir, &target),
                });
            }
        })?;
        Ok(rels)
    }

    /// The document part the package names, else Word's usual name.
    fn main_part(&mut self) -> Result<String, String> {
        Ok(self
            .rels_of("")?
            .into_iter()
            .find(|r| r.kind == REL_DOCUMENT)
            .map_or_else(|| "word/document.xml".to_string(), |r| r.target))
    }

    /// Refuses a macro-enabled document (`.docm`, `.dotm`) by the content
    /// type its package declares for the document part.
    fn refuse_macros(&mut self, main: &str) -> Result<(), String> {
        let Some(bytes) = self.part("[Content_Types].xml")? else {
            return Err("is damaged or not a Word document: it has no [Content_Types].xml".into());
        };
        let xml = text_of(&bytes, "[Content_Types].xml")?;
        let mut macro_enabled = false;
        let wanted = format!("/{main}");
        each_element(&xml, "[Content_Types].xml", |_, e| {
            if e.local_name().as_ref() == b"Override"
                && attr(e, b"PartName").is_some_and(|p| p.eq_ignore_ascii_case(&wanted))
                && attr(e, b"ContentType").is_some_and(|t| t.contains("macroEnabled"))
            {
                macro_enabled = true;
            }
        })?;
        if macro_enabled {
            return Err(
                "is a macro-enabled document (.docm); Candor opens no macros: save it \
                        as a Word document (.docx)"
                    .into(),
            );
        }
        Ok(())
    }

    /// `dc:title` of the core properties, if it says one.
    fn core_title(&mut self) -> Result<Option<String>, String> {
        let name = self
            .rels_of("")?
            .into_iter()
            .find(|r| r.kind == REL_CORE)
            .map_or_else(|| "docProps/core.xml".to_string(), |r| r.target);
        let Some(bytes) = self.part(&name)? else {
            return Ok(None);
        };
        let xml = text_of(&bytes, &name)?;
        let mut reader = NsReader::from_str(&xml);
        let (mut in_title, mut title) = (false, String::new());
        loop {
            match reader
                .read_event()
                .map_err(|e| bad_xml(&name, &reader, &e))?
            {
                Event::Start(e) if e.local_name().as_ref() == b"title" => in_title = true,
                Event::End(e) if e.local_name().as_ref() == b"title" => in_title = false,
                Event::Text(t) if in_title => {
                    title.push_str(&t.xml10_content().unwrap_or_default())
                }
                Event::GeneralRef(r) if in_title => title.push_str(&entity(&r, &name)?),
                Event::Eof => break,
                _ => {}
            }
        }
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok((!title.is_empty()).then_some(title))
    }
}

/// A relationship's target as a part name: relative to `dir`, or absolute.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if dir.is_empty() => target.to_string(),
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn text_of(bytes: &[u8], name: &str) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec())
        .map_err(|_| format!("is damaged: its part {name} is not UTF-8 XML"))
}

fn bad_xml(name: &str, reader: &NsReader<&[u8]>, e: &quick_xml::Error) -> String {
    format!(
        "is damaged: its part {name} is not well-formed XML near byte {} ({e})",
        reader.buffer_position()
    )
}

/// Calls `f` with every start or empty element of `xml` (and whether it is
/// empty), failing on broken XML.
fn each_element(
    xml: &str,
    name: &str,
    mut f: impl FnMut(bool, &BytesStart<'_>),
) -> Result<(), String> {
    let mut reader = NsReader::from_str(xml);
    loop {
        match reader
            .read_event()
            .map_err(|e| bad_xml(name, &reader, &e))?
        {
            Event::Start(e) => f(false, &e),
            Event::Empty(e) => f(true, &e),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// An attribute's value by its local name (`w:id` and `id` alike).
fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// An entity or character reference's text.
fn entity(r: &quick_xml::events::BytesRef<'_>, name: &str) -> Result<String, String> {
    let bad = || format!("is damaged: its part {name} has an unknown entity");
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c.to_string()),
            _ => Err(bad()),
        };
    }
    let n = r.decode().map_err(|_| bad())?;
    quick_xml::escape::resolve_xml_entity(&n)
        .map(str::to_string)
        .ok_or_else(bad)
}

/// The style ids of headings and titles in `styles.xml`: those whose name
/// (always English there, whatever the language of Word) is "heading N"
/// or "Title".
fn heading_styles(xml: &str, name: &str) -> Result<Vec<String>, String> {
    let mut reader = NsReader::from_str(xml);
    let (mut found, mut current) = (Vec::new(), None::<String>);
    loop {
        let (ns, ev) = reader
            .read_resolved_event()
            .map_err(|e| format!("is damaged: its part {name} is not well-formed XML ({e})"))?;
        let w = is_w(&ns);
        match ev {
            Event::Start(e) if w && e.local_name().as_ref() == b"style" => {
                current = attr(&e, b"styleId");
            }
            Event::Empty(e) if w && e.local_name().as_ref() == b"name" => {
                let styled = attr(&e, b"val").unwrap_or_default().to_lowercase();
                if (styled.starts_with("heading") || styled == "title")
                    && let Some(id) = current.take()
                {
                    found.push(id);
                }
            }
            Event::Eof => return Ok(found),
            _ => {}
        }
    }
}

fn is_w(ns: &ResolveResult<'_>) -> bool {
    matches!(ns, ResolveResult::Bound(Namespace(n)) if *n == W_NS.as_bytes())
}

/// The body read: its text, each comment's span by comment id, and the
/// first heading's text.
struct Body {
    text: String,
    spans: Vec<(String, (Option<usize>, Option<usize>))>,
    first_heading: Option<String>,
}

/// Builds the text paragraph by paragraph, placing comment starts that
/// come before a paragraph's first character after the blank line that
/// will separate it, and ends before it.
#[derive(Default)]
struct TextBuilder {
    text: String,
    chars: usize,
    /// Whether the current paragraph has had a character yet.
    begun: bool,
    /// Comments whose start waits for the next character.
    waiting: Vec<String>,
    spans: Vec<(String, (Option<usize>, Option<usize>))>,
}

impl TextBuilder {
    fn push(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if !self.begun {
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
                self.chars += 2;
            }
            self.begun = true;
        }
        for id in std::mem::take(&mut self.waiting) {
            self.span(&id).0 = Some(self.chars);
        }
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    fn span(&mut self, id: &str) -> &mut (Option<usize>, Option<usize>) {
        let at = match self.spans.iter().position(|(i, _)| i == id) {
            Some(at) => at,
            None => {
                self.spans.push((id.to_string(), (None, None)));
                self.spans.len() - 1
            }
        };
        &mut self.spans[at].1
    }

    fn start(&mut self, id: String) {
        if self.begun {
            let at = self.chars;
            self.span(&id).0 = Some(at);
        } else {
            self.span(&id);
            self.waiting.push(id);
        }
    }

    fn end(&mut self, id: &str) {
        let at = self.chars;
        let span = self.span(id);
        if span.1.is_none() {
            span.1 = Some(at);
        }
    }

    /// A comment reference with no range end: the range ends here.
    fn reference(&mut self, id: &str) {
        let at = self.chars;
        let span = self.span(id);
        if span.0.is_some() && span.1.is_none() {
            span.1 = Some(at);
        }
    }
}

/// Elements whose content is not text of the body: deletions and moved-away
/// text, field codes, drawings and text boxes, ruby guides, and the
/// fallback copy of markup-compatible content.
const HIDDEN: [&[u8]; 10] = [
    b"del",
    b"moveFrom",
    b"delText",
    b"instrText",
    b"delInstrText",
    b"drawing",
    b"pict",
    b"object",
    b"txbxContent",
    b"rt",
];

fn body(xml: &str, name: &str, headings: &[String]) -> Result<Body, String> {
    let mut reader = NsReader::from_str(xml);
    let mut out = TextBuilder::default();
    // Depth inside hidden content (0: text is taken).
    let mut hidden = 0usize;
    let (mut in_body, mut in_run, mut in_t) = (false, 0usize, false);
    let mut para = String::new();
    let mut para_is_heading = false;
    let mut first_heading = None;
    loop {
        let (ns, ev) = reader
            .read_resolved_event()
            .map_err(|e| format!("is damaged: its part {name} is not well-formed XML ({e})"))?;
        let w = is_w(&ns);
        let mc = matches!(&ns, ResolveResult::Bound(Namespace(n)) if *n == MC_NS.as_bytes());
        match ev {
            Event::Start(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if hidden > 0 || (w && HIDDEN.contains(&local)) || (mc && local == b"Fallback") {
                    hidden += 1;
                    continue;
                }
                if !w {
                    continue;
                }
                match local {
                    b"body" => in_body = true,
                    b"p" if in_body => {
                        out.begun = false;
                        para.clear();
                        para_is_heading = false;
                    }
                    b"r" => in_run += 1,
                    b"t" => in_t = true,
                    _ => {}
                }
            }
            Event::End(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                if !w {
                    continue;
                }
                match local {
                    b"body" => in_body = false,
                    b"p" if in_body => {
                        if para_is_heading && first_heading.is_none() {
                            let t = para.split_whitespace().collect::<Vec<_>>().join(" ");
                            if !t.is_empty() {
                                first_heading = Some(t);
                            }
                        }
                        out.begun = false;
                    }
                    b"r" => in_run = in_run.saturating_sub(1),
                    b"t" => in_t = false,
                    _ => {}
                }
            }
            Event::Empty(e) if w && in_body => {
                let local = e.local_name();
                let id = || attr(&e, b"id").unwrap_or_default();
                match local.as_ref() {
                    b"commentRangeStart" => out.start(id()),
                    b"commentRangeEnd" => out.end(&id()),
                    b"commentReference" => out.reference(&id()),
                    _ if hidden > 0 => {}
                    b"pStyle" => {
                        let style = attr(&e, b"val").unwrap_or_default();
                        let lower = style.to_lowercase();
                        para_is_heading = headings.contains(&style)
                            || lower.starts_with("heading")
                            || lower == "title";
                    }
                    b"tab" | b"ptab" if in_run > 0 => {
                        out.push("\t");
                        para.push('\t');
                    }
                    b"br" | b"cr" if in_run > 0 => {
                        out.push("\n");
                        para.push('\n');
                    }
                    b"noBreakHyphen" if in_run > 0 => {
                        out.push("\u{2011}");
                        para.push('\u{2011}');
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t && hidden == 0 && in_body => {
                let s = t
                    .xml10_content()
                    .map_err(|e| format!("is damaged: its part {name} is not UTF-8 ({e})"))?;
                out.push(&s);
                para.push_str(&s);
            }
            Event::CData(t) if in_t && hidden == 0 && in_body => {
                let s = t.decode().map_err(|e| format!("is damaged: {name}: {e}"))?;
                out.push(&s);
                para.push_str(&s);
            }
            Event::GeneralRef(r) if in_t && hidden == 0 && in_body => {
                let s = entity(&r, name)?;
                out.push(&s);
                para.push_str(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Starts still waiting had no character after them: they end the text.
    let end = out.chars;
    for id in std::mem::take(&mut out.waiting) {
        out.span(&id).0 = Some(end);
    }
    Ok(Body {
        text: out.text,
        spans: out.spans,
        first_heading,
    })
}

/// The comments part: by id, each comment's author, date and paragraphs.
type CommentTexts = HashMap<String, (String, String, Vec<String>)>;

fn comments(xml: &str, name: &str) -> Result<CommentTexts, String> {
    let mut reader = NsReader::from_str(xml);
    let mut out = HashMap::new();
    let mut current: Option<(String, String, String, Vec<String>)> = None;
    let (mut in_t, mut in_run, mut para) = (false, 0usize, String::new());
    loop {
        let (ns, ev) = reader
            .read_resolved_event()
            .map_err(|e| format!("is damaged: its part {name} is not well-formed XML ({e})"))?;
        if !is_w(&ns) && !matches!(ev, Event::Text(_) | Event::GeneralRef(_) | Event::Eof) {
            continue;
        }
        match ev {
            Event::Start(e) => match e.local_name().as_ref() {
                b"comment" => {
                    current = Some((
                        attr(&e, b"id").unwrap_or_default(),
                        attr(&e, b"author").unwrap_or_default(),
                        attr(&e, b"date").unwrap_or_default(),
                        Vec::new(),
                    ));
                }
                b"p" => para.clear(),
                b"r" => in_run += 1,
                b"t" => in_t = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"comment" => {
                    if let Some((id, author, date, paras)) = current.take() {
                        out.insert(id, (author, date, paras));
                    }
                }
                b"p" => {
                    if let Some(c) = &mut current {
                        c.3.push(std::mem::take(&mut para));
                    }
                }
                b"r" => in_run = in_run.saturating_sub(1),
                b"t" => in_t = false,
                _ => {}
            },
            Event::Empty(e) if in_run > 0 => match e.local_name().as_ref() {
                b"tab" => para.push('\t'),
                b"br" | b"cr" => para.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_t => {
                para.push_str(&t.xml10_content().map_err(|e| format!("{name}: {e}"))?);
            }
            Event::GeneralRef(r) if in_t => para.push_str(&entity(&r, name)?),
            Event::Eof => break,
            _ => {}
        }
    }
    // Word ends a comment with empty paragraphs now and then.
    for (_, _, paras) in out.values_mut() {
        while paras.last().is_some_and(|p| p.trim().is_empty()) {
            paras.pop();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part_that_names_them() {
        assert_eq!(resolve("word", "comments.xml"), "word/comments.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(resolve("word", "../docProps/core.xml"), "docProps/core.xml");
    }

    #[test]
    fn a_comment_begun_before_an_empty_paragraph_starts_at_the_next_words() {
        let mut b = TextBuilder::default();
        b.push("One");
        b.begun = false;
        b.start("0".into());
        b.begun = false;
        b.push("Two");
        b.end("0");
        assert_eq!(b.text, "One\n\nTwo");
        assert_eq!(b.spans, vec![("0".to_string(), (Some(5), Some(8)))]);
    }
}
