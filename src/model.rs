//! What a case is made of, as plain data: the manifest, the schema, marks and
//! links. These types are exactly what the RON files hold (see FORMAT.md), so
//! serde derives are the file format; anything computed lives elsewhere.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{CharPos, CharRange};

/// The file format version Candor writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(s: impl Into<String>) -> Self {
                $name(s.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_string())
            }
        }
    };
}

id_type!(
    /// An article's id; also its file name under `articles/` and `marks/<annotator>/`.
    ArticleId
);
id_type!(
    /// An annotator's id; also the name of their folder under `marks/`.
    AnnotatorId
);
id_type!(
    /// A mark's id, unique among one annotator's marks in a case.
    MarkId
);
id_type!(
    /// A category's id, as marks refer to it.
    CategoryId
);
id_type!(
    /// A claim's or actor's id, unique within one annotator's links.
    LinkId
);

/// Whether a string may be used as an id that also names a file or folder:
/// ASCII letters, digits, `-`, `_` and `.`, not starting with `.`, at most 64.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

/// Turns a file name or title into a valid id: lower case, runs of other
/// characters become `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let mut out: String = out.chars().take(64).collect();
    if out.is_empty() {
        out.push_str("article");
    }
    out
}

/// A moment, written as RFC 3339 in UTC to the second (`2026-03-02T14:05:00Z`).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub String);

impl Timestamp {
    pub fn now() -> Self {
        Timestamp(humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string())
    }
}

/// `case.ron`: what a case is, and which articles it holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Case", deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Path of the schema file, relative to the case folder.
    #[serde(default = "default_schema_path")]
    pub schema: String,
    #[serde(default)]
    pub articles: Vec<ArticleMeta>,
}

fn default_schema_path() -> String {
    "schema.ron".to_string()
}

impl Manifest {
    pub fn new(title: impl Into<String>) -> Self {
        Manifest {
            format: FORMAT_VERSION,
            title: title.into(),
            description: String::new(),
            schema: default_schema_path(),
            articles: Vec::new(),
        }
    }

    pub fn article(&self, id: &ArticleId) -> Option<&ArticleMeta> {
        self.articles.iter().find(|a| &a.id == id)
    }
}

/// What kind of piece an article is. Editorializing means something else in
/// an opinion column than in a news report.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Genre {
    #[default]
    News,
    Opinion,
    Analysis,
}

impl Genre {
    pub const ALL: [Genre; 3] = [Genre::News, Genre::Opinion, Genre::Analysis];

    pub fn label(self) -> &'static str {
        match self {
            Genre::News => "news",
            Genre::Opinion => "opinion",
            Genre::Analysis => "analysis",
        }
    }
}

impl std::str::FromStr for Genre {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Genre::ALL
            .into_iter()
            .find(|g| g.label().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown genre {s:?} (expected news, opinion or analysis)"))
    }
}

/// One article's entry in the manifest. The text itself is in `file`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Article", deny_unknown_fields)]
pub struct ArticleMeta {
    pub id: ArticleId,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outlet: String,
    /// Publication date as written by the instructor, ideally `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default)]
    pub genre: Genre,
    /// Path of the UTF-8 text, relative to the case folder.
    pub file: String,
}

impl ArticleMeta {
    /// An article with only an id and a title; outlet, date and URL are
    /// empty and the genre is news. `file` is left empty because
    /// `Case::add_article` sets it from the id.
    pub fn new(id: ArticleId, title: impl Into<String>) -> Self {
        ArticleMeta {
            id,
            title: title.into(),
            outlet: String::new(),
            date: String::new(),
            url: String::new(),
            genre: Genre::default(),
            file: String::new(),
        }
    }
}

/// `schema.ron`: the categories annotators mark with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    pub format: u32,
    pub name: String,
    pub categories: Vec<Category>,
}

impl Schema {
    /// The schema shipped with Candor (`annotations/default-schema.ron`).
    pub fn default_schema() -> Schema {
        // The file is part of the binary and covered by a test, so a parse
        // failure here is a build defect, not user data.
        #[allow(clippy::expect_used)]
        ron::from_str(DEFAULT_SCHEMA_RON).expect("the built-in schema parses")
    }

    pub fn category(&self, id: &CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| &c.id == id)
    }

    /// The category whose shortcut is `key`.
    pub fn category_for_key(&self, key: char) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }
}

/// The text of the default schema, exactly as shipped.
pub const DEFAULT_SCHEMA_RON: &str = include_str!("../annotations/default-schema.ron");

/// One kind of judgement an annotator can make about a span.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
    /// The one-key shortcut that applies this category to a selection.
    pub key: char,
    /// What counts, what does not, and examples: shown as the category's help.
    pub guideline: String,
    #[serde(default)]
    pub attributes: Vec<Attribute>,
}

