//! The right panel's upper half: everything about the selected mark, with a
//! control for each attribute the schema gives its category, its note, its
//! claim and actor links, and delete; for a mark that needs review, the quote
//! it was made on beside the words it is on now, to accept or re-mark.
//! Orphaned marks are listed below it with a way to put them back.

use egui::{RichText, Ui};

use crate::edit::{Edit, accept_review, delete_mark, replace_mark};
use crate::gui::app::commands::{Action, Command, CompareAction};
use crate::gui::pane::{Pane, Scene};
use crate::gui::session::Session;
use crate::gui::widgets::bidi_text;
use crate::model::{ArticleId, AttrValue, AttributeKind, Category, LinkKind, Mark, MarkId, Schema};
use crate::text::ellipsize;

/// Names typed for a new claim or actor, kept between frames while one
/// mark stays selected: selecting another clears them, so a name typed
/// for one mark is not made into a link on the next.
#[derive(Default)]
pub struct Inspector {
    pub new_claim: String,
    pub new_actor: String,
    typed_for: Option<MarkId>,
}

impl Pane for Inspector {
    fn ui(&mut self, ui: &mut Ui, scene: &Scene<'_>) -> Vec<Action> {
        let session = scene.session;
        let mut actions = Vec::new();
        ui.heading("Selected mark");
        match session.selected() {
            None => {
                ui.label(
                    "None. Click a highlight, or select text and press a category's shortcut.",
                );
            }
            Some(mark) => self.mark_ui(ui, session, mark, &mut actions),
        }
        orphans_ui(ui, session, &mut actions);
        actions
    }
}

