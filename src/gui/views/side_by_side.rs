//! Two to four articles in columns, each the same text widget as the Read
//! view (with its own cached layout), so a reader sees how each outlet wrote
//! the same event. One claim or actor can be followed across the columns:
//! its marks get an outline in every column and each column scrolls to the
//! first of them. A click in a column makes that article the current one, so
//! marking works in any column, and an article picked in the list on the
//! left takes the place of the column being marked. With a claim or actor
//! followed, a mark picked in another column can be added to it in one
//! undoable step. The columns are remembered per case between runs.

use egui::{ComboBox, FontId, RichText, Ui};

use crate::case::Case;
use crate::gui::app::commands::Action;
use crate::gui::session::Session;
use crate::gui::text::overlay;
use crate::gui::text::view::{OUTLINE, TextInput, TextView};
use crate::gui::views::read::Masking;
use crate::model::{AnnotatorId, ArticleId, LinkRef, Links, Mark, MarkId};
use crate::text::ellipsize as ellipsis;

pub const MIN_COLUMNS: usize = 2;
pub const MAX_COLUMNS: usize = 4;
/// Narrower than this a column is hard to read (about 30 characters a
/// line): the columns then scroll sideways instead of squeezing.
pub const MIN_COLUMN_POINTS: f32 = 260.0;

/// One column: which article, and its text view (layout cached per column).
pub struct Column {
    pub article: ArticleId,
    pub view: TextView,
    masking: Masking,
}

impl Column {
    fn new(article: ArticleId) -> Self {
        Column {
            article,
            view: TextView::default(),
            masking: Masking::default(),
        }
    }
}

#[derive(Default)]
pub struct SideBySide {
    pub columns: Vec<Column>,
    /// The claim or actor outlined in every column.
    pub followed: Option<LinkRef>,
    /// The session's `texts_generation` the columns' layouts were made for.
    texts_generation: u64,
    /// The columns did not fit side by side in the last frame and scroll
    /// sideways: the window offers to hide its side panels.
    pub narrow: bool,
}

/// What a frame asked of the view itself (not of the case).
enum Change {
    SetArticle(usize, ArticleId),
    Remove(usize),
    Add,
    Follow(Option<LinkRef>),
}

fn links_of<'a>(case: &'a Case, annotator: &AnnotatorId) -> Option<&'a Links> {
    case.links(annotator)
}

impl SideBySide {
    /// Drops columns whose article is gone and fills up to two columns,
    /// starting with the current article.
    pub fn fill(&mut self, case: &Case, current: Option<&ArticleId>) {
        self.columns
            .retain(|c| case.articles().iter().any(|a| a.meta.id == c.article));
        let candidates = current
            .into_iter()
            .chain(case.articles().iter().map(|a| &a.meta.id));
        for id in candidates {
            if self.columns.len() >= MIN_COLUMNS {
                break;
            }
            if !self.columns.iter().any(|c| &c.article == id) {
                self.columns.push(Column::new(id.clone()));
            }
        }
    }

    /// Shows these articles (at most four), keeping the layout of any
    /// column that already shows one of them.
    pub fn show_articles(&mut self, articles: &[ArticleId]) {
        let mut old = std::mem::take(&mut self.columns);
        for id in articles.iter().take(MAX_COLUMNS) {
            let column = match old.iter().position(|c| &c.article == id) {
                Some(i) => old.remove(i),
                None => Column::new(id.clone()),
            };
            self.columns.push(column);
        }
    }

    /// Shows the columns remembered from an earlier run, without the
    /// articles the case no longer has (or repeats); with fewer than two
    /// left, the columns start afresh as on a first visit.
    pub fn restore(&mut self, case: &Case, articles: &[ArticleId]) {
        let mut kept: Vec<ArticleId> = Vec::new();
        for id in articles {
            if case.articles().iter().any(|a| &a.meta.id == id) && !kept.contains(id) {
                kept.push(id.clone());
            }
        }
        if kept.len() >= MIN_COLUMNS {
            self.show_articles(&kept);
        } else {
            self.columns.clear();
        }
    }

    /// Puts an article picked from the list in the column being marked
    /// (the one showing `current`, else the first), so choosing another
    /// article never loses the comparison. An article shown already stays
    /// in its own column.
    pub fn put_in_marking_column(
        &mut self,
        case: &Case,
        current: Option<&ArticleId>,
        article: ArticleId,
    ) {
        self.fill(case, current);
        if self.columns.iter().any(|c| c.article == article) {
            return;
        }
        let i = current
            .and_then(|cur| self.columns.iter().position(|c| &c.article == cur))
            .unwrap_or(0);
        match self.columns.get_mut(i) {
            Some(col) => *col = Column::new(article),
            None => self.columns.push(Column::new(article)),
        }
    }

