//! The package a `.docx` is: a zip of XML parts found through
//! relationships, read part by part within [`limits`] (the rules of
//! `class::gather` for an LMS's zip: one part's size, the total, the number
//! of entries, and the unpacked-to-packed ratio), in memory, nothing ever
//! unpacked to disk. And the small XML helpers every part's reader shares.

use std::io::{Cursor, Read};

use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};

use super::{REL_CORE, REL_DOCUMENT, limits};

/// The zip, read part by part within [`limits`].
pub(super) struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    read_total: u64,
}

/// A relationship: its type and the part it points at.
pub(super) struct Rel {
    pub kind: String,
    pub target: String,
}

impl<'a> Package<'a> {
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, String> {
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
    pub(super) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
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

    pub(super) fn has_macros(&self) -> bool {
        self.zip
            .file_names()
            .any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"))
    }

    /// The relationships of `part` (`_rels/.rels` for the package itself,
    /// given as ""), targets made part names.
    pub(super) fn rels_of(&mut self, part: &str) -> Result<Vec<Rel>, String> {
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
    pub(super) fn main_part(&mut self) -> Result<String, String> {
        Ok(self
            .rels_of("")?
            .into_iter()
            .find(|r| r.kind == REL_DOCUMENT)
            .map_or_else(|| "word/document.xml".to_string(), |r| r.target))
    }

    /// Refuses a macro-enabled document (`.docm`, `.dotm`) by the content
    /// type its package declares for the document part.
    pub(super) fn refuse_macros(&mut self, main: &str) -> Result<(), String> {
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
    pub(super) fn core_title(&mut self) -> Result<Option<String>, String> {
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

pub(super) fn text_of(bytes: &[u8], name: &str) -> Result<String, String> {
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
pub(super) fn each_element(
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
pub(super) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
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
pub(super) fn entity(r: &quick_xml::events::BytesRef<'_>, name: &str) -> Result<String, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip of `parts`, deflated.
    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut buf = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            zip.start_file(*name, options).expect("start");
            zip.write_all(bytes).expect("write");
        }
        zip.finish().expect("finish");
        buf.into_inner()
    }

    #[test]
    fn a_part_that_unpacks_far_beyond_its_size_is_refused_as_a_zip_bomb() {
        let zeros = vec![b' '; 8 << 20];
        let bytes = zip_of(&[("word/document.xml", &zeros)]);
        let mut package = Package::open(&bytes).expect("a zip");
        let why = package.part("word/document.xml").expect_err("refused");
        assert!(why.contains("zip bomb"), "{why}");
        let small = zip_of(&[("word/document.xml", b"<w:document/>")]);
        let mut package = Package::open(&small).expect("a zip");
        assert!(package.part("word/document.xml").expect("read").is_some());
        assert!(package.part("word/comments.xml").expect("read").is_none());
    }

    #[test]
    fn a_document_part_declared_macro_enabled_is_refused() {
        let types = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>"#;
        let bytes = zip_of(&[
            ("[Content_Types].xml", types),
            ("word/document.xml", b"<x/>"),
        ]);
        let mut package = Package::open(&bytes).expect("a zip");
        let why = package
            .refuse_macros("word/document.xml")
            .expect_err("refused");
        assert!(why.contains(".docm"), "{why}");
    }

    #[test]
    fn targets_resolve_against_the_part_that_names_them() {
        assert_eq!(resolve("word", "comments.xml"), "word/comments.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/x.xml"), "word/x.xml");
        assert_eq!(resolve("word", "../docProps/core.xml"), "docProps/core.xml");
    }
}