impl Inspector {
    fn mark_ui(&mut self, ui: &mut Ui, session: &Session, mark: &Mark, actions: &mut Vec<Action>) {
        let Some(article) = session.article_id().cloned() else {
            return;
        };
        if self.typed_for.as_ref() != Some(&mark.id) {
            self.new_claim.clear();
            self.new_actor.clear();
            self.typed_for = Some(mark.id.clone());
        }
        let schema = session.case.schema();
        let replace = |m: Mark| replace_mark(&session.annotator, &article, m);
        ui.label(bidi_text(
            ui,
            &format!(
                "“{}”",
                ellipsize(&session.shown_quote(mark, &session.screen_mask()), 200)
            ),
            RichText::italics,
        ));
        // At the body's size: the numbers are read aloud in class.
        ui.weak(format!(
            "{} · chars {}–{}",
            mark.id, mark.start.0, mark.end.0
        ));
        if let Some(was) = mark.review_was() {
            review_ui(ui, session, &article, mark, was, actions);
        }

        let cat = schema.category(&mark.category);
        // Every field of one mark merges into one undo step while edited
        // in a burst (see `Session::apply_selecting`).
        let fields = Some(format!("{} fields", mark.id));
        category_ui(ui, schema, mark, &replace, actions);
        if let Some(cat) = cat {
            let suggestions = crate::fill::suggest(cat, &mark.quote, &mark.attributes);
            if !suggestions.is_empty() {
                let cmd = Command::UseSuggestions;
                if ui
                    .button(format!("{} ({})", cmd.label(), suggestions.len()))
                    .on_hover_text(cmd.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    actions.push(Action::Command(cmd));
                }
            }
            let fields = Fields {
                replace: &replace,
                merge_key: &fields,
                suggestions: &suggestions,
            };
            attributes_ui(ui, schema, cat, mark, &fields, actions);
        }

        let note_label = ui.label("Note (why)");
        let mut note = mark.note.clone();
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut note)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .hint_text(note_hint(cat)),
            )
            .labelled_by(note_label.id);
        if r.changed() {
            let mut m = mark.clone();
            m.note = note;
            actions.push(Action::Edit {
                edit: Box::new(replace(m)),
                label: "edit note".into(),
                merge_key: fields.clone(),
            });
        }

        self.links_ui(ui, session, mark, actions);

        ui.add_space(6.0);
        let delete = Command::DeleteMark;
        if ui
            .button(delete.label())
            .on_hover_text(delete.tooltip_with_shortcut(ui.ctx()))
            .clicked()
        {
            actions.push(Action::Command(delete));
        }
    }

    fn links_ui(&mut self, ui: &mut Ui, session: &Session, mark: &Mark, actions: &mut Vec<Action>) {
        let Some(links) = session.case.links(&session.annotator) else {
            return;
        };
        for kind in LinkKind::ALL {
            let groups: Vec<_> = links.groups().filter(|g| g.kind == kind).collect();
            let (title, help, add, hint, button) = match kind {
                LinkKind::Claim => (
                    "Claims",
                    "Marks in several articles that report the same claim",
                    "Add to claim",
                    "new claim, in neutral words",
                    "New claim",
                ),
                LinkKind::Actor => (
                    "Actors",
                    "The different names articles give one party",
                    "Add to actor",
                    "new actor's name",
                    "New actor",
                ),
            };
            ui.add_space(4.0);
            ui.strong(title).on_hover_text(help);
            for g in groups.iter().filter(|g| g.marks.contains(&mark.id)) {
                let name = g.name;
                // The name wraps in the panel's width; the panel never grows.
                ui.add(egui::Label::new(name).wrap());
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .small_button("Follow side by side")
                        .on_hover_text(format!(
                            "Show “{name}” in every article that has it, outlined"
                        ))
                        .clicked()
                    {
                        actions.push(Action::Compare(CompareAction::Follow(g.link())));
                    }
                    if ui
                        .small_button("Remove")
                        .on_hover_text(format!("Take this mark out of “{name}”"))
                        .clicked()
                    {
                        actions.push(Action::UnlinkMark(g.link()));
                    }
                });
            }
            let others: Vec<_> = groups
                .iter()
                .filter(|g| !g.marks.contains(&mark.id))
                .collect();
            if !others.is_empty() {
                egui::ComboBox::new((add, &mark.id), add)
                    .selected_text("…")
                    .show_ui(ui, |ui| {
                        for g in &others {
                            if ui.selectable_label(false, g.name).clicked() {
                                actions.push(Action::LinkMark(g.link()));
                            }
                        }
                    });
            }
            ui.horizontal(|ui| {
                let buf = match kind {
                    LinkKind::Claim => &mut self.new_claim,
                    LinkKind::Actor => &mut self.new_actor,
                };
                let field = ui.add(
                    egui::TextEdit::singleline(buf)
                        .hint_text(hint)
                        .desired_width((ui.available_width() - 90.0).max(80.0)),
                );
                // Enter in the field does what the button does.
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let clicked = ui
                    .add_enabled(!buf.trim().is_empty(), egui::Button::new(button))
                    .clicked();
                if (clicked || enter) && !buf.trim().is_empty() {
                    // A name the case already has joins that one, never a
                    // second of the same name.
                    let typed = buf.trim().to_lowercase();
                    match others
                        .iter()
                        .find(|g| g.name.trim().to_lowercase() == typed)
                    {
                        Some(g) => actions.push(Action::LinkMark(g.link())),
                        None => actions.push(Action::NewLink {
                            kind,
                            name: buf.trim().to_string(),
                        }),
                    }
                    buf.clear();
                }
            });
            // The case's names that hold what was typed, to join with a click.
            let typed = match kind {
                LinkKind::Claim => self.new_claim.trim().to_lowercase(),
                LinkKind::Actor => self.new_actor.trim().to_lowercase(),
            };
            if !typed.is_empty() {
                for g in others
                    .iter()
                    .filter(|g| g.name.to_lowercase().contains(&typed))
                    .take(5)
                {
                    let r = ui
                        .add(egui::Button::new(format!("↳ {}", g.name)).small().wrap())
                        .on_hover_text(format!("{add}: “{}”", g.name));
                    if r.clicked() {
                        actions.push(Action::LinkMark(g.link()));
                        match kind {
                            LinkKind::Claim => self.new_claim.clear(),
                            LinkKind::Actor => self.new_actor.clear(),
                        }
                    }
                }
            }
        }
    }
}

/// What the note field asks for: a mention names an actor and judges
/// nothing, so its note is not asked why the words are loaded.
fn note_hint(cat: Option<&Category>) -> &'static str {
    if cat.is_some_and(|c| c.mention) {
        "Who is named here, if the words leave it unclear"
    } else {
        "Why is this loaded, attributed, editorial?"
    }
}