    /// The articles shown, left to right.
    pub fn articles(&self) -> Vec<&ArticleId> {
        self.columns.iter().map(|c| &c.article).collect()
    }

    /// Follows a claim or actor: shows the articles that have its marks
    /// (topped up to two), outlines them and scrolls each column to the first.
    pub fn follow_in_articles(
        &mut self,
        case: &Case,
        annotator: &AnnotatorId,
        current: Option<&ArticleId>,
        link: LinkRef,
    ) {
        let marks = links_of(case, annotator)
            .and_then(|l| link.find(l))
            .map(|(_, m)| m.to_vec())
            .unwrap_or_default();
        let with_marks: Vec<ArticleId> = case
            .articles()
            .iter()
            .filter(|a| {
                case.marks(annotator, &a.meta.id)
                    .iter()
                    .any(|m| marks.contains(&m.id))
            })
            .map(|a| a.meta.id.clone())
            .collect();
        self.show_articles(&with_marks);
        self.fill(case, current);
        self.follow(case, annotator, Some(link));
    }

    /// Outlines a claim or actor in the columns shown and scrolls each to
    /// its first mark there (once: the reader may scroll away after).
    pub fn follow(&mut self, case: &Case, annotator: &AnnotatorId, link: Option<LinkRef>) {
        self.followed = link;
        let marks: Vec<MarkId> = self
            .followed
            .as_ref()
            .and_then(|f| links_of(case, annotator).and_then(|l| f.find(l)))
            .map(|(_, m)| m.to_vec())
            .unwrap_or_default();
        for col in &mut self.columns {
            let first = case
                .marks(annotator, &col.article)
                .iter()
                .filter(|m| marks.contains(&m.id))
                .map(|m| m.start)
                .min();
            if let Some(pos) = first {
                col.view.scroll_to(pos);
            }
        }
    }

