//! What a case is made of, as plain data: the manifest, the schema, marks and
//! links. These types are exactly what the RON files hold (see FORMAT.md), so
//! serde derives are the file format; anything computed lives elsewhere.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{CharPos, CharRange};

/// The file format version Candor writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The names of a case's files and folders (FORMAT.md): `case.ron`,
/// `articles/<id>.txt`, `marks/<annotator>/<article>.ron` and
/// `marks/<annotator>/links.ron`.
pub const MANIFEST_FILE: &str = "case.ron";
pub const ARTICLES_DIR: &str = "articles";
pub const MARKS_DIR: &str = "marks";
pub const LINKS_FILE: &str = "links.ron";

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
    /// An entry with an id and a title and nothing else; `Case::add_article`
    /// fills in `file`.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        ArticleMeta {
            id: ArticleId(id.into()),
            title: title.into(),
            outlet: String::new(),
            date: String::new(),
            url: String::new(),
            genre: Genre::News,
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

    /// A category's name, or its id when the schema no longer has it.
    pub fn category_name<'a>(&'a self, id: &'a CategoryId) -> &'a str {
        self.category(id).map_or(id.as_str(), |c| c.name.as_str())
    }

    /// How a person reads one attribute value: a choice's label
    /// ("Doubt-casting", not `doubt`), "yes"/"no", or the text as written.
    pub fn value_label(&self, category: &CategoryId, attribute: &str, value: &AttrValue) -> String {
        let choices = self
            .category(category)
            .and_then(|c| c.attribute(attribute))
            .and_then(|a| match &a.kind {
                AttributeKind::Choice(choices) => Some(choices),
                _ => None,
            });
        match (choices, value) {
            (Some(choices), AttrValue::Text(v)) => choices
                .iter()
                .find(|c| &c.id == v)
                .map_or(v.clone(), |c| c.label.clone()),
            _ => value.to_string(),
        }
    }

    /// A mark's attributes as a person reads them, in the schema's order and
    /// then any the schema no longer has: the window's hover card, reports
    /// and grading feedback all show them this way.
    pub fn describe(&self, mark: &Mark) -> Vec<AttrLine> {
        let cat = self.category(&mark.category);
        let mut ids: Vec<&String> = cat
            .map(|c| c.attributes.iter().map(|a| &a.id).collect())
            .unwrap_or_default();
        ids.retain(|id| mark.attributes.contains_key(*id));
        for k in mark.attributes.keys() {
            if !ids.contains(&k) {
                ids.push(k);
            }
        }
        ids.into_iter()
            .filter_map(|id| {
                let value = mark.attributes.get(id)?;
                let name = cat
                    .and_then(|c| c.attribute(id))
                    .map_or(id.clone(), |a| a.name.clone());
                Some(AttrLine {
                    id: id.clone(),
                    name,
                    value: self.value_label(&mark.category, id, value),
                })
            })
            .collect()
    }
}

/// One attribute of a mark as a person reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttrLine {
    /// The attribute's id, as files write it.
    pub id: String,
    /// Its name in the schema ("Cue stance"), or the id if it has none.
    pub name: String,
    /// The value's label ("Doubt-casting", "yes", or the text).
    pub value: String,
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

    /// The marks of one claim or actor, to change them.
    pub fn members_mut(&mut self, link: &LinkRef) -> Option<&mut Vec<MarkId>> {
        match link {
            LinkRef::Claim(id) => self
                .claims
                .iter_mut()
                .find(|c| &c.id == id)
                .map(|c| &mut c.marks),
            LinkRef::Actor(id) => self
                .actors
                .iter_mut()
                .find(|a| &a.id == id)
                .map(|a| &mut a.marks),
        }
    }

    /// Every claim, then every actor, each as a `LinkGroup`.
    pub fn groups(&self) -> impl Iterator<Item = LinkGroup<'_>> {
        let claims = self.claims.iter().map(|c| LinkGroup {
            kind: LinkKind::Claim,
            id: &c.id,
            name: &c.label,
            marks: &c.marks,
        });
        let actors = self.actors.iter().map(|a| LinkGroup {
            kind: LinkKind::Actor,
            id: &a.id,
            name: &a.name,
            marks: &a.marks,
        });
        claims.chain(actors)
    }
}

