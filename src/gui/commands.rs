//! Everything the user can ask for, as one enum that also knows its menu
//! label, tooltip and keyboard shortcut, so menus, buttons, tooltips and the
//! key handler can never disagree about what a key does.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::edit::Edit;
use crate::model::{AnnotatorId, CategoryId, LinkId, MarkId};
use crate::text::CharPos;

/// A command with a fixed label and (maybe) a shortcut.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    NewCase,
    OpenCase,
    ImportArticles,
    Save,
    Undo,
    Redo,
    DeleteMark,
    ClearSelection,
    ToggleTheme,
    Quit,
}

impl Command {
    /// The commands in the order the menus list them.
    pub const ALL: [Command; 10] = [
        Command::NewCase,
        Command::OpenCase,
        Command::ImportArticles,
        Command::Save,
        Command::Undo,
        Command::Redo,
        Command::DeleteMark,
        Command::ClearSelection,
        Command::ToggleTheme,
        Command::Quit,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Command::NewCase => "New case…",
            Command::OpenCase => "Open case…",
            Command::ImportArticles => "Import articles…",
            Command::Save => "Save now",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::DeleteMark => "Delete mark",
            Command::ClearSelection => "Clear selection",
            Command::ToggleTheme => "Light / dark theme",
            Command::Quit => "Quit",
        }
    }

    pub fn tooltip(&self) -> &'static str {
        match self {
            Command::NewCase => "Create an empty case folder with the default schema",
            Command::OpenCase => "Open a case folder (one holding case.ron)",
            Command::ImportArticles => {
                "Add .txt or .md files to this case as articles (you can also drop them on the window)"
            }
            Command::Save => {
                "Write changed files now (Candor also saves a second after each change)"
            }
            Command::Undo => "Undo the last change to your marks",
            Command::Redo => "Redo the change you just undid",
            Command::DeleteMark => "Delete the selected mark (undo brings it back)",
            Command::ClearSelection => "Forget the text selection and the selected mark",
            Command::ToggleTheme => "Switch between the light and the dark theme",
            Command::Quit => "Save and close the window",
        }
    }

    /// The primary shortcut, shown in menus and tooltips.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Command::NewCase => cmd(Key::N),
            Command::OpenCase => cmd(Key::O),
            Command::ImportArticles => cmd(Key::I),
            Command::Save => cmd(Key::S),
            Command::Undo => cmd(Key::Z),
            Command::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND.plus(Modifiers::SHIFT),
                Key::Z,
            )),
            Command::DeleteMark => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Delete)),
            Command::ClearSelection => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Escape)),
            Command::ToggleTheme => None,
            Command::Quit => cmd(Key::Q),
        }
    }

    /// Further shortcuts that do the same (Ctrl+Y for redo, as on Windows).
    pub fn extra_shortcuts(&self) -> Vec<KeyboardShortcut> {
        match self {
            Command::Redo => vec![KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)],
            Command::DeleteMark => vec![KeyboardShortcut::new(Modifiers::NONE, Key::Backspace)],
            _ => Vec::new(),
        }
    }

    /// Whether a plain key (no Ctrl) is part of the shortcut: such shortcuts
    /// must not fire while the user types in a text field.
    pub fn is_plain_key(&self) -> bool {
        self.shortcut()
            .is_some_and(|s| s.modifiers == Modifiers::NONE)
    }
}

/// A text selection in the article: where the drag (or Shift+arrows) began,
/// and where it is now, as gaps between chars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor: CharPos,
    pub head: CharPos,
    /// Alt was held: take the selection as it is instead of whole words.
    pub exact: bool,
}

/// Something a panel asks for; the app carries it out after drawing.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Command(Command),
    /// Mark the current selection with a category.
    MarkAs(CategoryId),
    OpenArticle(usize),
    SetSelection(Option<Selection>),
    SelectMark(Option<MarkId>),
    /// Select a mark and scroll the text to it.
    GoToMark(MarkId),
    /// A change to the annotations, with its undo label and merge key.
    Edit {
        edit: Box<Edit>,
        label: String,
        merge_key: Option<String>,
    },
    /// Ends merging of note typing (focus left the note field).
    SealHistory,
    ToggleCategory(CategoryId),
    SwitchAnnotator(AnnotatorId),
    AddAnnotator(String),
    /// Put an orphaned mark on the current selection.
    AttachOrphan(MarkId),
    /// Add the selected mark to a claim or actor.
    LinkMark {
        link: LinkId,
        actor: bool,
    },
    NewLink {
        name: String,
        actor: bool,
    },
    UnlinkMark {
        link: LinkId,
        actor: bool,
    },
    OpenPath(PathBuf),
    CreateCaseAt(PathBuf),
    ImportPath(PathBuf),
    /// Forget a recent case that no longer opens.
    ForgetRecent(PathBuf),
}
