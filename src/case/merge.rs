//! Three-way merging of one file: what Candor last read from it (the base),
//! what it holds in memory now (ours) and what is on disk now (theirs: a
//! `git pull`, a second window, a script). Every file of a case is a list of
//! records with ids (marks, claims and actors, articles), so the merge goes
//! record by record: a record changed on one side only takes that side's
//! version, the same change on both sides is no conflict, and only a record
//! changed differently on both sides is a *conflict*, kept for the user to
//! decide (memory keeps ours, the disk keeps theirs, until they pick).

use std::collections::{BTreeMap, BTreeSet};

use super::FileKey;
use crate::model::{
    Actor, AnnotatorId, ArticleId, ArticleMeta, Claim, LinkId, LinkKind, LinkRef, Links, Manifest,
    Mark, MarkId,
};

/// A record changed differently here and on disk; `None` is "deleted".
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Clash<K, T> {
    pub key: K,
    pub ours: Option<T>,
    pub theirs: Option<T>,
}

/// The records after a merge, and the clashes, for which `records` holds ours.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Merged<K, T> {
    pub records: Vec<T>,
    pub clashes: Vec<Clash<K, T>>,
}

/// Merges lists of records keyed by `key`. Order: theirs' order, then
/// records only we have, in our order (callers that sort, sort after).
pub(super) fn merge_records<K, T>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> K,
) -> Merged<K, T>
where
    K: Ord + Clone,
    T: Clone + PartialEq,
{
    let index = |list: &[T]| -> BTreeMap<K, usize> {
        list.iter().enumerate().map(|(i, r)| (key(r), i)).collect()
    };
    let (b, o, t) = (index(base), index(ours), index(theirs));
    let mut order: Vec<K> = theirs.iter().map(&key).collect();
    order.extend(ours.iter().map(&key).filter(|k| !t.contains_key(k)));
    // Deleted on their side but still ours: it may need to stay.
    let mut records = Vec::new();
    let mut clashes = Vec::new();
    let mut seen = BTreeSet::new();
    for k in order {
        if !seen.insert(k.clone()) {
            continue;
        }
        let pick = |m: &BTreeMap<K, usize>, list: &[T]| m.get(&k).map(|&i| list[i].clone());
        let (bv, ov, tv) = (pick(&b, base), pick(&o, ours), pick(&t, theirs));
        match merge_value(bv, ov, tv) {
            Ok(Some(v)) => records.push(v),
            Ok(None) => {}
            Err((ours, theirs)) => {
                if let Some(v) = &ours {
                    records.push(v.clone());
                }
                clashes.push(Clash {
                    key: k.clone(),
                    ours,
                    theirs,
                });
            }
        }
    }
    Merged { records, clashes }
}

/// One value, three ways: the side that changed wins, the same change on
/// both sides is that change, different changes are `Err((ours, theirs))`.
pub(super) fn merge_value<T: PartialEq>(base: T, ours: T, theirs: T) -> Result<T, (T, T)> {
    if ours == theirs || theirs == base {
        Ok(ours)
    } else if ours == base {
        Ok(theirs)
    } else {
        Err((ours, theirs))
    }
}