    /// Draws the columns, their text in the reading font `font`.
    pub fn ui(&mut self, ui: &mut Ui, s: &Session, font: &FontId) -> Vec<Action> {
        let mut actions = Vec::new();
        let mut changes = Vec::new();
        let case = &s.case;
        if case.articles().len() < MIN_COLUMNS {
            ui.label("Side by side needs at least two articles: File > Import articles…");
            return actions;
        }
        self.fill(case, s.article_id());
        if self.texts_generation != s.texts_generation() {
            // A text changed on disk: every cached layout may be stale.
            for col in &mut self.columns {
                col.view = TextView::default();
                col.masking = Masking::default();
            }
            self.texts_generation = s.texts_generation();
        }
        let links = links_of(case, &s.annotator);
        let followed = self
            .followed
            .as_ref()
            .and_then(|f| links.and_then(|l| f.find(l)));
        let outlined: &[MarkId] = followed.map_or(&[], |(_, m)| m);

        ui.horizontal_wrapped(|ui| {
            self.follow_picker_ui(ui, links, followed.map(|(n, _)| n), &mut changes);
            actions.extend(overlay::picker_ui(ui, s, "side by side"));
            let can_add = self.columns.len() < MAX_COLUMNS.min(case.articles().len());
            if ui
                .add_enabled(can_add, egui::Button::new("+ Column"))
                .on_hover_text("Show one more article (up to four)")
                .clicked()
            {
                changes.push(Change::Add);
            }
        });
        if let (Some(link), Some((name, marks))) = (&self.followed, followed) {
            self.link_ui(ui, s, link, name, marks, &mut actions);
        }
        if let Some(other) = s.article_id().and_then(|a| s.compared_with(a)) {
            overlay::legend_ui(ui, &overlay::reference_name(s, other), None);
        }
        ui.separator();

        let n = self.columns.len();
        let current = s.article_id().cloned();
        let gap = ui.spacing().item_spacing.x * 2.0;
        let avail = ui.available_size();
        // Each column gets its own slot and never draws outside it; when the
        // slots would be too narrow to read, the columns scroll sideways.
        let column_width = ((avail.x - gap * (n as f32 - 1.0)) / n as f32).max(MIN_COLUMN_POINTS);
        let total = column_width * n as f32 + gap * (n as f32 - 1.0);
        self.narrow = total > avail.x + 0.5;
        egui::ScrollArea::horizontal()
            .id_salt("side by side columns")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let (area, _) =
                    ui.allocate_exact_size(egui::vec2(total, avail.y), egui::Sense::hover());
                for (i, col) in self.columns.iter_mut().enumerate() {
                    let x = area.min.x + i as f32 * (column_width + gap);
                    let slot = egui::Rect::from_min_size(
                        egui::pos2(x, area.min.y),
                        egui::vec2(column_width, area.height()),
                    );
                    let builder = egui::UiBuilder::new()
                        .max_rect(slot)
                        .id_salt(("column", i))
                        .layout(egui::Layout::top_down(egui::Align::Min));
                    ui.scope_builder(builder, |ui| {
                        ui.shrink_clip_rect(slot);
                        let is_current = current.as_ref() == Some(&col.article);
                        column_header_ui(ui, s, i, n, col, is_current, outlined, &mut changes);
                        let more = column_text_ui(ui, s, col, is_current, outlined, font);
                        if !more.is_empty() && !is_current {
                            actions.push(Action::FocusArticle(col.article.clone()));
                        }
                        actions.extend(more);
                    });
                }
            });

        for change in changes {
            match change {
                Change::SetArticle(i, id) => {
                    if let Some(col) = self.columns.get_mut(i) {
                        *col = Column::new(id);
                    }
                }
                Change::Remove(i) => {
                    if self.columns.len() > MIN_COLUMNS && i < self.columns.len() {
                        self.columns.remove(i);
                    }
                }
                Change::Add => {
                    let next = case
                        .articles()
                        .iter()
                        .map(|a| &a.meta.id)
                        .find(|id| !self.columns.iter().any(|c| &c.article == *id));
                    if let Some(id) = next
                        && self.columns.len() < MAX_COLUMNS
                    {
                        self.columns.push(Column::new(id.clone()));
                    }
                }
                Change::Follow(link) => self.follow(case, &s.annotator, link),
            }
        }
        actions
    }

    /// The list of claims and actors to follow across the columns.
    fn follow_picker_ui(
        &self,
        ui: &mut Ui,
        links: Option<&Links>,
        name: Option<&str>,
        changes: &mut Vec<Change>,
    ) {
        ui.label("Follow");
        let shown = match (&self.followed, name) {
            // Names, not ids: a claim's or actor's id is random letters.
            (Some(_), Some(name)) => ellipsis(name, 48),
            _ => "no claim or actor".to_string(),
        };
        ComboBox::from_id_salt("follow link")
            .selected_text(shown)
            .width(360.0)
            .height(600.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(self.followed.is_none(), "no claim or actor")
                    .clicked()
                {
                    changes.push(Change::Follow(None));
                }
                let Some(links) = links else { return };
                let claims = links
                    .claims
                    .iter()
                    .map(|c| (LinkRef::Claim(c.id.clone()), &c.label));
                let actors = links
                    .actors
                    .iter()
                    .map(|a| (LinkRef::Actor(a.id.clone()), &a.name));
                for (link, name) in claims.chain(actors) {
                    let kind = if link.is_actor() { "actor" } else { "claim" };
                    let text = format!("{} ({kind})", ellipsis(name, 60));
                    let on = self.followed.as_ref() == Some(&link);
                    if ui.selectable_label(on, text).clicked() {
                        changes.push(Change::Follow(Some(link)));
                    }
                }
            })
            .response
            .on_hover_text("Outline a claim's or an actor's marks in every column");
    }

    /// Adding marks to the followed claim or actor: the selected mark with
    /// one button, or any mark of the articles shown from a list. Each is
    /// one undoable change to the annotator's links.
    fn link_ui(
        &self,
        ui: &mut Ui,
        s: &Session,
        link: &LinkRef,
        name: &str,
        in_link: &[MarkId],
        actions: &mut Vec<Action>,
    ) {
        let short = ellipsis(name, 40);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("outlined").color(OUTLINE).strong())
                .on_hover_text("Marks of the followed claim or actor are outlined in this colour");
            match s.selected() {
                Some(mark) if in_link.contains(&mark.id) => {
                    ui.label(format!("“{}” is in {short}", ellipsis(&mark.quote, 40)));
                    if ui.small_button("Take out").clicked() {
                        actions.push(Action::UnlinkMark(link.clone()));
                    }
                }
                Some(mark) => {
                    let label = format!("Add “{}” to {short}", ellipsis(&mark.quote, 40));
                    if ui
                        .button(label)
                        .on_hover_text("One undoable change")
                        .clicked()
                    {
                        actions.push(Action::LinkMark(link.clone()));
                    }
                }
                None => {
                    ui.weak(
                        "Click a mark in any column to add it, or pick one from the other columns:",
                    );
                }
            }
            ComboBox::from_id_salt("add mark from column")
                .selected_text("Add a mark…")
                .height(480.0)
                .show_ui(ui, |ui| {
                    let mut any = false;
                    // The other articles: the current one's marks are one
                    // click away in the text and the inspector.
                    let current = s.article_id();
                    for col in self.columns.iter().filter(|c| Some(&c.article) != current) {
                        let marks: Vec<&Mark> = s
                            .case
                            .marks(&s.annotator, &col.article)
                            .iter()
                            .filter(|m| !in_link.contains(&m.id))
                            .collect();
                        if marks.is_empty() {
                            continue;
                        }
                        ui.strong(s.article_ref(&col.article));
                        for m in marks {
                            any = true;
                            let text = format!("{} “{}”", m.id, ellipsis(&m.quote, 50));
                            if ui.selectable_label(false, text).clicked() {
                                actions.push(Action::FocusArticle(col.article.clone()));
                                actions.push(Action::SelectMark(Some(m.id.clone())));
                                actions.push(Action::LinkMark(link.clone()));
                            }
                        }
                    }
                    if !any {
                        ui.weak("Every mark in the other columns is in it already.");
                    }
                })
                .response
                .on_hover_text(format!(
                    "Add one of {}'s marks in the other columns to {short}",
                    s.annotator
                ));
        });
    }
}

