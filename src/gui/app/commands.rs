//! Everything the user can ask for, as one enum that also knows its menu
//! label, tooltip and keyboard shortcut, and draws its own menu item, so
//! menus, buttons, tooltips and the key handler can never disagree about
//! what a key does (after rerun's `UICommand`). Also the views of the centre
//! (each one a command), the `Action`s panes return, and the
//! `CompareAction`s of the comparison views.
//!
//! Not every key is here: the category keys (1, 2, 3…) and, with a mark
//! selected, the keys of its attribute values come from the case's schema
//! (`Schema::categories`, `Category::value_keys`), so they differ from case
//! to case. They are matched in `CandorApp::shortcuts` (`app/mod.rs`),
//! after the commands' own shortcuts, and become `Action::MarkAs` and
//! `Action::SetAttribute`.

use std::path::PathBuf;

use egui::{Context, Key, KeyboardShortcut, Modifiers, Ui};
use serde::{Deserialize, Serialize};

use crate::edit::Edit;
use crate::find::Hit;
use crate::model::{AnnotatorId, ArticleId, AttrValue, CategoryId, LinkKind, LinkRef, MarkId};
pub use crate::text::{Edge, Selection};

/// The views the centre of the window can show. Reading one article is
/// where marks are made; the others put articles next to each other, which
/// is what Candor is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// One article, marked here.
    #[default]
    Read,
    /// Two to four articles in columns.
    SideBySide,
    Claims,
    Actors,
    Counts,
    Find,
    /// The grade of the annotator marking, against the answer key.
    Feedback,
    /// Every student against the key, and the key's marks as they found them.
    Class,
    /// How far the annotators agree: a pair matrix, per article, where they
    /// split.
    Agreement,
    /// Several annotators' marks merged into a gold annotator.
    Adjudicate,
}

impl View {
    pub const ALL: [View; 10] = [
        View::Read,
        View::SideBySide,
        View::Claims,
        View::Actors,
        View::Counts,
        View::Find,
        View::Feedback,
        View::Class,
        View::Agreement,
        View::Adjudicate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Read => "Read",
            View::SideBySide => "Side by side",
            View::Claims => "Claims",
            View::Actors => "Actors",
            View::Counts => "Counts",
            View::Find => "Find",
            View::Feedback => "Feedback",
            View::Class => "Class",
            View::Agreement => "Agreement",
            View::Adjudicate => "Adjudicate",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            View::Read => "Read and mark one article",
            View::SideBySide => {
                "Two to four articles in columns; a claim or actor is outlined in every column"
            }
            View::Claims => {
                "Claims x articles: which articles state each claim as fact, attribute it or hedge it"
            }
            View::Actors => "Actors x articles: the words each article uses for each party",
            View::Counts => "Marks per category per article, as a table and a bar chart",
            View::Find => "Find a phrase in every article and mark the hits in one step",
            View::Feedback => {
                "Your marks against the answer key: scores, and what you found, missed and why"
            }
            View::Class => {
                "Every student against the key, and the key's marks ranked by how many found them"
            }
            View::Agreement => {
                "How far the annotators agree: kappa, alpha or F1 per pair, per article, and where they split most"
            }
            View::Adjudicate => {
                "Merge the annotators into a gold set: each cluster of overlapping marks, its variants, accept or reject"
            }
        }
    }

    /// Ctrl + the view's place in the tab strip (Ctrl+7 and Ctrl+8 are
    /// kept for the instructor's views; Adjudicate has a letter, J).
    pub fn key(self) -> Key {
        match self {
            View::Read => Key::Num1,
            View::SideBySide => Key::Num2,
            View::Claims => Key::Num3,
            View::Actors => Key::Num4,
            View::Counts => Key::Num5,
            View::Find => Key::Num6,
            View::Feedback => Key::Num7,
            View::Class => Key::Num8,
            View::Agreement => Key::Num9,
            View::Adjudicate => Key::J,
        }
    }

    /// Whether the tab strip, the View menu and the view's shortcut offer
    /// it on `s`: in a student copy, Feedback only once a hand-back came,
    /// and Class never (it is the instructor's).
    pub fn offered(self, s: &crate::gui::session::Session) -> bool {
        match (s.student_copy(), self) {
            (None, _) => true,
            (Some(_), View::Class) => false,
            (Some(h), View::Feedback) => !h.feedback.is_empty(),
            (Some(_), _) => true,
        }
    }

    /// Whether marks are made in this view (so the inspector is shown).
    pub fn is_marking(self) -> bool {
        matches!(self, View::Read | View::SideBySide)
    }
}