/// A set of ids, three ways: an id added on either side is in, an id
/// removed on either side is out. Never a conflict. Order: theirs, then ours'
/// additions.
pub(super) fn merge_ids(base: &[MarkId], ours: &[MarkId], theirs: &[MarkId]) -> Vec<MarkId> {
    // Every id looked at is on at least one side: it stays if it is on
    // both, or if it is new (a side that had it in the base removed it).
    let keep = |id: &MarkId| (ours.contains(id) && theirs.contains(id)) || !base.contains(id);
    let mut out: Vec<MarkId> = Vec::new();
    for id in theirs.iter().chain(ours) {
        if keep(id) && !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// One annotator's marks on one article, merged by mark id, in file order.
pub(super) fn merge_marks(base: &[Mark], ours: &[Mark], theirs: &[Mark]) -> Merged<MarkId, Mark> {
    let mut merged = merge_records(base, ours, theirs, |m| m.id.clone());
    merged
        .records
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    merged
}

/// A claim or an actor as one record: what it is called, its note, and its
/// marks. The marks of a link merge as a set, so two people adding marks to
/// one claim is never a conflict; its name and note merge as values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkBody {
    pub name: String,
    pub note: String,
    pub marks: Vec<MarkId>,
}

fn bodies(links: &Links) -> Vec<(LinkRef, LinkBody)> {
    let claims = links.claims.iter().map(|c| {
        let body = LinkBody {
            name: c.label.clone(),
            note: c.note.clone(),
            marks: c.marks.clone(),
        };
        (LinkRef::Claim(c.id.clone()), body)
    });
    let actors = links.actors.iter().map(|a| {
        let body = LinkBody {
            name: a.name.clone(),
            note: a.note.clone(),
            marks: a.marks.clone(),
        };
        (LinkRef::Actor(a.id.clone()), body)
    });
    claims.chain(actors).collect()
}

/// Puts one link's body into `links`, replacing the one with its id (or
/// removing it for `None`).
pub(super) fn set_link(links: &mut Links, link: &LinkRef, body: Option<&LinkBody>) {
    let id: &LinkId = link.id();
    match link.kind() {
        LinkKind::Claim => {
            let at = links.claims.iter().position(|c| &c.id == id);
            match (at, body) {
                (Some(i), Some(b)) => {
                    let c = &mut links.claims[i];
                    c.label.clone_from(&b.name);
                    c.note.clone_from(&b.note);
                    c.marks.clone_from(&b.marks);
                }
                (None, Some(b)) => links.claims.push(Claim {
                    id: id.clone(),
                    label: b.name.clone(),
                    marks: b.marks.clone(),
                    note: b.note.clone(),
                }),
                (Some(i), None) => {
                    links.claims.remove(i);
                }
                (None, None) => {}
            }
        }
        LinkKind::Actor => {
            let at = links.actors.iter().position(|a| &a.id == id);
            match (at, body) {
                (Some(i), Some(b)) => {
                    let a = &mut links.actors[i];
                    a.name.clone_from(&b.name);
                    a.note.clone_from(&b.note);
                    a.marks.clone_from(&b.marks);
                }
                (None, Some(b)) => links.actors.push(Actor {
                    id: id.clone(),
                    name: b.name.clone(),
                    marks: b.marks.clone(),
                    note: b.note.clone(),
                }),
                (Some(i), None) => {
                    links.actors.remove(i);
                }
                (None, None) => {}
            }
        }
    }
}

/// One annotator's claims and actors, merged link by link.
pub(super) fn merge_links(
    base: &Links,
    ours: &Links,
    theirs: &Links,
) -> (Links, Vec<Clash<LinkRef, LinkBody>>) {
    let (b, o, t) = (bodies(base), bodies(ours), bodies(theirs));
    let find = |list: &[(LinkRef, LinkBody)], k: &LinkRef| {
        list.iter()
            .find(|(l, _)| l == k)
            .map(|(_, body)| body.clone())
    };
    let mut order: Vec<LinkRef> = t.iter().map(|(l, _)| l.clone()).collect();
    for (l, _) in &o {
        if !order.contains(l) {
            order.push(l.clone());
        }
    }
    let mut out = Links {
        format: ours.format.max(theirs.format),
        ..Links::new()
    };
    let mut clashes = Vec::new();
    for link in order {
        let (bv, ov, tv) = (find(&b, &link), find(&o, &link), find(&t, &link));
        let merged = match (&bv, &ov, &tv) {
            // Kept on both sides: name and note as values, marks as a set.
            (base, Some(ours), Some(theirs)) => {
                let empty = LinkBody {
                    name: String::new(),
                    note: String::new(),
                    marks: Vec::new(),
                };
                let base = base.as_ref().unwrap_or(&empty);
                let name = merge_value(&base.name, &ours.name, &theirs.name);
                let note = merge_value(&base.note, &ours.note, &theirs.note);
                match (name, note) {
                    (Ok(name), Ok(note)) => Ok(Some(LinkBody {
                        name: name.clone(),
                        note: note.clone(),
                        marks: merge_ids(&base.marks, &ours.marks, &theirs.marks),
                    })),
                    _ => Err((ov.clone(), tv.clone())),
                }
            }
            _ => merge_value(bv.clone(), ov.clone(), tv.clone()),
        };
        match merged {
            Ok(body) => set_link(&mut out, &link, body.as_ref()),
            Err((ours, theirs)) => {
                set_link(&mut out, &link, ours.as_ref());
                clashes.push(Clash {
                    key: link,
                    ours,
                    theirs,
                });
            }
        }
    }
    (out, clashes)
}

/// The manifest's own values (title, description, schema path) that
/// clashed, by name, and the article entries that clashed.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ManifestClashes {
    pub fields: Vec<(&'static str, String, String)>,
    pub articles: Vec<Clash<ArticleId, ArticleMeta>>,
}

/// `case.ron`, merged value by value and article by article.
pub(super) fn merge_manifest(
    base: &Manifest,
    ours: &Manifest,
    theirs: &Manifest,
) -> (Manifest, ManifestClashes) {
    let mut clashes = ManifestClashes::default();
    let mut field = |name: &'static str, b: &String, o: &String, t: &String| -> String {
        match merge_value(b, o, t) {
            Ok(v) => v.clone(),
            Err((o, t)) => {
                clashes.fields.push((name, o.clone(), t.clone()));
                o.clone()
            }
        }
    };
    let title = field("title", &base.title, &ours.title, &theirs.title);
    let description = field(
        "description",
        &base.description,
        &ours.description,
        &theirs.description,
    );
    let schema = field("schema", &base.schema, &ours.schema, &theirs.schema);
    let articles = merge_records(&base.articles, &ours.articles, &theirs.articles, |a| {
        a.id.clone()
    });
    clashes.articles = articles.clashes;
    let key = match merge_value(&base.key, &ours.key, &theirs.key) {
        Ok(key) => key.clone(),
        Err((o, t)) => {
            let name = |k: &Option<AnnotatorId>| {
                k.as_ref().map_or("(none)".to_string(), |k| k.to_string())
            };
            clashes.fields.push(("key", name(o), name(t)));
            o.clone()
        }
    };
    let blind = match merge_value(&base.blind, &ours.blind, &theirs.blind) {
        Ok(b) => *b,
        Err((o, t)) => {
            clashes.fields.push(("blind", o.to_string(), t.to_string()));
            *o
        }
    };
    let id = match merge_value(&base.id, &ours.id, &theirs.id) {
        Ok(id) => id.clone(),
        Err((o, t)) => {
            let name = |k: &Option<String>| k.clone().unwrap_or_else(|| "(none)".to_string());
            clashes.fields.push(("id", name(o), name(t)));
            o.clone()
        }
    };
    // A student copy's hand-out changes in one way at a time (a name given,
    // a hand-back taken in); a clash keeps ours whole.
    let handout = match merge_value(&base.handout, &ours.handout, &theirs.handout) {
        Ok(h) => h.clone(),
        Err((o, _)) => {
            clashes.fields.push((
                "handout",
                "(this copy's)".into(),
                "(the one on disk)".into(),
            ));
            o.clone()
        }
    };
    let manifest = Manifest {
        key,
        blind,
        id,
        handout,
        format: ours.format.max(theirs.format),
        title,
        description,
        schema,
        articles: articles.records,
    };
    (manifest, clashes)
}