/// The mark's category, changed from a list.
fn category_ui(
    ui: &mut Ui,
    schema: &Schema,
    mark: &Mark,
    replace: &dyn Fn(Mark) -> Edit,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let cat_label = ui.label("Category");
        let cat_name = schema
            .category(&mark.category)
            .map_or(mark.category.to_string(), |c| c.name.clone());
        egui::ComboBox::from_id_salt(("category", &mark.id))
            .selected_text(&cat_name)
            .width(ui.available_width().min(200.0))
            .show_ui(ui, |ui| {
                for c in &schema.categories {
                    if ui
                        .selectable_label(c.id == mark.category, format!("{}  {}", c.key, c.name))
                        .clicked()
                        && c.id != mark.category
                    {
                        let mut m = mark.clone();
                        m.category = c.id.clone();
                        actions.push(Action::Edit {
                            edit: Box::new(replace(m)),
                            label: format!("change category to {}", c.name),
                            merge_key: None,
                        });
                    }
                }
            })
            .response
            .labelled_by(cat_label.id);
    });
}

/// How the attribute controls change the mark: the edit that replaces it,
/// the key its field edits merge by (one undo step), and what its words
/// suggest for its empty fields.
struct Fields<'a> {
    replace: &'a dyn Fn(Mark) -> Edit,
    merge_key: &'a Option<String>,
    suggestions: &'a [crate::fill::Suggestion],
}

/// The category's attributes of the mark, each with the keys that set it
/// while the mark is selected, and under an empty one what the mark's words
/// suggest for it.
fn attributes_ui(
    ui: &mut Ui,
    schema: &Schema,
    cat: &Category,
    mark: &Mark,
    fields: &Fields<'_>,
    actions: &mut Vec<Action>,
) {
    let reserved: Vec<char> = schema.categories.iter().map(|c| c.key).collect();
    let keys = cat.value_keys(&reserved);
    let key_of = |attr: &str, value: &AttrValue| {
        keys.iter()
            .find(|k| k.attribute == attr && &k.value == value)
            .map(|k| k.key)
    };
    for attr in &cat.attributes {
        let current = mark.attributes.get(&attr.id);
        let mut set = |value: Option<AttrValue>| {
            let mut m = mark.clone();
            match value {
                Some(v) => {
                    m.attributes.insert(attr.id.clone(), v);
                }
                None => {
                    m.attributes.remove(&attr.id);
                }
            }
            actions.push(Action::Edit {
                edit: Box::new((fields.replace)(m)),
                label: format!("set {}", attr.name.to_lowercase()),
                merge_key: fields.merge_key.clone(),
            });
        };
        let suggestion = fields.suggestions.iter().find(|s| s.attribute == attr.id);
        match &attr.kind {
            AttributeKind::Choice(choices) => {
                let label = ui.label(RichText::new(&attr.name).strong());
                if !attr.help.is_empty() {
                    label.clone().on_hover_text(&attr.help);
                }
                // The choices as buttons, each with the key that picks
                // it while the mark is selected; a click on the one
                // picked clears it.
                ui.horizontal_wrapped(|ui| {
                    for c in choices {
                        let value = AttrValue::Text(c.id.clone());
                        let on = current == Some(&value);
                        let key = key_of(&attr.id, &value);
                        let text = match key {
                            Some(k) => format!("{k}  {}", c.label),
                            None => c.label.clone(),
                        };
                        let mut tip = c.help.clone();
                        if let Some(k) = key {
                            if !tip.is_empty() {
                                tip.push_str("\n\n");
                            }
                            tip.push_str(&format!("Key: {k} (while the mark is selected)"));
                        }
                        let r = ui.selectable_label(on, text);
                        let r = if tip.is_empty() {
                            r
                        } else {
                            r.on_hover_text(tip)
                        };
                        if r.clicked() {
                            set((!on).then_some(value));
                        }
                    }
                });
                if let Some(s) = suggestion {
                    let label = schema.value_label(&cat.id, &attr.id, &s.value);
                    suggestion_ui(ui, &format!("{label}, from “{}”", s.found), || {
                        set(Some(s.value.clone()))
                    });
                }
            }
            AttributeKind::Text => {
                let label = ui.label(RichText::new(&attr.name).strong());
                if !attr.help.is_empty() {
                    label.clone().on_hover_text(&attr.help);
                }
                let mut text = match current {
                    Some(v) => v.to_string(),
                    None => String::new(),
                };
                let r = ui
                    .add(egui::TextEdit::singleline(&mut text).desired_width(ui.available_width()))
                    .labelled_by(label.id);
                if r.changed() {
                    set((!text.is_empty()).then_some(AttrValue::Text(text)));
                } else if let Some(s) = suggestion {
                    suggestion_ui(ui, &format!("“{}”", s.found), || {
                        set(Some(s.value.clone()))
                    });
                }
            }
            AttributeKind::Flag => {
                let mut on = current == Some(&AttrValue::Flag(true));
                let text = match key_of(&attr.id, &AttrValue::Flag(true)) {
                    Some(k) => format!("{}  ({k})", attr.name),
                    None => attr.name.clone(),
                };
                let r = ui.checkbox(&mut on, text);
                let r = if attr.help.is_empty() {
                    r
                } else {
                    r.on_hover_text(&attr.help)
                };
                if r.changed() {
                    set(Some(AttrValue::Flag(on)));
                }
            }
        }
        ui.add_space(2.0);
    }
}

