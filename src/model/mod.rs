//! What a case is made of, as plain data: the manifest, the schema, marks and
//! links. These types are exactly what the RON files hold (see FORMAT.md), so
//! serde derives are the file format; anything computed lives elsewhere.
//!
//! - this file: file names, ids, the manifest and its articles;
//! - `schema`: categories, their attributes, and how a value reads;
//! - `marks`: marks, and the claims and actors that link them.

mod marks;
mod mask;
mod schema;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

pub use marks::{Actor, Claim, LinkGroup, LinkKind, LinkRef, Links, Mark, MarkFile, Review};
pub use mask::{blind_spans, mask, masked_text};
pub use schema::{
    AttrLine, AttrValue, Attribute, AttributeKind, Category, Choice, DEFAULT_SCHEMA_RON, Schema,
    ValueKey, parse_colour,
};

/// The file format version Candor writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The names of a case's files and folders (FORMAT.md): `case.ron`,
/// `articles/<id>.txt`, `marks/<annotator>/<article>.ron` and
/// `marks/<annotator>/links.ron`.
pub const MANIFEST_FILE: &str = "case.ron";

/// The case folder given the folder part of a path to its `case.ron`
/// (`.` for a bare `case.ron`, whose folder part is empty).
pub fn case_folder_of(parent: &std::path::Path) -> std::path::PathBuf {
    if parent.as_os_str().is_empty() {
        std::path::PathBuf::from(".")
    } else {
        parent.to_path_buf()
    }
}
pub const ARTICLES_DIR: &str = "articles";
pub const MARKS_DIR: &str = "marks";
pub const LINKS_FILE: &str = "links.ron";
/// What a new case tells git not to commit (Candor's temp and lock files).
pub const GITIGNORE_FILE: &str = ".gitignore";

/// The annotator who is the answer key when `case.ron` names none.
pub const DEFAULT_KEY: &str = "key";

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

/// Turns a file name or title into a valid id: lower case, `_` kept (ids
/// allow it), runs of other characters become `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || (c == '_' && !out.is_empty()) {
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
    /// The annotator whose marks are the answer key (`candor grade`). Left
    /// out, an annotator called `key` is the key (`Case::key`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_option::serialize",
        deserialize_with = "plain_option::deserialize"
    )]
    pub key: Option<AnnotatorId>,
    /// Blind reading: the window hides outlets, titles and dates and calls
    /// the articles "Article 1..n", so readers judge the wording, not the
    /// brand. The command line still shows them.
    #[serde(default, skip_serializing_if = "is_false")]
    pub blind: bool,
    /// The case's own id (`c` and random letters), written the first time a
    /// student copy is made: every hand-in names it, so a hand-in made on
    /// another case is told apart (src/class/).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_option::serialize",
        deserialize_with = "plain_option::deserialize"
    )]
    pub id: Option<String>,
    /// Present in a student copy only: which case it was made from and the
    /// articles' text as they were then.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_option::serialize",
        deserialize_with = "plain_option::deserialize"
    )]
    pub handout: Option<Handout>,
    #[serde(default)]
    pub articles: Vec<ArticleMeta>,
}

/// What makes a case a student copy (`candor handout`): the instructor's
/// case it came from, when, a hash of each article's text then, and the
/// student once they gave their name. The key is not in a student copy;
/// `feedback` lists the articles whose key came back with a hand-back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Handout", deny_unknown_fields)]
pub struct Handout {
    /// The instructor's case id (`Manifest::id` there).
    pub case: String,
    pub made: Timestamp,
    /// Each article's text hash (`sha256:<hex>`) when the copy was made.
    #[serde(default)]
    pub articles: BTreeMap<ArticleId, String>,
    /// The student the copy belongs to, once they said their name.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "plain_option::serialize",
        deserialize_with = "plain_option::deserialize"
    )]
    pub student: Option<AnnotatorId>,
    /// Articles whose key marks came back (a hand-back); the key is shown
    /// on these only.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub feedback: BTreeSet<ArticleId>,
}

/// What blind reading calls the article at `index` (0 is first) in the
/// case's order: "Article 1" for the first.
pub fn blind_name(index: usize) -> String {
    format!("Article {}", index + 1)
}