/// Something changed differently here and on disk. Until the user picks a
/// side, the window holds ours and the file on disk keeps theirs: nothing
/// is lost, and the file is not written.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The file it is in.
    pub key: FileKey,
    pub item: ConflictItem,
}

// A case holds a handful of conflicts at most; boxing the marks would only
// add indirection where they are compared and shown.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ConflictItem {
    /// One mark; `None` on a side that deleted it.
    Mark {
        article: ArticleId,
        id: MarkId,
        ours: Option<Mark>,
        theirs: Option<Mark>,
    },
    /// One claim or actor.
    Link {
        link: LinkRef,
        ours: Option<LinkBody>,
        theirs: Option<LinkBody>,
    },
    /// One article's entry in `case.ron`.
    Article {
        id: ArticleId,
        ours: Option<ArticleMeta>,
        theirs: Option<ArticleMeta>,
    },
    /// One of `case.ron`'s own values (title, description, schema path).
    Field {
        name: &'static str,
        ours: String,
        theirs: String,
    },
    /// The schema was changed here and on disk; it is kept whole.
    Schema,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CategoryId, Timestamp};
    use crate::text::CharPos;

    fn mark(id: &str, start: usize, note: &str) -> Mark {
        Mark {
            id: MarkId::new(id),
            category: CategoryId::new("loaded"),
            start: CharPos(start),
            end: CharPos(start + 3),
            quote: "abc".into(),
            prefix: String::new(),
            suffix: String::new(),
            review: None,
            attributes: Default::default(),
            note: note.into(),
            created: Timestamp::default(),
            modified: Timestamp::default(),
        }
    }

    fn ids(marks: &[Mark]) -> Vec<&str> {
        marks.iter().map(|m| m.id.as_str()).collect()
    }

    #[test]
    fn marks_added_on_both_sides_are_all_kept() {
        let base = [mark("m1", 0, "")];
        let ours = [mark("m1", 0, ""), mark("m2", 10, "")];
        let theirs = [mark("m1", 0, ""), mark("m3", 5, "")];
        let m = merge_marks(&base, &ours, &theirs);
        assert_eq!(ids(&m.records), ["m1", "m3", "m2"], "in text order");
        assert!(m.clashes.is_empty());
    }

    #[test]
    fn a_change_on_one_side_wins_and_a_deletion_on_one_side_holds() {
        let base = [mark("m1", 0, ""), mark("m2", 10, "")];
        let ours = [mark("m1", 0, "my note"), mark("m2", 10, "")];
        let theirs = [mark("m1", 0, "")];
        let m = merge_marks(&base, &ours, &theirs);
        assert_eq!(ids(&m.records), ["m1"]);
        assert_eq!(m.records[0].note, "my note");
        assert!(m.clashes.is_empty());
    }

    #[test]
    fn the_same_mark_changed_differently_is_a_clash_that_keeps_ours() {
        let base = [mark("m1", 0, "")];
        let ours = [mark("m1", 0, "mine")];
        let theirs = [mark("m1", 0, "theirs")];
        let m = merge_marks(&base, &ours, &theirs);
        assert_eq!(m.records[0].note, "mine");
        assert_eq!(m.clashes.len(), 1);
        assert_eq!(
            m.clashes[0].theirs.as_ref().map(|t| t.note.as_str()),
            Some("theirs")
        );
        // Deleted here, changed there: a clash too.
        let m = merge_marks(&base, &[], &theirs);
        assert!(m.records.is_empty());
        assert_eq!(m.clashes[0].ours, None);
        // The same change on both sides is no clash.
        let m = merge_marks(&base, &theirs, &theirs);
        assert!(m.clashes.is_empty());
    }

    #[test]
    fn marks_added_to_one_claim_on_both_sides_are_all_in_it() {
        let claim = |marks: &[&str], label: &str| Links {
            claims: vec![Claim {
                id: LinkId::new("c1"),
                label: label.into(),
                marks: marks.iter().map(|m| MarkId::new(*m)).collect(),
                note: String::new(),
            }],
            ..Links::new()
        };
        let base = claim(&["m1", "m2"], "eight killed");
        let ours = claim(&["m1", "m2", "m5"], "eight killed");
        let theirs = claim(&["m2", "m9"], "eight killed");
        let (merged, clashes) = merge_links(&base, &ours, &theirs);
        assert!(clashes.is_empty());
        let got: Vec<&str> = merged.claims[0].marks.iter().map(|m| m.as_str()).collect();
        assert_eq!(got, ["m2", "m9", "m5"], "m1 was taken out on their side");
        // Renamed differently on both sides: a clash.
        let (_, clashes) = merge_links(&base, &claim(&["m1"], "a"), &claim(&["m1"], "b"));
        assert_eq!(clashes.len(), 1);
    }

    #[test]
    fn articles_added_on_both_sides_and_a_retitled_case_merge() {
        let mut base = Manifest::new("Dam");
        base.articles
            .push(ArticleMeta::new(ArticleId::new("wire"), "Wire"));
        let mut ours = base.clone();
        ours.articles
            .push(ArticleMeta::new(ArticleId::new("ledger"), "Ledger"));
        let mut theirs = base.clone();
        theirs.title = "Northgate Dam".into();
        theirs
            .articles
            .push(ArticleMeta::new(ArticleId::new("voice"), "Voice"));
        let (m, clashes) = merge_manifest(&base, &ours, &theirs);
        assert_eq!(clashes, ManifestClashes::default());
        assert_eq!(m.title, "Northgate Dam");
        let got: Vec<&str> = m.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(got, ["wire", "voice", "ledger"]);
    }

    #[test]
    fn blind_reading_turned_on_on_disk_merges_with_an_article_added_here() {
        let base = Manifest::new("Dam");
        let mut ours = base.clone();
        ours.articles
            .push(ArticleMeta::new(ArticleId::new("ledger"), "Ledger"));
        let mut theirs = base.clone();
        theirs.blind = true;
        let (m, clashes) = merge_manifest(&base, &ours, &theirs);
        assert_eq!(clashes, ManifestClashes::default());
        assert!(m.blind);
        assert_eq!(m.articles.len(), 1);
        // Turned on here and off... it cannot clash with itself: a bool
        // changed on one side only always merges.
        let (m, _) = merge_manifest(&theirs, &theirs, &base);
        assert!(!m.blind);
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        /// A list of marks m0..m5 each present or not, with one of two notes.
        fn side() -> impl Strategy<Value = Vec<Mark>> {
            proptest::collection::vec(proptest::option::of(0..2u8), 6).prop_map(|v| {
                v.into_iter()
                    .enumerate()
                    .filter_map(|(i, n)| n.map(|n| mark(&format!("m{i}"), i * 4, &n.to_string())))
                    .collect()
            })
        }

        proptest! {
            #[test]
            fn a_side_that_did_not_change_gives_the_other_side(base in side(), other in side()) {
                let m = merge_marks(&base, &base, &other);
                prop_assert_eq!(&m.records, &other);
                prop_assert!(m.clashes.is_empty());
                let m = merge_marks(&base, &other, &base);
                prop_assert_eq!(&m.records, &other);
            }

            #[test]
            fn no_mark_changed_on_one_side_only_is_lost(base in side(), ours in side(), theirs in side()) {
                let m = merge_marks(&base, &ours, &theirs);
                let clashed: Vec<&MarkId> = m.clashes.iter().map(|c| &c.key).collect();
                for side in [&ours, &theirs] {
                    for mk in side.iter() {
                        if base.contains(mk) || clashed.contains(&&mk.id) {
                            continue;
                        }
                        // New or changed on this side: it is in the result.
                        prop_assert!(m.records.contains(mk), "{} lost", mk.id);
                    }
                }
                // Swapping sides clashes on the same marks.
                let swapped = merge_marks(&base, &theirs, &ours);
                let mut a: Vec<&MarkId> = m.clashes.iter().map(|c| &c.key).collect();
                let mut b: Vec<&MarkId> = swapped.clashes.iter().map(|c| &c.key).collect();
                a.sort();
                b.sort();
                prop_assert_eq!(a, b);
            }
        }
    }
}