/// A command with a fixed label and (maybe) a shortcut.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    NewCase,
    OpenCase,
    ImportArticles,
    /// Make an article of the text on the clipboard (shown before it is added).
    PasteArticle,
    /// Write the marks as an HTML report, CSV, W3C annotations or brat files.
    Export,
    /// Write the copy of this case students get: no key, no marks.
    MakeStudentCopy,
    /// Write one annotator's marks as one file to hand in through the LMS.
    HandIn,
    /// Take in the hand-ins downloaded from the LMS (files, folders, zips).
    CollectHandIns,
    /// Take in the key's marks an instructor handed back (a student copy).
    OpenHandBack,
    Save,
    Undo,
    Redo,
    DeleteMark,
    /// Move the selected mark's start or end by a word, toward the
    /// article's end when `later`: a mark one word off is put right without
    /// re-entering its fields.
    StepMark {
        edge: Edge,
        later: bool,
    },
    /// Fill the selected mark's empty attributes with what its own words
    /// suggest (the cue verb, its stance, the source; `crate::fill`).
    UseSuggestions,
    ClearSelection,
    ToggleTheme,
    /// Hide or show the article list and the inspector, to give the text
    /// (or the side-by-side columns) the whole width.
    ToggleSidePanels,
    /// Hide outlets, titles and dates (a setting of the case, in case.ron).
    ToggleBlind,
    /// The whole window larger or smaller (remembered), for a projector or
    /// a small screen; the text re-wraps to the width it has.
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// Both side panels hidden and the reading text enlarged, for showing
    /// one article or the columns to a room.
    TogglePresentation,
    /// Choose the font and size of the article text.
    ReadingFont,
    Quit,
    /// Open the user guide installed with Candor (a local file, not a web
    /// address) in the system's browser.
    Guide,
    /// Show the first run's welcome again: the example, a new case, a
    /// student copy or a hand-in.
    Welcome,
    /// Switch the centre of the window to one of its views.
    ShowView(View),
}

