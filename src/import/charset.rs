//! The characters of a saved file, from its bytes. A web page saved from a
//! site that still serves windows-1252, ISO-8859-x, Shift_JIS, EUC-KR or
//! GBK is kept in that charset, and says so in a `<meta>` tag; refusing it
//! as "not UTF-8" would refuse much of the world's news. Pages are decoded
//! as a browser decodes them (the WHATWG Encoding and HTML standards, by
//! `encoding_rs`): a byte order mark first, then a charset declared in the
//! first 1024 bytes, then UTF-8 if the bytes are valid UTF-8, else
//! windows-1252. Bytes that mean nothing in the charset become `�`, never
//! a panic. Plain text declares nothing, so only its byte order mark is
//! honoured; otherwise it must be UTF-8 (`storage::text_from_bytes` says
//! where it is not).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How far into a page a charset declaration is looked for, as browsers do.
const PRESCAN_BYTES: usize = 1024;

/// What told which charset to read a file in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The byte order mark at its start.
    ByteOrderMark,
    /// A `<meta charset>` or `<meta http-equiv=Content-Type>` in the page,
    /// with the label as written (`iso-8859-1`, `Shift_JIS`...).
    Declared(String),
    /// Nothing said; the bytes are valid UTF-8.
    Utf8,
    /// Nothing said and the bytes are not UTF-8: windows-1252, as browsers
    /// read an undeclared page.
    Fallback,
}

/// A file's text and how it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub found: Found,
    /// Some bytes meant nothing in the charset and became `�`.
    pub replaced: bool,
}

impl Decoded {
    /// What the import preview and a dry run say about the charset, or
    /// `None` for a page in UTF-8 with nothing replaced (nothing to say).
    pub fn describe(&self) -> Option<String> {
        let name = self.encoding.name();
        let said = match &self.found {
            Found::Utf8 => None,
            Found::Declared(_) | Found::ByteOrderMark if self.encoding == UTF_8 => None,
            Found::Declared(label) if label.eq_ignore_ascii_case(name) => {
                Some(format!("read as {name}, as the page declares"))
            }
            Found::Declared(label) => Some(format!(
                "read as {name}, as the page declares ({label}, which browsers read as {name})"
            )),
            Found::ByteOrderMark => Some(format!("read as {name}, as its byte order mark says")),
            Found::Fallback => Some(format!(
                "read as {name}: the page declares no charset and is not UTF-8"
            )),
        };
        match (said, self.replaced) {
            (said, false) => said,
            (said, true) => Some(format!(
                "{}; some bytes mean nothing in {name} and show as �",
                said.unwrap_or_else(|| format!("read as {name}"))
            )),
        }
    }
}

/// A saved web page's text, decoded as a browser would.
pub fn decode_page(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return decode(&bytes[bom..], encoding, Found::ByteOrderMark);
    }
    if let Some((encoding, label)) = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        return decode(bytes, encoding, Found::Declared(label));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: text.to_string(),
            encoding: UTF_8,
            found: Found::Utf8,
            replaced: false,
        },
        Err(_) => decode(bytes, WINDOWS_1252, Found::Fallback),
    }
}

/// A plain text file with a byte order mark (UTF-8, UTF-16LE, UTF-16BE),
/// decoded; `None` when it has none.
pub fn decode_marked_text(bytes: &[u8]) -> Option<Decoded> {
    let (encoding, bom) = Encoding::for_bom(bytes)?;
    Some(decode(&bytes[bom..], encoding, Found::ByteOrderMark))
}

fn decode(bytes: &[u8], encoding: &'static Encoding, found: Found) -> Decoded {
    let (text, replaced) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
        found,
        replaced,
    }
}