/// No claims and no actors, in the current format: a derived `Default`
/// would say `format: 0`, which no Candor reads.
impl Default for Links {
    fn default() -> Self {
        Links::new()
    }
}

/// Which kind of link: a claim or an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    Claim,
    Actor,
}

impl LinkKind {
    pub const ALL: [LinkKind; 2] = [LinkKind::Claim, LinkKind::Actor];

    /// "claim" or "actor", as messages and files say it.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Claim => "claim",
            LinkKind::Actor => "actor",
        }
    }

    /// What new ids of this kind start with (`c1`, `a1`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            LinkKind::Claim => "c",
            LinkKind::Actor => "a",
        }
    }
}

/// One claim or one actor of an annotator's links, by id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkRef {
    Claim(LinkId),
    Actor(LinkId),
}

impl LinkRef {
    pub fn new(kind: LinkKind, id: LinkId) -> Self {
        match kind {
            LinkKind::Claim => LinkRef::Claim(id),
            LinkKind::Actor => LinkRef::Actor(id),
        }
    }

    pub fn kind(&self) -> LinkKind {
        match self {
            LinkRef::Claim(_) => LinkKind::Claim,
            LinkRef::Actor(_) => LinkKind::Actor,
        }
    }

    pub fn id(&self) -> &LinkId {
        match self {
            LinkRef::Claim(id) | LinkRef::Actor(id) => id,
        }
    }

    pub fn is_actor(&self) -> bool {
        self.kind() == LinkKind::Actor
    }

    /// Its name and marks, if the annotator has it (undo may have removed it).
    pub fn find<'a>(&self, links: &'a Links) -> Option<(&'a str, &'a [MarkId])> {
        links
            .groups()
            .find(|g| g.kind == self.kind() && g.id == self.id())
            .map(|g| (g.name, g.marks))
    }
}

/// A claim or an actor seen the same way: what it is, what it is called, and
/// which marks it groups.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinkGroup<'a> {
    pub kind: LinkKind,
    pub id: &'a LinkId,
    pub name: &'a str,
    pub marks: &'a [MarkId],
}

impl LinkGroup<'_> {
    pub fn link(&self) -> LinkRef {
        LinkRef::new(self.kind, self.id.clone())
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
    fn marks_are_described_with_labels_in_schema_order() {
        let schema = Schema::default_schema();
        let mut attributes = BTreeMap::new();
        attributes.insert("stance".to_string(), AttrValue::Text("doubt".into()));
        attributes.insert("source".to_string(), AttrValue::Text("the Pentagon".into()));
        attributes.insert("zz_old".to_string(), AttrValue::Flag(true));
        let mark = Mark {
            id: MarkId::new("m1"),
            category: CategoryId::new("attribution"),
            start: CharPos(0),
            end: CharPos(4),
            quote: "said".into(),
            prefix: String::new(),
            suffix: String::new(),
            attributes,
            note: String::new(),
            created: Timestamp::default(),
            modified: Timestamp::default(),
        };
        let lines = schema.describe(&mark);
        let ids: Vec<&str> = lines.iter().map(|l| l.id.as_str()).collect();
        let stance_at = ids.iter().position(|i| *i == "stance").expect("stance");
        let source_at = ids.iter().position(|i| *i == "source").expect("source");
        let cat = schema.category(&mark.category).expect("attribution");
        let order = |id: &str| cat.attributes.iter().position(|a| a.id == id);
        assert_eq!(stance_at < source_at, order("stance") < order("source"));
        assert_eq!(ids.last(), Some(&"zz_old"), "unknown attributes come last");
        let stance = &lines[stance_at];
        assert_ne!(
            stance.value, "doubt",
            "a choice shows its label: {stance:?}"
        );
        assert_eq!(lines.last().map(|l| l.value.as_str()), Some("yes"));
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
