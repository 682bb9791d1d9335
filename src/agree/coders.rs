//! Agreement's second step: each article read once, with every compared
//! annotator's counted marks turned into what the later steps need (spans
//! for pairing, merged char ranges for unitizing, covered units for coding,
//! marks sorted per category with their running furthest end, attribute
//! values as numbers), so the pairs and the per-article figures never go
//! back to the case.

use std::collections::HashMap;

use super::units;
use super::{CategoryInfo, Inputs};
use crate::case::Case;
use crate::model::{AttrValue, AttributeKind, CategoryId, Mark};
use crate::pairing::{self, HandIn, Span};

/// One annotator's marks on one article, read once for every pair.
pub(super) struct Coder<'c> {
    pub(super) spans: Vec<Span<'c>>,
    /// Per mark, its category's index.
    pub(super) category: Vec<usize>,
    /// Per category: char ranges (merged) and covered units.
    pub(super) chars: Vec<Vec<(u64, u64)>>,
    pub(super) covered: Vec<Vec<(u32, u32)>>,
    /// Per category: the marks as `(start, end, index in marks)`, in text
    /// order, and the furthest end of each prefix of them.
    pub(super) spans_of: CategorySpans,
    pub(super) reach: Vec<Vec<u64>>,
    /// Per mark, its value of each attribute its category's specs list
    /// (`AttrSpec::index`), so pairs compare numbers, not strings.
    pub(super) attrs: Vec<Vec<u16>>,
}

/// What is read of one article.
pub(super) struct ArticleData<'c> {
    pub(super) len: u64,
    pub(super) units: u64,
    /// Per annotator (in `annotators`' order): `None` when missing.
    pub(super) coders: Vec<Option<Coder<'c>>>,
}

/// Every article of the case, in its order, with each compared annotator
/// who handed it in as a [`Coder`]; `index` gives each category's place.
pub(super) fn read_articles<'c>(
    inputs: &Inputs<'c>,
    index: &HashMap<CategoryId, usize>,
    specs: &[AttrSpec],
) -> Vec<ArticleData<'c>> {
    let case = inputs.case;
    let n_cat = inputs.categories.len();
    let mut specs_of: Vec<Vec<usize>> = vec![Vec::new(); n_cat];
    for (i, spec) in specs.iter().enumerate() {
        specs_of[spec.category].push(i);
    }
    case.articles()
        .iter()
        .map(|article| {
            let id = &article.meta.id;
            let text = case.article_text(id).map_or("", |t| t.text.as_str());
            let unit_ranges = units::units(text, inputs.unit);
            let coders = inputs
                .annotators
                .iter()
                .map(|who| {
                    HandIn::of(case, who, id).handed_in().then(|| {
                        let marks = pairing::counted_marks(case, who, id);
                        let category = marks.iter().map(|m| index[&m.category]).collect();
                        Coder::read(marks, category, n_cat, &unit_ranges, specs, &specs_of)
                    })
                })
                .collect();
            ArticleData {
                len: text.chars().count() as u64,
                units: unit_ranges.len() as u64,
                coders,
            }
        })
        .collect()
}

impl<'c> Coder<'c> {
    /// One annotator's counted `marks` on an article cut into `unit_ranges`,
    /// with `category` the index of each mark's category.
    fn read(
        marks: Vec<&'c Mark>,
        category: Vec<usize>,
        n_cat: usize,
        unit_ranges: &[(u64, u64)],
        specs: &[AttrSpec],
        specs_of: &[Vec<usize>],
    ) -> Coder<'c> {
        let spans = marks.iter().map(|m| Span::from(*m)).collect();
        let chars: Vec<Vec<(u64, u64)>> = (0..n_cat)
            .map(|c| {
                units::merged(
                    marks
                        .iter()
                        .zip(&category)
                        .filter(|(_, k)| **k == c)
                        .map(|(m, _)| *m),
                )
            })
            .collect();
        let covered = chars
            .iter()
            .map(|r| units::covered(unit_ranges, r))
            .collect();
        let (spans_of, reach) = spans_by_category(&marks, &category, n_cat);
        let attrs = marks
            .iter()
            .zip(&category)
            .map(|(m, &c)| {
                specs_of[c]
                    .iter()
                    .map(|&s| {
                        let spec = &specs[s];
                        spec.index(m.attributes.get(&spec.id)) as u16
                    })
                    .collect()
            })
            .collect();
        Coder {
            spans,
            category,
            chars,
            covered,
            spans_of,
            reach,
            attrs,
        }
    }
}

