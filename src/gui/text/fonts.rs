//! Fonts for every script a case uses, and the reading font.
//!
//! egui's own fonts draw Latin, Greek and Cyrillic. For everything else the
//! window asks the system: `egui_system_font_provider` finds an installed
//! font for a char no loaded font has, through the system's own fallback
//! (fontconfig on Linux, CoreText, DirectWrite), and egui appends it to the
//! family's fallback chain. That happens the first time a char is drawn; so
//! that nothing is left to chance, each time a case opens or its articles
//! change every distinct char of its texts and titles is asked for, and a
//! writing system with chars no font has is named once in the status bar,
//! with a font that would draw it.
//!
//! The reading font (the article text) is its own egui family: a system
//! family the user picked, or egui's default, followed by the default
//! family's fonts and whatever the system supplies.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use egui::{Context, FontData, FontDefinitions, FontFamily, FontId};
use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::text::scripts;

/// The egui family the article text is drawn in.
pub const READING_FAMILY: &str = "reading";
/// Text size of the reading font, in points, unless the user changes it.
pub const DEFAULT_READING_POINTS: f32 = 16.0;
pub const MIN_READING_POINTS: f32 = 10.0;
pub const MAX_READING_POINTS: f32 = 40.0;

/// The reading font as the user chose it (remembered between runs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadingFont {
    /// An installed family ("DejaVu Serif"); `None` for egui's own.
    pub family: Option<String>,
    pub size_points: f32,
}

impl Default for ReadingFont {
    fn default() -> Self {
        ReadingFont {
            family: None,
            size_points: DEFAULT_READING_POINTS,
        }
    }
}

impl ReadingFont {
    /// The font to lay the text out in, `scale` times the chosen size.
    pub fn font_id(&self, scale: f32) -> FontId {
        let size = self
            .size_points
            .clamp(MIN_READING_POINTS, MAX_READING_POINTS);
        FontId::new(size * scale, FontFamily::Name(READING_FAMILY.into()))
    }
}

/// A writing system in the case that some chars of have no font.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingFont {
    /// "Han", "Arabic", "emoji"...
    pub writing: &'static str,
    /// How many distinct chars of it no font has.
    pub chars: usize,
}

impl MissingFont {
    /// The message the status bar shows.
    pub fn message(&self) -> String {
        if self.writing == ACCENTS {
            return format!(
                "{} letters' combining accents are missing from the reading font and may not show: choose DejaVu Sans in View > Reading font…",
                self.chars
            );
        }
        format!(
            "No font for {} characters ({} are empty boxes): install {} and restart Candor.",
            self.writing,
            self.chars,
            scripts::font_hint(self.writing)
        )
    }
}

/// Names the accents a reading font would drop (see `dropped_accents`).
pub const ACCENTS: &str = "combining accents";

/// What was last checked, so a case is looked at again only when it changed.
#[derive(Clone, Debug, PartialEq)]
struct Checked {
    root: PathBuf,
    texts_generation: u64,
    articles: usize,
    family: Option<String>,
}

/// The window's fonts: set up once, the reading font applied when it
/// changes, and the case's texts checked for chars no font has.
#[derive(Default)]
pub struct Fonts {
    provider_added: bool,
    /// The reading family installed in egui, once it has been.
    applied: Option<Option<String>>,
    checked: Option<Checked>,
    /// Writings already named, per case, so each is said once.
    reported: BTreeSet<(PathBuf, &'static str)>,
    /// What the last check found.
    pub missing: Vec<MissingFont>,
    /// Installed families, listed the first time they are asked for.
    families: Option<Vec<String>>,
}

impl Fonts {
    /// Adds the system font provider (once) and installs the reading font
    /// if it changed. Returns why the chosen family could not be loaded, if
    /// it could not (the text then stays in egui's font).
    pub fn prepare(&mut self, ctx: &Context, reading: &ReadingFont) -> Option<String> {
        if !self.provider_added {
            ctx.add_font_provider(Arc::new(
                egui_system_font_provider::SystemFontProvider::new(),
            ));
            self.provider_added = true;
        }
        if self.applied.as_ref() == Some(&reading.family) {
            return None;
        }
        self.applied = Some(reading.family.clone());
        let mut defs = FontDefinitions::default();
        let mut chain = defs
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default();
        let mut problem = None;
        if let Some(family) = &reading.family {
            match load_family(family) {
                Some(data) => {
                    let name = format!("reading:{family}");
                    defs.font_data.insert(name.clone(), Arc::new(data));
                    chain.insert(0, name);
                }
                None => {
                    problem = Some(format!(
                        "The reading font {family} could not be loaded; the text is shown in Candor's own font."
                    ))
                }
            }
        }
        defs.families
            .insert(FontFamily::Name(READING_FAMILY.into()), chain);
        ctx.set_fonts(defs);
        // Chars checked with the old fonts are checked again.
        self.checked = None;
        problem
    }