impl Command {
    /// The commands in the order the menus list them.
    pub const ALL: [Command; 40] = [
        Command::NewCase,
        Command::OpenCase,
        Command::ImportArticles,
        Command::PasteArticle,
        Command::Export,
        Command::MakeStudentCopy,
        Command::HandIn,
        Command::CollectHandIns,
        Command::OpenHandBack,
        Command::Save,
        Command::Undo,
        Command::Redo,
        Command::DeleteMark,
        Command::StepMark {
            edge: Edge::End,
            later: true,
        },
        Command::StepMark {
            edge: Edge::End,
            later: false,
        },
        Command::StepMark {
            edge: Edge::Start,
            later: false,
        },
        Command::StepMark {
            edge: Edge::Start,
            later: true,
        },
        Command::UseSuggestions,
        Command::ClearSelection,
        Command::ToggleTheme,
        Command::ToggleSidePanels,
        Command::ToggleBlind,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
        Command::TogglePresentation,
        Command::ReadingFont,
        Command::Quit,
        Command::Guide,
        Command::Welcome,
        Command::ShowView(View::Read),
        Command::ShowView(View::SideBySide),
        Command::ShowView(View::Claims),
        Command::ShowView(View::Actors),
        Command::ShowView(View::Counts),
        Command::ShowView(View::Find),
        Command::ShowView(View::Feedback),
        Command::ShowView(View::Class),
        Command::ShowView(View::Agreement),
        Command::ShowView(View::Adjudicate),
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Command::NewCase => "New case…",
            Command::OpenCase => "Open case…",
            Command::ImportArticles => "Import articles…",
            Command::PasteArticle => "New article from clipboard",
            Command::Export => "Export…",
            Command::MakeStudentCopy => "Make student copy…",
            Command::HandIn => "Hand in…",
            Command::CollectHandIns => "Collect hand-ins…",
            Command::OpenHandBack => "Open hand-back…",
            Command::Save => "Save now",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::DeleteMark => "Delete mark",
            Command::UseSuggestions => "Use suggestions",
            Command::StepMark { edge, later } => match (edge, later) {
                (Edge::End, true) => "Mark's end a word later",
                (Edge::End, false) => "Mark's end a word earlier",
                (Edge::Start, false) => "Mark's start a word earlier",
                (Edge::Start, true) => "Mark's start a word later",
            },
            Command::ClearSelection => "Clear selection",
            Command::ToggleTheme => "Light / dark theme",
            Command::ToggleSidePanels => "Side panels",
            Command::ToggleBlind => "Blind reading",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size",
            Command::TogglePresentation => "Presentation",
            Command::ReadingFont => "Reading font…",
            Command::Quit => "Quit",
            Command::Guide => "Guide",
            Command::Welcome => "Welcome…",
            Command::ShowView(v) => v.label(),
        }
    }

    pub fn tooltip(&self) -> &'static str {
        match self {
            Command::NewCase => "Create an empty case folder with the default schema",
            Command::OpenCase => "Open a case folder (one holding case.ron)",
            Command::ImportArticles => {
                "Add .txt or .md files, saved web pages (.html) or Word documents (.docx) to this case as articles (you can also drop them on the window)"
            }
            Command::PasteArticle => {
                "Make an article of the text (or web page) on the clipboard; it is shown before it is added"
            }
            Command::Export => {
                "Write the marks to a folder: an HTML report, a CSV of marks, W3C Web Annotations or brat files"
            }
            Command::MakeStudentCopy => {
                "Write the copy of this case students mark (a folder or a zip): articles, schema and blind setting, never the answer key and no one's marks"
            }
            Command::HandIn => {
                "Write your marks, links and done articles as one .candor-handin file, to upload to your course"
            }
            Command::CollectHandIns => {
                "Take in the students' hand-in files, folders or zips as the course downloads them (you can also drop them on the window)"
            }
            Command::OpenHandBack => {
                "Open the .candor-handback file your instructor returned: the key's marks on the articles you handed in (you can also drop it on the window)"
            }
            Command::Save => {
                "Write changed files now (Candor also saves a second after each change)"
            }
            Command::Undo => "Undo the last change to your marks",
            Command::Redo => "Redo the change you just undid",
            Command::DeleteMark => "Delete the selected mark (undo brings it back)",
            Command::UseSuggestions => {
                "Fill the selected mark's empty fields with what its words suggest (the cue verb and its stance, who the source is), as the inspector shows them; one undo step"
            }
            Command::StepMark { edge, later } => match (edge, later) {
                (Edge::End, true) => {
                    "Take the next word into the selected mark; its category, attributes, note and links stay"
                }
                (Edge::End, false) => {
                    "Leave the selected mark's last word out; its category, attributes, note and links stay"
                }
                (Edge::Start, false) => {
                    "Take the word before into the selected mark; its category, attributes, note and links stay"
                }
                (Edge::Start, true) => {
                    "Leave the selected mark's first word out; its category, attributes, note and links stay"
                }
            },
            Command::ClearSelection => "Forget the text selection and the selected mark",
            Command::ToggleTheme => "Switch between the light and the dark theme",
            Command::ToggleSidePanels => {
                "Hide or show the article list and the inspector, to give the text the whole width"
            }
            Command::ToggleBlind => {
                "Hide outlets, titles and dates for everyone who opens this case (articles show as Article 1..n), so readers judge the wording, not the brand; saved in case.ron, undoable"
            }
            Command::ZoomIn => "Make everything in the window larger (for a projector)",
            Command::ZoomOut => "Make everything in the window smaller",
            Command::ZoomReset => "Back to 100% zoom",
            Command::TogglePresentation => {
                "Hide both side panels and enlarge the article text, to show it to a room (again: back)"
            }
            Command::ReadingFont => {
                "Choose the font and size of the article text in Read and Side by side"
            }
            Command::Quit => "Save and close the window",
            Command::Guide => {
                "Open the user guide installed with Candor in your browser (it needs no network)"
            }
            Command::Welcome => {
                "Where to start: the example case, a new case, a student copy or a hand-in"
            }
            Command::ShowView(v) => v.tooltip(),
        }
    }

    /// The primary shortcut, shown in menus and tooltips.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Command::NewCase => cmd(Key::N),
            Command::OpenCase => cmd(Key::O),
            Command::ImportArticles => cmd(Key::I),
            Command::Export => cmd(Key::E),
            Command::PasteArticle => Some(KeyboardShortcut::new(
                Modifiers::COMMAND.plus(Modifiers::SHIFT),
                Key::V,
            )),
            Command::Save => cmd(Key::S),
            Command::Undo => cmd(Key::Z),
            Command::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND.plus(Modifiers::SHIFT),
                Key::Z,
            )),
            Command::DeleteMark => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Delete)),
            Command::UseSuggestions => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Enter)),
            Command::ClearSelection => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Escape)),
            // Shift+Alt moves the end, with Ctrl the start; the arrow says
            // which way.
            Command::StepMark { edge, later } => {
                let base = Modifiers::SHIFT.plus(Modifiers::ALT);
                let modifiers = match edge {
                    Edge::End => base,
                    Edge::Start => base.plus(Modifiers::COMMAND),
                };
                let key = if *later {
                    Key::ArrowRight
                } else {
                    Key::ArrowLeft
                };
                Some(KeyboardShortcut::new(modifiers, key))
            }
            Command::ToggleTheme
            | Command::ToggleBlind
            | Command::ReadingFont
            | Command::MakeStudentCopy
            | Command::HandIn
            | Command::CollectHandIns
            | Command::OpenHandBack => None,
            Command::ZoomIn => cmd(Key::Plus),
            Command::ZoomOut => cmd(Key::Minus),
            Command::ZoomReset => cmd(Key::Num0),
            Command::TogglePresentation => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F11)),
            Command::ToggleSidePanels => cmd(Key::Backslash),
            Command::Quit => cmd(Key::Q),
            Command::Guide => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F1)),
            Command::Welcome => None,
            Command::ShowView(v) => cmd(v.key()),
        }
    }

    /// Further shortcuts that do the same (Ctrl+Y for redo, as on Windows).
    pub fn extra_shortcuts(&self) -> Vec<KeyboardShortcut> {
        match self {
            Command::Redo => vec![KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)],
            Command::DeleteMark => vec![KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)],
            // Where + is Shift+=, as on US keyboards.
            Command::ZoomIn => vec![KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals)],
            _ => Vec::new(),
        }
    }

    /// Every shortcut of the command, the primary one first.
    pub fn shortcuts(&self) -> Vec<KeyboardShortcut> {
        self.shortcut()
            .into_iter()
            .chain(self.extra_shortcuts())
            .collect()
    }

    /// Whether a plain key (no Ctrl) is part of the shortcut: such shortcuts
    /// must not fire while the user types in a text field.
    pub fn is_plain_key(&self) -> bool {
        self.shortcut()
            .is_some_and(|s| s.modifiers == Modifiers::NONE)
    }

    /// Every shortcut of the command as text, "Ctrl+Shift+Z, Ctrl+Y" (Cmd
    /// on macOS where `mac`), for lists of shortcuts such as the README's.
    pub fn shortcuts_text(&self, mac: bool) -> String {
        self.shortcuts()
            .iter()
            .map(|s| s.format(&egui::ModifierNames::NAMES, mac))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The tooltip followed by the shortcut, as menus and buttons show it.
    pub fn tooltip_with_shortcut(&self, ctx: &Context) -> String {
        match self.shortcut() {
            Some(s) => format!("{} ({})", self.tooltip(), ctx.format_shortcut(&s)),
            None => self.tooltip().to_string(),
        }
    }

    /// The command as a menu item, with its shortcut and tooltip; returns
    /// whether it was clicked (and closes the menu then).
    pub fn menu_item_ui(&self, ui: &mut Ui, enabled: bool) -> bool {
        let mut button = egui::Button::new(self.label());
        if let Some(s) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        let clicked = ui
            .add_enabled(enabled, button)
            .on_hover_text(self.tooltip_with_shortcut(ui.ctx()))
            .clicked();
        if clicked {
            ui.close();
        }
        clicked
    }

    /// The command whose shortcut was pressed this frame, if any, taken out
    /// of the input so no widget also acts on it. Shortcuts with more
    /// modifiers are tried first: egui matches Ctrl+Shift+Z with Ctrl+Z too,
    /// so Redo must be asked before Undo. While the user types in a text
    /// field, shortcuts without Ctrl or Cmd are left to the field, and so
    /// are the arrows that move a mark's ends (with Alt they move or select
    /// by words in a field).
    pub fn consume_shortcut(ctx: &Context, typing: bool) -> Option<Command> {
        let mut candidates: Vec<(KeyboardShortcut, &Command)> = Command::ALL
            .iter()
            .filter(|cmd| !(typing && matches!(cmd, Command::StepMark { .. })))
            // Enter is taken only when there is something to use (see
            // `CandorApp::shortcuts`); otherwise it stays a focused button's.
            .filter(|cmd| **cmd != Command::UseSuggestions)
            .flat_map(|cmd| cmd.shortcuts().into_iter().map(move |s| (s, cmd)))
            .filter(|(s, _)| !(typing && s.modifiers.is_none()))
            .collect();
        let weight = |m: Modifiers| u8::from(m.shift) + u8::from(m.alt);
        // Stable: ties keep the menu order.
        candidates.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s.modifiers)));
        candidates
            .into_iter()
            .find(|(s, _)| ctx.input_mut(|i| i.consume_shortcut(s)))
            .map(|(_, cmd)| cmd.clone())
    }
}