impl Category {
    /// The colour as RGB, or a neutral grey if the file holds something else
    /// (`candor check` reports that).
    pub fn rgb(&self) -> [u8; 3] {
        parse_colour(&self.colour).unwrap_or([128, 128, 128])
    }

    pub fn attribute(&self, id: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.id == id)
    }
}

/// `#rrggbb` as bytes.
pub fn parse_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// A typed property of a mark in one category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    pub id: String,
    pub name: String,
    pub kind: AttributeKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AttributeKind {
    /// One of a fixed list.
    Choice(Vec<Choice>),
    /// Free text.
    Text,
    /// Yes or no.
    Flag,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
}

impl Attribute {
    /// Whether `value` fits this attribute's kind (and list, for a choice).
    pub fn accepts(&self, value: &AttrValue) -> bool {
        match (&self.kind, value) {
            (AttributeKind::Choice(choices), AttrValue::Text(v)) => {
                choices.iter().any(|c| &c.id == v)
            }
            (AttributeKind::Text, AttrValue::Text(_)) => true,
            (AttributeKind::Flag, AttrValue::Flag(_)) => true,
            _ => false,
        }
    }
}

/// A mark's value for one attribute: a choice's id or free text, or yes/no.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttrValue {
    Flag(bool),
    Text(String),
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AttrValue::Flag(true) => f.write_str("yes"),
            AttrValue::Flag(false) => f.write_str("no"),
            AttrValue::Text(s) => f.write_str(s),
        }
    }
}

/// One judgement about one span of one article.
///
/// The span is kept twice on purpose: as char offsets, and as the quoted text
/// with its context (W3C TextQuoteSelector), so the mark can be found again
/// when the text changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    pub id: MarkId,
    pub category: CategoryId,
    pub start: CharPos,
    pub end: CharPos,
    pub quote: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttrValue>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

impl Mark {
    pub fn range(&self) -> CharRange {
        CharRange {
            start: self.start,
            end: self.end,
        }
    }

    /// The order marks are kept and written in: by position, then id.
    pub fn sort_key(&self) -> (CharPos, CharPos, &str) {
        (self.start, self.end, self.id.as_str())
    }
}

/// `marks/<annotator>/<article>.ron`: one annotator's marks on one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Marks", deny_unknown_fields)]
pub struct MarkFile {
    pub format: u32,
    pub marks: Vec<Mark>,
}

/// `marks/<annotator>/links.ron`: one annotator's claims and actors.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Links", deny_unknown_fields)]
pub struct Links {
    pub format: u32,
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub actors: Vec<Actor>,
}

impl Links {
    pub fn new() -> Self {
        Links {
            format: FORMAT_VERSION,
            claims: Vec::new(),
            actors: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty() && self.actors.is_empty()
    }
}

/// Marks in several articles that report the same claim
/// ("eight members were killed").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub id: LinkId,
    /// The claim in neutral words, as the annotator sums it up.
    pub label: String,
    pub marks: Vec<MarkId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The different names articles give one party
/// ("the ruling class", "the US government", "Washington").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: LinkId,
    pub name: String,
    pub marks: Vec<MarkId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schema_has_the_three_categories_with_distinct_keys() {
        let s = Schema::default_schema();
        let ids: Vec<&str> = s.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["loaded", "attribution", "editorializing"]);
        let keys: Vec<char> = s.categories.iter().map(|c| c.key).collect();
        assert_eq!(keys, ['1', '2', '3']);
        for c in &s.categories {
            assert!(parse_colour(&c.colour).is_some(), "{} colour", c.id);
            assert!(!c.guideline.is_empty(), "{} guideline", c.id);
            assert!(!c.attributes.is_empty(), "{} attributes", c.id);
        }
    }

    #[test]
    fn ids_that_could_escape_a_folder_are_invalid() {
        assert!(is_valid_id("wire-report_2"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("a/b"));
        assert!(!is_valid_id(".hidden"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn slugify_makes_valid_ids() {
        assert_eq!(slugify("The Daily Ledger.txt"), "the-daily-ledger-txt");
        assert_eq!(slugify("  Über!! "), "ber");
        assert_eq!(slugify("!!!"), "article");
        assert!(is_valid_id(&slugify(&"x".repeat(200))));
    }

    #[test]
    fn attribute_kinds_accept_only_their_values() {
        let a = Attribute {
            id: "polarity".into(),
            name: "Polarity".into(),
            kind: AttributeKind::Choice(vec![Choice {
                id: "negative".into(),
                label: "Negative".into(),
                help: String::new(),
            }]),
            help: String::new(),
        };
        assert!(a.accepts(&AttrValue::Text("negative".into())));
        assert!(!a.accepts(&AttrValue::Text("sideways".into())));
        assert!(!a.accepts(&AttrValue::Flag(true)));
    }
}