/// One suggestion under its field, in the weak colour of a hint, with a
/// button that takes it alone.
fn suggestion_ui(ui: &mut Ui, what: &str, mut take: impl FnMut()) {
    ui.horizontal_wrapped(|ui| {
        ui.weak(format!("Suggested: {what}"));
        if ui
            .small_button("Use")
            .on_hover_text(
                "Fill this field with the suggestion (Enter fills every suggested field)",
            )
            .clicked()
        {
            take();
        }
    });
}

/// A mark re-anchoring put on words that differ from the ones it was made
/// on: both quotes side by side, to accept the new words or mark the right
/// ones (select them, then Re-mark).
fn review_ui(
    ui: &mut Ui,
    session: &Session,
    article: &ArticleId,
    mark: &Mark,
    was: &str,
    actions: &mut Vec<Action>,
) {
    ui.group(|ui| {
        ui.strong("Needs review").on_hover_text(
            "The article's text changed under this mark, and Candor moved it onto words that differ from the ones you marked. Check that your judgement still fits them.",
        );
        ui.columns(2, |cols| {
            cols[0].small("Marked");
            cols[0].label(bidi_text(
                &cols[0],
                &format!("“{}”", ellipsize(was, 120)),
                RichText::italics,
            ));
            cols[1].small("Now");
            cols[1].label(bidi_text(
                &cols[1],
                &format!(
                    "“{}”",
                    ellipsize(&session.shown_quote(mark, &session.screen_mask()), 120)
                ),
                RichText::italics,
            ));
        });
        ui.horizontal(|ui| {
            if ui
                .button("Accept")
                .on_hover_text("The mark fits the new words: stop asking (undo brings the question back)")
                .clicked()
            {
                actions.push(Action::Edit {
                    edit: Box::new(accept_review(&session.annotator, article, mark)),
                    label: "accept re-placed mark".into(),
                    merge_key: None,
                });
            }
            if ui
                .add_enabled(
                    session.selection_range().is_some(),
                    egui::Button::new("Re-mark"),
                )
                .on_hover_text("Put this mark on the selected words instead (its category, attributes and note stay)")
                .on_disabled_hover_text("Select the right words in the text, then press Re-mark")
                .clicked()
            {
                actions.push(Action::AttachOrphan(mark.id.clone()));
            }
        });
    });
}

fn orphans_ui(ui: &mut Ui, session: &Session, actions: &mut Vec<Action>) {
    let orphans = session.orphans();
    if orphans.is_empty() {
        return;
    }
    ui.separator();
    ui.heading(format!("Orphans ({})", orphans.len()))
        .on_hover_text("Marks whose quoted words are no longer at their place in the text. They are kept, not drawn.");
    let has_selection = session.selection_range().is_some();
    for (mark, why) in orphans {
        ui.push_id(("orphan", &mark.id), |ui| {
            ui.label(bidi_text(
                ui,
                &format!("{}: “{}”", mark.id, ellipsize(&mark.quote, 80)),
                |t| t,
            ))
                .on_hover_text(why);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(has_selection, egui::Button::new("Attach to selection"))
                    .on_hover_text("Put this mark on the selected text (its category, attributes and note stay)")
                    .on_disabled_hover_text("Select the text this mark belongs on first")
                    .clicked()
                {
                    actions.push(Action::AttachOrphan(mark.id.clone()));
                }
                if ui.button("Delete").on_hover_text("Delete this mark (undo brings it back)").clicked()
                    && let Some(article) = session.article_id() {
                        actions.push(Action::Edit {
                            edit: Box::new(delete_mark(&session.case, &session.annotator, article, &mark.id)),
                            label: "delete orphaned mark".into(),
                            merge_key: None,
                        });
                    }
            });
        });
    }
}