/// The charset the head of a page declares, and the label it used: the
/// HTML standard's "prescan a byte stream to determine its encoding".
/// Comments and other tags are stepped over whole, so a `<meta>` quoted in
/// a comment or an attribute declares nothing.
fn prescan(head: &[u8]) -> Option<(&'static Encoding, String)> {
    let mut at = 0;
    while at < head.len() {
        let rest = &head[at..];
        if rest.starts_with(b"<!--") {
            // To the end of the first "-->" after the "<!": "<!-->" closes.
            at += 2 + find(&rest[2..], b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if starts_with_ignoring_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            at += 5;
            if let Some(found) = meta(head, &mut at) {
                return Some(found);
            }
            continue;
        }
        let letter_at = |i: usize| rest.get(i).is_some_and(u8::is_ascii_alphabetic);
        if rest.first() == Some(&b'<')
            && (letter_at(1) || (rest.get(1) == Some(&b'/') && letter_at(2)))
        {
            at += rest
                .iter()
                .position(|&b| is_space(b) || b == b'>')
                .unwrap_or(rest.len());
            while attribute(head, &mut at).is_some() {}
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            at += rest.iter().position(|&b| b == b'>').unwrap_or(rest.len());
        }
        at += 1;
    }
    None
}

/// The attributes of one `<meta>` (from just after its name): the charset
/// it declares, if it declares one in a way that counts.
fn meta(head: &[u8], at: &mut usize) -> Option<(&'static Encoding, String)> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let (mut got_pragma, mut need_pragma) = (false, None);
    let mut charset: Option<(&'static Encoding, String)> = None;
    while let Some((name, value)) = attribute(head, at) {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" if charset.is_none() => {
                if let Some(found) = charset_in_content(&value) {
                    charset = Some(found);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Encoding::for_label(&value)
                    .map(|e| (e, String::from_utf8_lossy(&value).trim().to_string()));
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    match need_pragma {
        None => return None,
        Some(true) if !got_pragma => return None,
        _ => {}
    }
    let (encoding, label) = charset?;
    // A page read as bytes cannot be UTF-16 without a byte order mark; a
    // declaration saying so means UTF-8, as browsers take it.
    let encoding = if encoding == UTF_16BE || encoding == UTF_16LE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    };
    Some((encoding, label))
}

/// The next attribute of a tag, its name and value in lower case, moving
/// `at` past it; `None` at the tag's end (or the prescan's).
fn attribute(head: &[u8], at: &mut usize) -> Option<(Vec<u8>, Vec<u8>)> {
    let byte = |i: usize| head.get(i).copied();
    while byte(*at).is_some_and(|b| is_space(b) || b == b'/') {
        *at += 1;
    }
    if byte(*at)? == b'>' {
        return None;
    }
    let mut name = Vec::new();
    loop {
        let b = byte(*at)?;
        if b == b'=' && !name.is_empty() {
            *at += 1;
            break;
        }
        if is_space(b) {
            while byte(*at).is_some_and(is_space) {
                *at += 1;
            }
            if byte(*at)? != b'=' {
                return Some((name, Vec::new()));
            }
            *at += 1;
            break;
        }
        if b == b'/' || b == b'>' {
            return Some((name, Vec::new()));
        }
        name.push(b.to_ascii_lowercase());
        *at += 1;
    }
    while byte(*at).is_some_and(is_space) {
        *at += 1;
    }
    let mut value = Vec::new();
    let first = byte(*at)?;
    if first == b'"' || first == b'\'' {
        *at += 1;
        loop {
            let b = byte(*at)?;
            *at += 1;
            if b == first {
                return Some((name, value));
            }
            value.push(b.to_ascii_lowercase());
        }
    }
    if first == b'>' {
        return Some((name, value));
    }
    loop {
        match byte(*at) {
            None => return Some((name, value)),
            Some(b) if is_space(b) || b == b'>' => return Some((name, value)),
            Some(b) => {
                value.push(b.to_ascii_lowercase());
                *at += 1;
            }
        }
    }
}

/// The charset in a `Content-Type` value (`text/html; charset=iso-8859-1`):
/// the HTML standard's "extract a character encoding from a meta element".
fn charset_in_content(content: &[u8]) -> Option<(&'static Encoding, String)> {
    let mut at = 0;
    loop {
        at += find(&content[at..], b"charset")? + 7;
        while content.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        if content.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        while content.get(at).copied().is_some_and(is_space) {
            at += 1;
        }
        let rest = &content[at..];
        let label = match rest.first() {
            Some(&q @ (b'"' | b'\'')) => &rest[1..1 + find(&rest[1..], &[q])?],
            _ => {
                let end = rest
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(rest.len());
                &rest[..end]
            }
        };
        let encoding = Encoding::for_label(label)?;
        return Some((encoding, String::from_utf8_lossy(label).trim().to_string()));
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

fn starts_with_ignoring_case(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_KR, GBK, ISO_8859_2, SHIFT_JIS};
    use proptest::prelude::*;

    /// A small page made up for the test, in `encoding`, declaring it with
    /// `declaration` (put in its head).
    fn page(declaration: &str, body: &str, encoding: &'static Encoding) -> Vec<u8> {
        let html = format!(
            "<!DOCTYPE html><html><head>{declaration}<title>t</title></head><body><p>{body}</p></body></html>"
        );
        let (bytes, _, unmappable) = encoding.encode(&html);
        assert!(!unmappable, "the test's text fits {}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn a_meta_charset_is_followed() {
        let cases: [(&str, &str, &'static Encoding); 5] = [
            (
                "<meta charset=\"windows-1252\">",
                "Café “quoted” — 5 €",
                WINDOWS_1252,
            ),
            (
                "<meta charset=iso-8859-2>",
                "Łódź, Kraków i Gdańsk",
                ISO_8859_2,
            ),
            (
                "<META CHARSET='Shift_JIS'>",
                "ダムの抗議キャンプ",
                SHIFT_JIS,
            ),
            ("<meta charset=euc-kr>", "댐 시위 캠프", EUC_KR),
            ("<meta charset=gbk>", "大坝抗议营地", GBK),
        ];
        for (declaration, body, encoding) in cases {
            let d = decode_page(&page(declaration, body, encoding));
            assert_eq!(d.encoding, encoding, "{declaration}");
            assert!(d.text.contains(body), "{declaration}: {}", d.text);
            assert!(!d.replaced);
            assert!(matches!(d.found, Found::Declared(_)));
        }
    }

    #[test]
    fn an_http_equiv_content_type_is_followed_only_with_its_pragma() {
        let body = "Prés du barrage, l’évacuation";
        let with = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">";
        let d = decode_page(&page(with, body, WINDOWS_1252));
        assert_eq!(d.encoding, WINDOWS_1252);
        assert_eq!(d.found, Found::Declared("iso-8859-1".into()));
        assert!(d.text.contains(body));
        assert_eq!(
            d.describe().as_deref(),
            Some(
                "read as windows-1252, as the page declares (iso-8859-1, which browsers read \
                 as windows-1252)"
            )
        );
        // `content` without `http-equiv` declares nothing: not UTF-8, so
        // windows-1252 all the same, but found by falling back.
        let without = "<meta name=x content=\"text/html; charset=shift_jis\">";
        let d = decode_page(&page(without, body, WINDOWS_1252));
        assert_eq!((d.encoding, &d.found), (WINDOWS_1252, &Found::Fallback));
        assert_eq!(
            charset_in_content(b"text/html;charset='koi8-r'").map(|(e, _)| e.name()),
            Some("KOI8-R")
        );
        assert_eq!(charset_in_content(b"text/html; charset=\"koi8-r"), None);
        assert_eq!(charset_in_content(b"text/html"), None);
    }

    #[test]
    fn a_byte_order_mark_wins_over_a_declaration() {
        let text = "<html><head><meta charset=windows-1252></head><body>Ça déborde</body></html>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode_page(&le);
        assert_eq!((d.encoding, &d.found), (UTF_16LE, &Found::ByteOrderMark));
        assert_eq!(d.text, text, "the mark is not part of the text");
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_page(&be).text, text);
        let utf8 = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode_page(&utf8).text, text);
        assert_eq!(
            decode_page(&utf8).describe(),
            None,
            "UTF-8 is nothing to say"
        );
        assert_eq!(
            decode_marked_text(&le).map(|d| d.text).as_deref(),
            Some(text)
        );
        assert_eq!(decode_marked_text(text.as_bytes()), None);
    }

    #[test]
    fn undeclared_pages_are_utf8_when_they_can_be_else_windows_1252() {
        let d = decode_page("<p>Ça déborde</p>".as_bytes());
        assert_eq!(
            (d.encoding, &d.found, d.describe()),
            (UTF_8, &Found::Utf8, None)
        );
        let d = decode_page(b"<p>Caf\xE9 \x93quoted\x94</p>");
        assert_eq!((d.encoding, &d.found), (WINDOWS_1252, &Found::Fallback));
        assert_eq!(d.text, "<p>Café “quoted”</p>");
    }

    #[test]
    fn a_declaration_in_a_comment_or_attribute_or_past_the_head_counts_for_nothing() {
        let commented = b"<!-- <meta charset=shift_jis> --><p>caf\xC3\xA9</p>";
        assert_eq!(decode_page(commented).found, Found::Utf8);
        let quoted = b"<a title='<meta charset=shift_jis>'>caf\xC3\xA9</a>";
        assert_eq!(decode_page(quoted).found, Found::Utf8);
        let late = [" ".repeat(1100).as_bytes(), b"<meta charset=shift_jis>"].concat();
        assert_eq!(decode_page(&late).found, Found::Utf8);
        let unknown = b"<meta charset=klingon><p>caf\xC3\xA9</p>";
        assert_eq!(decode_page(unknown).found, Found::Utf8);
        // A page that says UTF-16 without a byte order mark is UTF-8.
        let d = decode_page(b"<meta charset=utf-16le><p>caf\xC3\xA9</p>");
        assert_eq!((d.encoding, d.text.contains("café")), (UTF_8, true));
    }

    #[test]
    fn bytes_that_mean_nothing_become_replacement_characters() {
        let d = decode_page(b"<meta charset=utf-8><p>caf\xE9 \xFF</p>");
        assert_eq!(d.encoding, UTF_8);
        assert!(d.replaced && d.text.contains('\u{FFFD}'), "{}", d.text);
        assert_eq!(
            d.describe().as_deref(),
            Some("read as UTF-8; some bytes mean nothing in UTF-8 and show as �")
        );
        let d = decode_page(b"<meta charset=shift_jis><p>\x81</p>");
        assert!(d.replaced);
    }

    proptest! {
        /// Whatever a page declares, and whatever bytes follow, decoding
        /// never panics and gives text.
        #[test]
        fn any_declaration_decodes_without_panicking(
            label in "[ -~]{0,30}",
            quote in prop::sample::select(vec!["", "'", "\""]),
            pragma in any::<bool>(),
            rest in prop::collection::vec(any::<u8>(), 0..200),
        ) {
            let declaration = if pragma {
                format!("<meta http-equiv=content-type content={quote}text/html; charset={label}{quote}>")
            } else {
                format!("<meta charset={quote}{label}{quote}>")
            };
            let bytes = [declaration.as_bytes(), &rest].concat();
            let d = decode_page(&bytes);
            // Every charset a page may declare reads ASCII as ASCII, but
            // the "replacement" one (ISO-2022-KR...), which browsers read
            // as a single `�`.
            if d.encoding == encoding_rs::REPLACEMENT {
                prop_assert_eq!(d.text.as_str(), "\u{FFFD}");
            } else {
                prop_assert!(d.text.starts_with("<meta "), "{}", d.text);
            }
            let _never_panics = d.describe();
            // Cut anywhere, even inside the declaration.
            for cut in [1, 7, 13, bytes.len() / 2] {
                let _ = decode_page(&bytes[..cut.min(bytes.len())]);
            }
        }
    }
}
