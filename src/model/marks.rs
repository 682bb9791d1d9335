//! Marks (one judgement on one span) and links (claims and actors that group
//! marks across articles), as their files hold them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AttrValue, CategoryId, FORMAT_VERSION, LinkId, MarkId, Timestamp};
use crate::text::{CharPos, CharRange};

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
    /// Set when re-anchoring put the mark on words that differ from its
    /// quote; cleared when the annotator accepts the new words or marks the
    /// right ones. Absent from files written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttrValue>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// Why a mark needs review: the text changed under it, and re-anchoring put
/// it on words that differ from the ones it was made on (a word corrected
/// inside it, its quotation marks straightened, its spacing changed). The
/// judgement may not fit the new words, so the annotator accepts them or
/// marks the right ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Review", deny_unknown_fields)]
pub struct Review {
    /// The quote the annotator judged: the one before the first move that
    /// changed it (later moves keep it).
    pub was: String,
}

impl Mark {
    pub fn range(&self) -> CharRange {
        CharRange {
            start: self.start,
            end: self.end,
        }
    }

    /// The quote the annotator judged, if the mark now sits on other words
    /// and needs review.
    pub fn review_was(&self) -> Option<&str> {
        self.review.as_ref().map(|r| r.was.as_str())
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
    /// The annotator says they are done with this article (handed it in).
    /// Grading tells an article nobody marked done and left empty ("not
    /// handed in") from one they found nothing in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
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
