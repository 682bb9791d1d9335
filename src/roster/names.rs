//! How a person's name is compared and turned into an annotator id. LMSs
//! write one name three ways ("Lopez, Ana" in Canvas's gradebook, "Ana
//! Lopez" in Moodle, "ana-lopez" as a folder), with or without accents, so
//! matching on the text as written would leave students unmatched.

use crate::model::{AnnotatorId, slugify};

/// The name as a key that ignores case, accents, punctuation and word
/// order: "Lopez, Ána" and "ana LOPEZ" give the same key ("ana lopez").
pub fn name_key(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// "Last, First" (Canvas's order) as "First Last"; a name without a comma
/// is returned as it is.
pub fn first_last(name: &str) -> String {
    match name.split_once(',') {
        Some((last, first)) if !first.trim().is_empty() && !last.trim().is_empty() => {
            format!("{} {}", first.trim(), last.trim())
        }
        _ => name.trim().to_string(),
    }
}

/// The annotator id a name gets: its slug, accents folded to ASCII first
/// so "José Núñez" becomes `jose-nunez` rather than `jos-n-ez`.
pub fn slug(name: &str) -> AnnotatorId {
    AnnotatorId::new(slugify(&deunicode::deunicode(&first_last(name))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_key_ignores_case_accents_punctuation_and_order() {
        assert_eq!(name_key("Lopez, Ána"), "ana lopez");
        assert_eq!(name_key("ana LOPEZ"), "ana lopez");
        assert_ne!(name_key("Ana Lopez"), name_key("Ana Lopes"));
        assert_eq!(name_key(""), "");
    }

    #[test]
    fn slugs_put_the_first_name_first_and_keep_accented_letters() {
        assert_eq!(slug("Lopez, Ana").as_str(), "ana-lopez");
        assert_eq!(slug("José Núñez").as_str(), "jose-nunez");
        assert_eq!(slug("Ana Lopez").as_str(), "ana-lopez");
        assert_eq!(first_last("Student, Test"), "Test Student");
        assert_eq!(first_last("Prince"), "Prince");
    }
}
