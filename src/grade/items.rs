//! The feedback of one article, made from its pairing: one item per pair
//! (with the attributes a matched pair disagrees on, and the key's
//! guideline when the categories differ), then the key's marks alone
//! (missed) and the student's alone (extra), all in text order. An extra
//! mark on words the key marked as an actor mention carries that mention,
//! so feedback can say what the key did there.

use std::sync::Arc;

use super::{AttrDiff, Item, MarkSide, Names, Outcome};
use crate::model::{AttrValue, AttributeKind, Mark, MarkId, Schema};
use crate::pairing::matching;
use crate::text::CharRange;

/// The key's marks of one article: those graded, as marks and as feedback
/// shows them, and its actor mentions, which are not graded but explain a
/// student's extra mark on the same words.
pub(super) struct KeyMarks<'a> {
    pub sides: &'a [Arc<MarkSide>],
    pub marks: &'a [&'a Mark],
    pub mentions: &'a [&'a Mark],
}

/// The feedback of one article in text order: each pair, then the marks alone.
pub(super) fn items(
    schema: &Schema,
    names: &Names,
    key: KeyMarks<'_>,
    student: &[&Mark],
    pairing: &matching::Pairing,
) -> Vec<Item> {
    let KeyMarks {
        sides: key_sides,
        marks: key,
        mentions,
    } = key;
    let mut out =
        Vec::with_capacity(pairing.pairs.len() + pairing.only_a.len() + pairing.only_b.len());
    for p in &pairing.pairs {
        let (k, s) = (key[p.a], student[p.b]);
        let outcome = Outcome::from(p.kind);
        let (attributes, attributes_compared) = if outcome == Outcome::Matched {
            attribute_diffs(schema, k, s)
        } else {
            (Vec::new(), 0)
        };
        let key_guideline = match outcome {
            Outcome::OtherCategory => schema
                .category(&k.category)
                .map(|c| c.guideline.clone())
                .unwrap_or_default(),
            _ => String::new(),
        };
        out.push(Item {
            outcome,
            key: Some(key_sides[p.a].clone()),
            student: Some(MarkSide::of(s, names)),
            overlap_chars: p.overlap_chars,
            attributes,
            attributes_compared,
            key_guideline,
            key_mention: None,
        });
    }
    let alone = |outcome, key: Option<Arc<MarkSide>>, student: Option<MarkSide>| Item {
        outcome,
        key,
        student,
        overlap_chars: 0,
        attributes: Vec::new(),
        attributes_compared: 0,
        key_guideline: String::new(),
        key_mention: None,
    };
    out.extend(
        pairing
            .only_a
            .iter()
            .map(|&i| alone(Outcome::Missed, Some(key_sides[i].clone()), None)),
    );
    out.extend(pairing.only_b.iter().map(|&j| {
        let s = student[j];
        let mut item = alone(Outcome::Extra, None, Some(MarkSide::of(s, names)));
        // The mention covering most of the student's words.
        item.key_mention = mentions
            .iter()
            .filter(|m| m.range().overlaps(&s.range()))
            .max_by_key(|m| overlap(m.range(), s.range()))
            .map(|m| MarkSide::of(m, names));
        item
    }));
    // Ids last, so two items on the same span still have a fixed order.
    fn ids(i: &Item) -> (Option<&MarkId>, Option<&MarkId>) {
        (
            i.key.as_ref().map(|m| &m.mark),
            i.student.as_ref().map(|m| &m.mark),
        )
    }
    // Stable: the items come nearly in order, which a stable sort is quick on.
    out.sort_by(|x, y| {
        let (rx, ry) = (x.range(), y.range());
        (rx.start, rx.end, x.outcome)
            .cmp(&(ry.start, ry.end, y.outcome))
            .then_with(|| ids(x).cmp(&ids(y)))
    });
    out
}

/// How many chars two ranges share.
fn overlap(a: CharRange, b: CharRange) -> usize {
    b.end
        .0
        .min(a.end.0)
        .saturating_sub(a.start.0.max(b.start.0))
}

/// The choice and flag attributes of a matched pair's category that either
/// mark sets, and those they disagree on.
fn attribute_diffs(schema: &Schema, key: &Mark, student: &Mark) -> (Vec<AttrDiff>, usize) {
    let Some(category) = schema.category(&key.category) else {
        return (Vec::new(), 0);
    };
    let mut diffs = Vec::new();
    let mut compared = 0;
    for attr in &category.attributes {
        if matches!(attr.kind, AttributeKind::Text) {
            continue;
        }
        let (k, s) = (
            key.attributes.get(&attr.id),
            student.attributes.get(&attr.id),
        );
        if k.is_none() && s.is_none() {
            continue;
        }
        compared += 1;
        if k != s {
            let label =
                |v: Option<&AttrValue>| v.map(|v| schema.value_label(&category.id, &attr.id, v));
            diffs.push(AttrDiff {
                attribute: attr.id.clone(),
                name: attr.name.clone(),
                student: label(s),
                key: label(k),
            });
        }
    }
    (diffs, compared)
}
