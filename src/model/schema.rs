//! The schema: the categories annotators mark with, their typed attributes,
//! and how a stored value reads to a person.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::{CategoryId, Mark};

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

    /// The categories that are judgements (not mentions), as figures count them.
    pub fn judgements(&self) -> impl Iterator<Item = &Category> {
        self.categories.iter().filter(|c| !c.mention)
    }

    /// Whether marks of this category id are counted in figures: a
    /// category the schema no longer has still is, so nothing disappears.
    pub fn counts(&self, id: &CategoryId) -> bool {
        self.category(id).is_none_or(|c| !c.mention)
    }

    /// The category ids, as a message lists them: "loaded, attribution".
    pub fn category_ids(&self) -> String {
        let ids: Vec<&str> = self.categories.iter().map(|c| c.id.as_str()).collect();
        ids.join(", ")
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
pub const DEFAULT_SCHEMA_RON: &str = include_str!("../../annotations/default-schema.ron");

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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<Attribute>,
    /// A mention names something (an actor's name, to link it) without
    /// judging the wording: counted in no category's figures.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mention: bool,
}

/// A key that sets one attribute value of a selected mark (a choice of a
/// list, or a yes/no turned on), so filling in a mark is a few presses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueKey {
    pub key: char,
    pub attribute: String,
    pub value: AttrValue,
}

impl Category {
    /// A key for every choice and yes/no of this category, in schema order:
    /// the first free initial of its label's words, else another of its
    /// letters, else any free letter,
    /// never one of `reserved` (the categories' own keys). Text attributes
    /// get none: they are typed.
    pub fn value_keys(&self, reserved: &[char]) -> Vec<ValueKey> {
        let mut taken: Vec<char> = reserved.iter().map(|c| c.to_ascii_lowercase()).collect();
        let mut out = Vec::new();
        let pick = |label: &str, taken: &mut Vec<char>| -> Option<char> {
            // The initials of the label's words first ("Inside a quotation":
            // i, then q), then its other letters, then any letter.
            let lower = label.to_ascii_lowercase();
            let initials = lower
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 2)
                .filter_map(|w| w.chars().next());
            let letters = initials
                .chain(lower.chars().filter(char::is_ascii_lowercase))
                .chain('a'..='z');
            let key = letters.into_iter().find(|c| !taken.contains(c))?;
            taken.push(key);
            Some(key)
        };
        for attr in &self.attributes {
            match &attr.kind {
                AttributeKind::Choice(choices) => {
                    for c in choices {
                        if let Some(key) = pick(&c.label, &mut taken) {
                            out.push(ValueKey {
                                key,
                                attribute: attr.id.clone(),
                                value: AttrValue::Text(c.id.clone()),
                            });
                        }
                    }
                }
                AttributeKind::Flag => {
                    if let Some(key) = pick(&attr.name, &mut taken) {
                        out.push(ValueKey {
                            key,
                            attribute: attr.id.clone(),
                            value: AttrValue::Flag(true),
                        });
                    }
                }
                AttributeKind::Text => {}
            }
        }
        out
    }

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
    /// For a text attribute: the id of a choice attribute of the same
    /// category whose suggested choice's found words fill this one (the
    /// cue verb is the words that suggested the cue's stance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggest_from: Option<String>,
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
    /// Words that, found in a mark's quote, suggest this choice ("claimed"
    /// for a doubting cue); `{person}` and `{organisation}` stand for a
    /// name of that kind (see `crate::fill`). Empty: the phrases the help
    /// quotes are used instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
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