/// Something a panel asks for; the app carries it out after drawing.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Command(Command),
    /// Mark the current selection with a category.
    MarkAs(CategoryId),
    OpenArticle(ArticleId),
    SetSelection(Option<Selection>),
    SelectMark(Option<MarkId>),
    /// Under blind reading, mask (or show) a first line that is the title.
    SetMaskHeadlines(bool),
    /// Select a mark and scroll the text to it.
    GoToMark(MarkId),
    /// A change to the annotations, with its undo label and merge key.
    Edit {
        edit: Box<Edit>,
        label: String,
        merge_key: Option<String>,
    },
    /// Move one end of a mark of the current article to where a drag from
    /// it was let go (`to.head`; `to.anchor` is the mark's other end).
    MoveMarkEdge {
        mark: MarkId,
        edge: Edge,
        to: Selection,
    },
    /// Set one attribute of the selected mark (its value key was pressed).
    SetAttribute {
        attribute: String,
        value: AttrValue,
    },
    ToggleCategory(CategoryId),
    SwitchAnnotator(AnnotatorId),
    AddAnnotator(String),
    /// Put a mark (an orphan, or one that needs review) on the current
    /// selection.
    AttachOrphan(MarkId),
    /// Add the selected mark to a claim or actor.
    LinkMark(LinkRef),
    /// Take the selected mark out of a claim or actor.
    UnlinkMark(LinkRef),
    /// Start a claim or actor with the selected mark in it.
    NewLink {
        kind: LinkKind,
        name: String,
    },
    OpenPath(PathBuf),
    CreateCaseAt(PathBuf),
    /// Import files as articles (dropped on the window), read off the UI
    /// thread.
    ImportPaths(Vec<PathBuf>),
    /// Import a file as an article, recording what the import dialog asked.
    ImportWith {
        path: PathBuf,
        options: crate::import::ImportOptions,
    },
    /// Add an article shown in the import preview (`source` names where it
    /// came from, for the status bar).
    AddArticle {
        prepared: Box<crate::import::Prepared>,
        source: String,
    },
    /// Write the marks of `annotators` on `articles` (every article if
    /// empty) in `format` into `folder`,
    /// replacing the user's files there only if `replace` says so (the
    /// export dialog asked).
    Export {
        format: crate::export::files::FileFormat,
        annotators: Vec<AnnotatorId>,
        articles: Vec<crate::model::ArticleId>,
        folder: PathBuf,
        replace: crate::export::folder::Replace,
    },
    /// Write the student copy of this case into `folder` (and, with `zip`,
    /// pack it into that file too), adding the marks of `include` on
    /// purpose (a worked example).
    HandOut {
        folder: PathBuf,
        zip: Option<PathBuf>,
        include: Vec<AnnotatorId>,
    },
    /// Write the hand-in (a student copy's student, else the annotator
    /// marking) to this file.
    HandIn(PathBuf),
    /// Take in hand-ins from these files, folders or zips (chosen, or
    /// dropped on the window).
    Collect(Vec<PathBuf>),
    /// Take in a hand-back (the key's marks on the articles handed in) in
    /// a student copy.
    ApplyHandBack(PathBuf),
    /// The student's name, asked once when a student copy is first opened.
    SetStudentName(String),
    /// Stop the work running off the UI thread, keeping nothing it made.
    CancelWork,
    /// Work off the UI thread is done: take in what it made.
    WorkDone(crate::gui::session::work::Finished),
    /// Show the details of an article, to change them.
    EditArticle(ArticleId),
    /// Remove an article, its text and every mark on it (asked and confirmed
    /// in the article dialog).
    RemoveArticle(ArticleId),
    /// The reading font chosen in its dialog (shown at once, remembered).
    SetReadingFont(crate::gui::text::fonts::ReadingFont),
    /// Forget a recent case that no longer opens.
    ForgetRecent(PathBuf),
    /// Make this article the current one (where marking happens) without
    /// leaving the view: a click in a side-by-side column.
    FocusArticle(ArticleId),
    /// Forget a message shown in the status bar.
    Dismiss(u64),
    /// Settle a conflict (an index into `Case::conflicts`): take the
    /// version on disk, or keep the one here.
    ResolveConflict {
        index: usize,
        theirs: bool,
    },
    /// What a comparison view asked for.
    Compare(CompareAction),
    /// Overlay another annotator's marks on the text (or stop).
    CompareWith(Option<AnnotatorId>),
    /// Hand an article in for the annotator marking (or take it back).
    SetDone {
        article: ArticleId,
        done: bool,
    },
    /// Let this case be marked as its answer key (an instructor's choice),
    /// or lock the key again.
    UnlockKey(bool),
    /// Open a place of the feedback: the article, scrolled to `range`,
    /// with the reader's mark there selected, compared with `reference`.
    OpenFeedback {
        article: ArticleId,
        range: crate::text::CharRange,
        mark: Option<MarkId>,
        reference: AnnotatorId,
    },
    /// An instructor opens a student's marks against the key.
    ShowStudent(AnnotatorId),
}

/// What a comparison panel asks the window to do.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareAction {
    /// Open the article and select the mark (scrolling to it).
    OpenMark { article: ArticleId, mark: MarkId },
    /// Open the article at a span that is not (yet) a mark: a find hit.
    OpenHit(Hit),
    /// Open an article at its start.
    OpenArticle(ArticleId),
    /// Follow a claim or actor: outline its marks in every column of the
    /// side-by-side view, with the articles that carry it.
    Follow(LinkRef),
    /// Mark these hits with this category, as one undoable edit
    /// (`crate::find::mark_all` makes the marks).
    MarkAll {
        hits: Vec<Hit>,
        category: CategoryId,
    },
}