/// The article picker, remove button and a line about the column.
#[allow(clippy::too_many_arguments)]
fn column_header_ui(
    ui: &mut Ui,
    s: &Session,
    i: usize,
    n: usize,
    col: &Column,
    is_current: bool,
    outlined: &[MarkId],
    changes: &mut Vec<Change>,
) {
    let case = &s.case;
    let meta = s.shown_meta(&col.article);
    let meta = meta.as_deref();
    ui.horizontal(|ui| {
        // The picker leaves room for the Remove button, in this column.
        let removable = n > MIN_COLUMNS;
        let room = ui.available_width() - if removable { 72.0 } else { 0.0 };
        let width = room.clamp(60.0, 240.0);
        // Articles imported without --outlet have only a title to go by.
        let name = meta.map_or(col.article.to_string(), |m| {
            if m.outlet.is_empty() {
                m.title.clone()
            } else {
                m.outlet.clone()
            }
        });
        // About 8 points a char of the bold label, less the arrow.
        let chars = ((width - 24.0) / 8.0).max(4.0) as usize;
        let shown = ellipsis(&name, chars);
        ComboBox::from_id_salt(("column article", i))
            .selected_text(RichText::new(shown).strong())
            .width(width)
            .show_ui(ui, |ui| {
                for k in 0..case.articles().len() {
                    let Some(m) = s.shown_meta_at(k) else {
                        continue;
                    };
                    let text = if m.outlet.is_empty() {
                        m.title.clone()
                    } else {
                        format!("{} — {}", m.outlet, m.title)
                    };
                    if ui.selectable_label(m.id == col.article, text).clicked() {
                        changes.push(Change::SetArticle(i, m.id.clone()));
                    }
                }
            })
            .response
            .on_hover_text(meta.map_or(String::new(), |m| {
                format!(
                    "{}\n{} · {}\nClick to show another article here",
                    m.title, m.outlet, m.date
                )
            }));
        if removable
            && ui
                .small_button("Remove")
                .on_hover_text("Remove this column")
                .clicked()
        {
            changes.push(Change::Remove(i));
        }
    });
    ui.horizontal(|ui| {
        if is_current {
            ui.label(RichText::new("marking here").small().strong())
                .on_hover_text("Category keys and the inspector act on this article");
        } else {
            ui.weak(RichText::new("click to mark here").small());
        }
        if s.compare_with.is_some() {
            let items = col.view.overlay_items();
            ui.label(RichText::new(overlay::counts_line(items)).small().strong())
                .on_hover_text(
                    "Items in this column: matched, boundary, other category, missed, extra",
                );
        }
        if !outlined.is_empty() {
            let here = case
                .marks(&s.annotator, &col.article)
                .iter()
                .filter(|m| outlined.contains(&m.id))
                .count();
            let text = match here {
                0 => "not in this article".to_string(),
                1 => "1 mark followed".to_string(),
                n => format!("{n} marks followed"),
            };
            ui.label(RichText::new(text).small().color(OUTLINE));
        }
    });
}

fn column_text_ui(
    ui: &mut Ui,
    s: &Session,
    col: &mut Column,
    is_current: bool,
    outlined: &[MarkId],
    font: &FontId,
) -> Vec<Action> {
    let Some(text) = s.case.article_text(&col.article) else {
        ui.label("The text of this article could not be read.");
        return Vec::new();
    };
    let text = col.masking.text(s, &col.article, text, &mut col.view);
    let input = TextInput::for_session(s, &col.article, text, font)
        .outlining(outlined)
        .marking_here(is_current);
    col.view.ui(ui, &input)
}