    /// Checks every distinct char of the case's texts and titles against
    /// the fonts, when the case or its texts changed since the last look.
    /// Returns the writings no one was told about yet.
    pub fn check_case(
        &mut self,
        ctx: &Context,
        case: &Case,
        texts_generation: u64,
        font: &FontId,
        reading: &ReadingFont,
    ) -> Vec<MissingFont> {
        let key = Checked {
            root: case.root().to_path_buf(),
            texts_generation,
            articles: case.articles().len(),
            family: reading.family.clone(),
        };
        if self.checked.as_ref() == Some(&key) {
            return Vec::new();
        }
        let texts = case.articles().iter().flat_map(|a| {
            [a.meta.title.as_str(), a.meta.outlet.as_str()]
                .into_iter()
                .chain(a.text.as_ref().map(|t| t.text.as_str()))
        });
        let found = scripts::writing_systems(texts.clone());
        let accented = scripts::accented_letters(texts);
        self.missing = ctx.fonts_mut(|f| {
            let mut missing: Vec<MissingFont> = found
                .iter()
                .filter_map(|(&writing, chars)| {
                    let lacking = chars.iter().filter(|&&c| !f.has_glyph(font, c)).count();
                    (lacking > 0).then_some(MissingFont {
                        writing,
                        chars: lacking,
                    })
                })
                .collect();
            let dropped = dropped_accents(f, font, &accented);
            if dropped > 0 {
                missing.push(MissingFont {
                    writing: ACCENTS,
                    chars: dropped,
                });
            }
            missing
        });
        let root = key.root.clone();
        self.checked = Some(key);
        self.missing
            .iter()
            .filter(|m| self.reported.insert((root.clone(), m.writing)))
            .cloned()
            .collect()
    }

    /// The installed font families, sorted, for the reading font setting.
    pub fn families(&mut self) -> &[String] {
        self.families.get_or_insert_with(|| {
            let mut collection = system_fonts();
            let mut names: Vec<String> = collection.family_names().map(str::to_string).collect();
            names.sort_by_key(|n| n.to_lowercase());
            names.dedup();
            names
        })
    }
}

/// How many of the letters with combining accents would lose an accent:
/// egui draws a letter and its accents in one font, the first of the family
/// that has the letter, and leaves out an accent that font lacks (unless the
/// shaper finds the accented letter precomposed in it). Every letter's
/// glyph has already been asked for, so the family holds the fonts the
/// system supplied for them.
fn dropped_accents(
    f: &mut egui::epaint::text::FontsView<'_>,
    font: &FontId,
    letters: &BTreeSet<String>,
) -> usize {
    if letters.is_empty() {
        return 0;
    }
    let fonts_of = f.characters(&font.family);
    letters
        .iter()
        .filter(|letter| {
            let mut chars = letter.chars();
            let Some(base) = chars.next() else {
                return false;
            };
            let Some(base_font) = fonts_of.get(&base).and_then(|v| v.first()) else {
                return false;
            };
            chars.any(|mark| !fonts_of.get(&mark).is_some_and(|v| v.contains(base_font)))
        })
        .count()
}

fn system_fonts() -> fontique::Collection {
    fontique::Collection::new(fontique::CollectionOptions {
        shared: false,
        system_fonts: true,
    })
}

/// The regular face of an installed family, if there is one.
fn load_family(name: &str) -> Option<FontData> {
    let mut collection = system_fonts();
    let family = collection.family_by_name(name)?;
    let font = family.match_font(
        fontique::FontWidth::NORMAL,
        fontique::FontStyle::Normal,
        fontique::FontWeight::NORMAL,
        false,
    )?;
    let mut cache = fontique::SourceCache::new(fontique::SourceCacheOptions::default());
    let blob = font.load(Some(&mut cache))?;
    let (data, _) = blob.into_raw_parts();
    Some(FontData::from_blob(data, font.index()))
}
