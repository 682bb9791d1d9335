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

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};

use super::package::{Package, attr, each_element, entity, text_of};
use super::{REL_COMMENTS, REL_STYLES, W_NS};

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

/// The relationship to `commentsExtended.xml`, where Word says which
/// comment a reply answers.
const REL_COMMENTS_EXTENDED: &str =
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended";

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
    let mut replies = Vec::new();
    if let Some(r) = rels.iter().find(|r| r.kind == REL_COMMENTS_EXTENDED)
        && let Some(x) = package.part(&r.target)?
    {
        replies = thread_replies(&mut comment_text, &text_of(&x, &r.target)?, &r.target)?;
    }
    for id in &replies {
        comment_text.remove(id);
    }
    let title = package.core_title()?.or(body.first_heading);
    let mut doc = Document {
        text: body.text,
        title,
        ..Document::default()
    };
    for (id, span) in body.spans {
        let Some(CommentText {
            author,
            date,
            paragraphs,
            ..
        }) = comment_text.remove(&id)
        else {
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
    for (id, c) in unplaced {
        doc.skipped.push(format!(
            "comment {id} ({}) is not placed in the text (it may be on a footnote, a deleted \
             passage or a header)",
            shorten(&c.paragraphs.join(" "))
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

/// A comment's id and its start and end, each known once read.
type Span = (String, (Option<usize>, Option<usize>));

/// The body read: its text, each comment's span by comment id, and the
/// first heading's text.
struct Body {
    text: String,
    spans: Vec<Span>,
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
    /// Comments that end before a paragraph's first character: they hold
    /// the paragraph break, so they end after it (when a character comes).
    ending: Vec<String>,
    spans: Vec<Span>,
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
        for id in std::mem::take(&mut self.ending) {
            let at = self.chars;
            let span = self.span(&id);
            if span.1.is_none() {
                span.1 = Some(at);
            }
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
        if !self.begun && !self.text.is_empty() {
            self.ending.push(id.to_string());
            return;
        }
        let at = self.chars;
        let span = self.span(id);
        if span.1.is_none() {
            span.1 = Some(at);
        }
    }

    /// A comment reference with no range end: the range ends here.
    fn reference(&mut self, id: &str) {
        if self.ending.iter().any(|e| e == id) {
            return;
        }
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
    // Starts and ends still waiting had no character after them: they are
    // at the end of the text.
    let end = out.chars;
    for id in std::mem::take(&mut out.waiting) {
        out.span(&id).0 = Some(end);
    }
    for id in std::mem::take(&mut out.ending) {
        let span = out.span(&id);
        if span.1.is_none() {
            span.1 = Some(end);
        }
    }
    Ok(Body {
        text: out.text,
        spans: out.spans,
        first_heading,
    })
}

/// One comment of the comments part.
struct CommentText {
    author: String,
    date: String,
    paragraphs: Vec<String>,
    para_id: String,
}

/// The comments part, by comment id.
type CommentTexts = HashMap<String, CommentText>;

/// Replies (Word 2013 on writes a reply as a comment of its own on the same
/// words, and says whose reply it is in `commentsExtended.xml`): each
/// reply's text joins its comment's, so a thread is one mark. Returns the
/// ids of the replies.
fn thread_replies(
    texts: &mut CommentTexts,
    extended: &str,
    name: &str,
) -> Result<Vec<String>, String> {
    let mut parents = Vec::new();
    each_element(extended, name, |_, e| {
        if e.local_name().as_ref() == b"commentEx"
            && let (Some(child), Some(parent)) = (attr(e, b"paraId"), attr(e, b"paraIdParent"))
        {
            parents.push((child, parent));
        }
    })?;
    let by_para: HashMap<String, String> = texts
        .iter()
        .filter(|(_, c)| !c.para_id.is_empty())
        .map(|(id, c)| (c.para_id.clone(), id.clone()))
        .collect();
    let mut replies: Vec<String> = Vec::new();
    // A reply to a reply belongs to the thread's first comment.
    let mut thread_of: HashMap<String, String> = HashMap::new();
    for (child, parent) in parents {
        let (Some(reply), Some(parent)) = (by_para.get(&child), by_para.get(&parent)) else {
            continue;
        };
        let top = thread_of.get(parent).unwrap_or(parent).clone();
        if *reply == top || replies.contains(reply) {
            continue;
        }
        let Some(r) = texts.get(reply) else { continue };
        let mut lines = vec![format!("Reply from {}:", r.author)];
        lines.extend(r.paragraphs.iter().cloned());
        if let Some(t) = texts.get_mut(&top) {
            t.paragraphs.extend(lines);
            replies.push(reply.clone());
            thread_of.insert(reply.clone(), top);
        }
    }
    Ok(replies)
}

fn comments(xml: &str, name: &str) -> Result<CommentTexts, String> {
    let mut reader = NsReader::from_str(xml);
    let mut out = HashMap::new();
    let mut current: Option<(String, String, String, Vec<String>)> = None;
    let (mut in_t, mut in_run, mut para) = (false, 0usize, String::new());
    // The last paragraph's id (`w14:paraId`): what a reply names its
    // comment by.
    let mut para_id = String::new();
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
                b"p" => {
                    para.clear();
                    if let Some(id) = attr(&e, b"paraId") {
                        para_id = id;
                    }
                }
                b"r" => in_run += 1,
                b"t" => in_t = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"comment" => {
                    if let Some((id, author, date, paras)) = current.take() {
                        out.insert(
                            id,
                            CommentText {
                                author,
                                date,
                                paragraphs: paras,
                                para_id: std::mem::take(&mut para_id),
                            },
                        );
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
    for c in out.values_mut() {
        while c.paragraphs.last().is_some_and(|p| p.trim().is_empty()) {
            c.paragraphs.pop();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_begun_before_an_empty_paragraph_starts_at_the_next_words() {
        let mut b = TextBuilder::default();
        b.push("One");
        b.begun = false;
        b.start("0".into());
        b.begun = false;
        b.push("Two");
        b.end("0");
        b.start("1".into());
        b.begun = false;
        b.end("1");
        b.push("Three");
        assert_eq!(b.text, "One\n\nTwo\n\nThree");
        assert_eq!(
            b.spans,
            vec![
                ("0".to_string(), (Some(5), Some(8))),
                ("1".to_string(), (Some(8), Some(10)))
            ],
            "a comment ended before a paragraph's words holds the break before them"
        );
    }
}