impl ArticleMeta {
    /// The details blind reading shows of the article at `index`: its
    /// name in the case's order, and nothing that says who published it
    /// or when (the genre stays: it tells how to read the piece). The
    /// byline goes with the outlet: a reporter's name says where they work.
    pub fn blinded(&self, index: usize) -> ArticleMeta {
        ArticleMeta {
            title: blind_name(index),
            outlet: String::new(),
            byline: String::new(),
            date: String::new(),
            url: String::new(),
            ..self.clone()
        }
    }
}

/// An author line without its "By " ("By Dana Reyes" → "Dana Reyes").
pub fn without_by(line: &str) -> &str {
    match line.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => line[3..].trim_start(),
        _ => line,
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An optional field written as its bare value (`key: "key"`), not RON's
/// `Some("key")`: the way a person writes it by hand. Left out when `None`.
mod plain_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => v.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(d).map(Some)
    }
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
            key: None,
            blind: false,
            id: None,
            handout: None,
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
    /// Who wrote it, as the page's author line says ("Dana Reyes and Lee
    /// Park"); left out of `case.ron` when empty, so files from before it
    /// read and write as they were.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub byline: String,
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
    /// An article with only an id and a title; outlet, byline, date and URL are
    /// empty and the genre is news. `file` is left empty because
    /// `Case::add_article` sets it from the id.
    pub fn new(id: ArticleId, title: impl Into<String>) -> Self {
        ArticleMeta {
            id,
            title: title.into(),
            outlet: String::new(),
            byline: String::new(),
            date: String::new(),
            url: String::new(),
            genre: Genre::News,
            file: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::CharPos;

    #[test]
    fn default_schema_has_three_judgements_and_a_mention_with_distinct_keys() {
        let s = Schema::default_schema();
        let ids: Vec<&str> = s.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["loaded", "attribution", "editorializing", "mention"]);
        let keys: Vec<char> = s.categories.iter().map(|c| c.key).collect();
        assert_eq!(keys, ['1', '2', '3', '4']);
        let judgements: Vec<&str> = s.judgements().map(|c| c.id.as_str()).collect();
        assert_eq!(judgements, ["loaded", "attribution", "editorializing"]);
        for c in &s.categories {
            assert!(parse_colour(&c.colour).is_some(), "{} colour", c.id);
            assert!(!c.guideline.is_empty(), "{} guideline", c.id);
            assert_eq!(c.attributes.is_empty(), c.mention, "{} attributes", c.id);
        }
        assert!(!s.counts(&CategoryId::new("mention")));
        assert!(s.counts(&CategoryId::new("no-longer-in-the-schema")));
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
        assert_eq!(slugify("wire_report 2"), "wire_report-2", "ids keep `_`");
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
            review: None,
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
    fn every_choice_and_flag_of_the_default_schema_gets_its_own_letter() {
        let schema = Schema::default_schema();
        let reserved: Vec<char> = schema.categories.iter().map(|c| c.key).collect();
        for cat in &schema.categories {
            let keys = cat.value_keys(&reserved);
            let choices: usize = cat
                .attributes
                .iter()
                .map(|a| match &a.kind {
                    AttributeKind::Choice(c) => c.len(),
                    AttributeKind::Flag => 1,
                    AttributeKind::Text => 0,
                })
                .sum();
            assert_eq!(keys.len(), choices, "{}: every value has a key", cat.id);
            let mut letters: Vec<char> = keys.iter().map(|k| k.key).collect();
            letters.sort();
            letters.dedup();
            assert_eq!(letters.len(), keys.len(), "{}: no key twice", cat.id);
            assert!(letters.iter().all(|c| c.is_ascii_lowercase()));
            assert!(letters.iter().all(|c| !reserved.contains(c)));
        }
        // Where it can, a key is the label's first letter.
        let loaded = schema.category(&CategoryId::new("loaded")).expect("loaded");
        let polarity: Vec<(char, String)> = loaded
            .value_keys(&reserved)
            .into_iter()
            .filter(|k| k.attribute == "polarity")
            .map(|k| (k.key, k.value.to_string()))
            .collect();
        assert_eq!(
            polarity,
            [('n', "negative".to_string()), ('p', "positive".to_string())]
        );
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
                words: Vec::new(),
            }]),
            help: String::new(),
            suggest_from: None,
        };
        assert!(a.accepts(&AttrValue::Text("negative".into())));
        assert!(!a.accepts(&AttrValue::Text("sideways".into())));
        assert!(!a.accepts(&AttrValue::Flag(true)));
    }
}
