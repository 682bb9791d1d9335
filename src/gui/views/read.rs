//! The Read view: one article, where marks are made. It shows the problems
//! found when the case was opened, a notice when the article's marks cannot
//! be changed, the article's title line, and the text widget, whose layout it
//! keeps between frames (and drops when the text changed on disk). Under
//! blind reading it draws the headline, dateline and outlet masked (`Masking`,
//! which Side by side uses too).

use egui::{FontId, RichText, Ui};

use crate::gui::app::commands::Action;
use crate::gui::panels::dialogs;
use crate::gui::session::Session;
use crate::gui::text::overlay;
use crate::gui::text::view::{TextInput, TextView};
use crate::gui::widgets::bidi_text;
use crate::model::{ArticleId, masked_text};
use crate::text::{ArticleText, CharPos};

#[derive(Default)]
pub struct ReadView {
    pub text_view: TextView,
    masking: Masking,
    /// The session's `texts_generation` the layout was made for.
    texts_generation: u64,
}

impl ReadView {
    /// The text drawn in place of the article's while its headline is
    /// masked (as of the last frame); `None` when the text is drawn as it is.
    pub fn masked_text(&self) -> Option<&str> {
        match &self.masking.made {
            Some((_, Some(masked))) => Some(&masked.text),
            _ => None,
        }
    }

    /// Scrolls the text so `pos` is in view on the next frame.
    pub fn scroll_to(&mut self, pos: CharPos) {
        self.text_view.scroll_to(pos);
    }

    /// Draws the article in the reading font `font`.
    pub fn ui(&mut self, ui: &mut Ui, s: &Session, font: &FontId) -> Vec<Action> {
        if self.texts_generation != s.texts_generation() {
            self.text_view = TextView::default();
            self.masking = Masking::default();
            self.texts_generation = s.texts_generation();
        }
        dialogs::problems_ui(ui, s.case.load_problems(), &|t| s.blind_words(&t));
        let mut actions = Vec::new();
        if let Some(reason) = s.locked_reason() {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, reason);
                if s.viewing
                    && ui
                        .button(format!("Mark as {}", s.annotator))
                        .on_hover_text("Change these marks as this annotator")
                        .clicked()
                {
                    actions.push(Action::SwitchAnnotator(s.annotator.clone()));
                }
            });
        }
        let Some(article) = s.article_id().and_then(|id| s.case.article(id)) else {
            ui.label("This case has no articles yet: File > Import articles…, or drop .txt or .md files on the window.");
            return actions;
        };
        let shown = s.shown_meta(&article.meta.id);
        let shown = shown.as_deref().unwrap_or(&article.meta);
        // Wrapped, so a long title and the picker never widen the text.
        ui.horizontal_wrapped(|ui| {
            ui.label(bidi_text(ui, &shown.title, RichText::heading));
            if s.blind() {
                ui.weak("(blind reading)").on_hover_text(
                    "This case hides outlets, titles and dates while you read. View > Blind reading turns it off.",
                );
                let mut on = s.mask_headlines;
                if ui
                    .checkbox(&mut on, "mask headline and outlet")
                    .on_hover_text("Hide, inside the text, a first line that is the article's title, a dateline (\"BAGHDAD, Iraq –\") and the outlet's name (\"The Ledger\", \"-RT\"); the words keep their places and marks on them still work")
                    .changed()
                {
                    actions.push(Action::SetMaskHeadlines(on));
                }
            } else if ui
                .small_button("Details…")
                .on_hover_text("Change this article's title, outlet, byline, date, URL or genre, move it, or remove it")
                .clicked()
            {
                actions.push(Action::EditArticle(article.meta.id.clone()));
            }
            ui.separator();
            actions.extend(overlay::picker_ui(ui, s, "read"));
        });
        let byline = format!("by {}", shown.byline);
        let meta: Vec<&str> = [
            shown.outlet.as_str(),
            if shown.byline.is_empty() {
                ""
            } else {
                byline.as_str()
            },
            shown.date.as_str(),
            shown.genre.label(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
        ui.weak(meta.join(" · "));
        ui.separator();
        let Some(text) = &article.text else {
            ui.label(s.blind_words(&format!(
                "The text of this article ({}) could not be read; see the problems above.",
                article.meta.file
            )));
            return actions;
        };
        let text = self
            .masking
            .text(s, &article.meta.id, text, &mut self.text_view);
        let input = TextInput::for_session(s, &article.meta.id, text, font);
        if let Some((_, name)) = &input.compare_with {
            overlay::legend_ui(ui, name, Some(self.text_view.overlay_items()));
        }
        actions.extend(self.text_view.ui(ui, &input));
        actions
    }
}

/// Blind reading's masking for one text view: the text with its headline,
/// dateline and outlet masked (`model::masked_text`), made once per article and
/// setting rather than each frame.
#[derive(Default)]
pub struct Masking {
    /// The article, its text's length and whether masking was on, and the
    /// masked text (`None`: drawn as it is).
    made: Option<((ArticleId, usize, bool), Option<ArticleText>)>,
}

impl Masking {
    /// What `view` draws of `id`'s `text`. Turning masking on or off on
    /// the same article starts `view` afresh, so no line laid out masked
    /// is drawn unmasked or the other way round.
    pub fn text<'a>(
        &'a mut self,
        s: &Session,
        id: &ArticleId,
        text: &'a ArticleText,
        view: &mut TextView,
    ) -> &'a ArticleText {
        let key = (id.clone(), text.text.len(), s.blind() && s.mask_headlines);
        if self.made.as_ref().map(|(k, _)| k) != Some(&key) {
            let masked = if key.2 {
                s.case
                    .article(id)
                    .and_then(|a| masked_text(&text.text, &a.meta))
                    .map(ArticleText::new)
            } else {
                None
            };
            let was_masked = self
                .made
                .as_ref()
                .is_some_and(|((a, _, _), m)| a == id && m.is_some());
            if was_masked != masked.is_some() {
                *view = TextView::default();
            }
            self.made = Some((key, masked));
        }
        match &self.made {
            Some((_, Some(masked))) => masked,
            _ => text,
        }
    }
}
