//! What the window has to tell the user, kept as a short queue instead of a
//! single message, so a later note ("ledger changed on disk") can never hide
//! an earlier error ("this file could not be read"). Errors and warnings stay
//! until the user dismisses them; notes fade after a while. The status bar
//! shows them; tests read them here.

use std::collections::VecDeque;

/// How long a note stays in the status bar, in seconds of egui's clock.
pub const NOTE_SECS: f64 = 8.0;
/// At most this many messages are kept; the oldest notes go first.
const MAX_KEPT: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Something happened as asked, or on its own (a file reloaded).
    Note,
    /// Something the user should know and may need to act on.
    Warning,
    /// An action failed.
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notification {
    /// Stable within a session, for dismissing this one.
    pub id: u64,
    pub level: Level,
    pub text: String,
    /// When it was raised, on egui's clock.
    pub at_secs: f64,
}

#[derive(Clone, Debug, Default)]
pub struct Notifications {
    items: VecDeque<Notification>,
    next_id: u64,
}

impl Notifications {
    pub fn note(&mut self, text: impl Into<String>, now_secs: f64) {
        self.push(Level::Note, text.into(), now_secs);
    }

    pub fn warn(&mut self, text: impl Into<String>, now_secs: f64) {
        self.push(Level::Warning, text.into(), now_secs);
    }

    pub fn error(&mut self, text: impl Into<String>, now_secs: f64) {
        self.push(Level::Error, text.into(), now_secs);
    }

    fn push(&mut self, level: Level, text: String, now_secs: f64) {
        // The same message again (a retry failing the same way) is not news.
        if let Some(last) = self.items.back_mut()
            && last.text == text
            && last.level == level
        {
            last.at_secs = now_secs;
            return;
        }
        self.next_id += 1;
        self.items.push_back(Notification {
            id: self.next_id,
            level,
            text,
            at_secs: now_secs,
        });
        while self.items.len() > MAX_KEPT {
            let oldest_note = self.items.iter().position(|n| n.level == Level::Note);
            match oldest_note {
                Some(i) => self.items.remove(i),
                None => self.items.pop_front(),
            };
        }
    }

    pub fn dismiss(&mut self, id: u64) {
        self.items.retain(|n| n.id != id);
    }

    /// Drops notes older than `NOTE_SECS`; errors and warnings stay.
    pub fn expire(&mut self, now_secs: f64) {
        self.items
            .retain(|n| n.level != Level::Note || now_secs - n.at_secs < NOTE_SECS);
    }

    /// Everything kept, oldest first.
    pub fn all(&self) -> impl DoubleEndedIterator<Item = &Notification> {
        self.items.iter()
    }

    /// What the status bar shows first: the newest error or warning if there
    /// is one (so it cannot be pushed out of sight), else the newest note.
    pub fn headline(&self) -> Option<&Notification> {
        self.items
            .iter()
            .rev()
            .find(|n| n.level > Level::Note)
            .or_else(|| self.items.back())
    }

    /// The newest message of any level.
    pub fn latest(&self) -> Option<&Notification> {
        self.items.back()
    }

    /// Whether any kept message contains `text` (for tests and the window's
    /// own checks).
    pub fn contains(&self, text: &str) -> bool {
        self.items.iter().any(|n| n.text.contains(text))
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_note_does_not_hide_an_earlier_error() {
        let mut n = Notifications::default();
        n.error("marks/ben/wire.ron could not be read", 1.0);
        n.note("ledger changed on disk", 2.0);
        let headline = n.headline().expect("something to show");
        assert_eq!(headline.level, Level::Error);
        assert_eq!(n.latest().map(|l| l.level), Some(Level::Note));
        n.expire(100.0);
        assert_eq!(n.len(), 1, "the note faded, the error stays");
        let id = n.headline().expect("the error").id;
        n.dismiss(id);
        assert!(n.is_empty());
    }

    #[test]
    fn repeats_are_one_message_and_old_notes_make_room_first() {
        let mut n = Notifications::default();
        n.error("disk full", 1.0);
        n.error("disk full", 6.0);
        assert_eq!(n.len(), 1);
        for i in 0..30 {
            n.note(format!("note {i}"), 7.0);
        }
        assert_eq!(n.len(), MAX_KEPT);
        assert!(
            n.contains("disk full"),
            "errors are never pushed out by notes"
        );
        assert!(n.contains("note 29"));
    }
}