/// Per category, its marks as `(start, end, index in marks)`.
pub(super) type CategorySpans = Vec<Vec<(u64, u64, u32)>>;

/// Per category (of `n_cat`), the marks as `(start, end, index in marks)`
/// in text order, and the running maximum of their ends: how far any mark
/// up to each one reaches, which lets `isolated_overlaps` stop looking back
/// as soon as no earlier mark can reach a span.
pub(super) fn spans_by_category(
    marks: &[&Mark],
    category: &[usize],
    n_cat: usize,
) -> (CategorySpans, Vec<Vec<u64>>) {
    let mut spans_of: CategorySpans = vec![Vec::new(); n_cat];
    for (i, (m, &c)) in marks.iter().zip(category).enumerate() {
        spans_of[c].push((m.start.0 as u64, m.end.0 as u64, i as u32));
    }
    let reach = spans_of
        .iter_mut()
        .map(|v| {
            v.sort_unstable();
            let mut far = 0;
            v.iter()
                .map(|x| {
                    far = far.max(x.1);
                    far
                })
                .collect()
        })
        .collect();
    (spans_of, reach)
}

/// One attribute compared: its category's index, id, and value list.
pub(super) struct AttrSpec {
    pub(super) category: usize,
    pub(super) id: String,
    pub(super) name: String,
    /// Choice ids (or `no`, `yes` for a flag); then "unset", then "other".
    pub(super) values: Vec<AttrValue>,
}

impl AttrSpec {
    pub(super) fn index(&self, v: Option<&AttrValue>) -> usize {
        match v {
            None => self.values.len(),
            Some(v) => self
                .values
                .iter()
                .position(|x| x == v)
                .unwrap_or(self.values.len() + 1),
        }
    }
}

/// The choice and yes/no attributes of the schema's categories.
pub(super) fn attribute_specs(case: &Case, categories: &[CategoryInfo]) -> Vec<AttrSpec> {
    let mut out = Vec::new();
    for (ci, info) in categories.iter().enumerate() {
        let Some(category) = case.schema().category(&info.id) else {
            continue;
        };
        for attr in &category.attributes {
            let values = match &attr.kind {
                AttributeKind::Choice(choices) => choices
                    .iter()
                    .map(|c| AttrValue::Text(c.id.clone()))
                    .collect(),
                AttributeKind::Flag => vec![AttrValue::Flag(false), AttrValue::Flag(true)],
                AttributeKind::Text => continue,
            };
            out.push(AttrSpec {
                category: ci,
                id: attr.id.clone(),
                name: attr.name.clone(),
                values,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MarkId, Timestamp};
    use crate::text::CharPos;

    fn mark(start: usize, end: usize) -> Mark {
        Mark {
            id: MarkId(format!("m{start}-{end}")),
            category: CategoryId::new("loaded"),
            start: CharPos(start),
            end: CharPos(end),
            quote: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            review: None,
            attributes: Default::default(),
            note: String::new(),
            created: Timestamp::default(),
            modified: Timestamp::default(),
        }
    }

    #[test]
    fn spans_are_sorted_per_category_with_the_furthest_end_so_far() {
        let marks = [mark(30, 35), mark(0, 20), mark(5, 8), mark(10, 12)];
        let refs: Vec<&Mark> = marks.iter().collect();
        let (spans_of, reach) = spans_by_category(&refs, &[0, 0, 1, 0], 3);
        assert_eq!(spans_of[0], [(0, 20, 1), (10, 12, 3), (30, 35, 0)]);
        assert_eq!(spans_of[1], [(5, 8, 2)]);
        assert!(spans_of[2].is_empty());
        // The short mark inside the long one does not pull the reach back.
        assert_eq!(reach[0], [20, 20, 35]);
        assert_eq!(reach[1], [8]);
        assert!(reach[2].is_empty());
    }
}
