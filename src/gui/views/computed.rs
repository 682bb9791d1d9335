//! A figure a view shows that can take long to compute on a large class:
//! the grades behind the Feedback and Class views, the agreement behind the
//! Agreement view. Computed on the UI thread, a class of hundreds froze the
//! window; here it is computed on a worker (`session::work`) from a
//! snapshot of the case (`Case::snapshot`), while the view keeps drawing:
//! a line with a Cancel and how far the worker is ("Computing grades… 12
//! of 400 students"), under it the previous result greyed, until the new
//! one comes.
//!
//! Every computation is for a key: what the figure depends on, the case's
//! generation first (it changes with every edit). A result is taken only
//! if it was computed for the key the view is drawn for now: an edit made
//! while computing drops the running worker (which cancels it) and starts
//! another, so a stale result is never shown. A computation the user
//! cancelled, or one that ended without a result, is not started again for
//! the same key until the user asks; the next edit starts it anew.

use egui::Ui;

use crate::gui::session::work::{Poll, Work};
use crate::progress::{Cancelled, Progress};

/// How to wake the window from a worker (each step is drawn at once).
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;

/// The worker of one computation: its result, or `Cancelled`.
pub type Job<T> = Work<Result<T, Cancelled>>;

/// Starts `compute` on a worker; it reports its steps on the progress it
/// is given and stops when that progress is cancelled.
pub fn spawn<T: Send + 'static>(
    title: &str,
    wake: Wake,
    compute: impl FnOnce(&Progress) -> Result<T, Cancelled> + Send + 'static,
) -> Job<T> {
    Work::spawn(title, 0, move || wake(), move |r| compute(r.progress()))
}

/// How the window is woken from a worker of `ui`'s window.
pub fn wake(ui: &Ui) -> Wake {
    let ctx = ui.ctx().clone();
    std::sync::Arc::new(move || ctx.request_repaint())
}

/// Why there is no result for the key the view is drawn for, and no
/// worker making one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// The user pressed Cancel.
    Cancelled,
    /// The worker ended without a result (a bug in Candor).
    Lost,
}

/// The words of a view's computing line.
pub struct Words {
    /// "Computing grades".
    pub computing: &'static str,
    /// What the steps count ("students"); empty for bare numbers.
    pub steps: &'static str,
    /// "Grading" (", cancelled").
    pub doing: &'static str,
}

/// A figure computed on a worker for a key `K`, and the last one computed.
pub struct Computed<K, T> {
    /// The key the view was last drawn for.
    wanted: Option<K>,
    shown: Option<(K, T)>,
    running: Option<(K, Job<T>)>,
    stopped: Option<(K, Stopped)>,
    /// How many results were taken (tests check the cache with it).
    builds: u64,
}

impl<K, T> Default for Computed<K, T> {
    fn default() -> Self {
        Computed {
            wanted: None,
            shown: None,
            running: None,
            stopped: None,
            builds: 0,
        }
    }
}

impl<K: Clone + PartialEq, T: Send + 'static> Computed<K, T> {
    /// Brings the figure up to date for `key`: takes in the worker's
    /// result if it is done and for `key`, drops a worker computing for
    /// another key, and starts one (`start`, on this thread: it takes the
    /// snapshot) when there is neither a result for `key` nor a worker,
    /// unless the user stopped it. True when a new result was taken.
    pub fn refresh(&mut self, key: &K, start: impl FnOnce() -> Job<T>) -> bool {
        self.wanted = Some(key.clone());
        let mut taken = false;
        if let Some((for_key, work)) = &self.running {
            if for_key != key {
                // Stale: dropping the worker cancels it, and its result
                // would never be read.
                self.running = None;
            } else {
                match work.poll() {
                    Poll::Running => {}
                    Poll::Done(result) => {
                        self.running = None;
                        match *result {
                            Ok(figure) => {
                                self.shown = Some((key.clone(), figure));
                                self.builds += 1;
                                taken = true;
                            }
                            Err(Cancelled) => {
                                self.stopped = Some((key.clone(), Stopped::Cancelled));
                            }
                        }
                    }
                    Poll::Lost => {
                        self.running = None;
                        self.stopped = Some((key.clone(), Stopped::Lost));
                    }
                }
            }
        }
        let current = self.shown.as_ref().is_some_and(|(k, _)| k == key);
        let stopped = self.stopped.as_ref().is_some_and(|(k, _)| k == key);
        if !current && !stopped && self.running.is_none() {
            self.running = Some((key.clone(), start()));
        }
        taken
    }

    /// The last result, current or not.
    pub fn shown(&self) -> Option<&T> {
        self.shown.as_ref().map(|(_, t)| t)
    }

    /// Whether the result shown is for the key the view was last drawn for.
    pub fn is_current(&self) -> bool {
        matches!((&self.shown, &self.wanted), (Some((k, _)), Some(w)) if k == w)
    }

    /// Whether a worker is computing.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Why nothing is computed for the key the view was drawn for, if the
    /// user or a failure stopped it.
    pub fn stopped(&self) -> Option<Stopped> {
        match (&self.stopped, &self.wanted) {
            (Some((k, why)), Some(w)) if k == w && self.running.is_none() => Some(*why),
            _ => None,
        }
    }

    /// How many results were taken.
    pub fn builds(&self) -> u64 {
        self.builds
    }

    /// Stops the worker; what it made is thrown away.
    pub fn cancel(&mut self) {
        if let Some((key, _work)) = self.running.take() {
            self.stopped = Some((key, Stopped::Cancelled));
        }
    }

    /// Forgets a stop, so the next frame computes again.
    pub fn again(&mut self) {
        self.stopped = None;
    }

    /// The line above a result that is not current: what the worker is at
    /// with its Cancel, or why it stopped with a button to compute again.
    /// Nothing when the result shown is current.
    pub fn status_ui(&mut self, ui: &mut Ui, words: &Words) {
        if self.is_current() {
            return;
        }
        let before = if self.shown.is_some() {
            " The figures below are from before the last change."
        } else {
            ""
        };
        if let Some((_, work)) = &self.running {
            let p = work.progress();
            let mut line = format!("{}…", words.computing);
            if p.total > 1 {
                line.push_str(&format!(" {} of {}", p.done.min(p.total), p.total));
                if !words.steps.is_empty() {
                    line.push_str(&format!(" {}", words.steps));
                }
            }
            line.push_str(before);
            let mut cancel = false;
            ui.horizontal_wrapped(|ui| {
                // Cancel before the line, whose width changes with every
                // step: a button after it would move under the pointer.
                cancel = ui
                    .small_button("Cancel")
                    .on_hover_text("Stop computing; the figures shown stay as they are")
                    .clicked();
                ui.label(line);
            });
            if cancel {
                self.cancel();
                ui.ctx().request_repaint();
            }
        } else if let Some(why) = self.stopped() {
            let line = match why {
                Stopped::Cancelled => format!("{} cancelled.{before}", words.doing),
                Stopped::Lost => format!(
                    "{} stopped without finishing (a bug in Candor; please report it).{before}",
                    words.doing
                ),
            };
            let mut again = false;
            ui.horizontal_wrapped(|ui| {
                again = ui
                    .small_button("Compute again")
                    .on_hover_text("Compute the figures for the case as it is now")
                    .clicked();
                ui.label(line);
            });
            if again {
                self.again();
                ui.ctx().request_repaint();
            }
        }
        ui.add_space(4.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn wake() -> Wake {
        std::sync::Arc::new(|| {})
    }

    /// A worker that waits for `go` and then hands back `value`.
    fn gated(value: u32) -> (mpsc::Sender<()>, Job<u32>) {
        let (tx, rx) = mpsc::channel::<()>();
        let job = spawn("test", wake(), move |p| {
            let _ = rx.recv();
            p.check()?;
            Ok(value)
        });
        (tx, job)
    }

    fn settle(c: &mut Computed<u64, u32>, key: u64) {
        while c.is_running() {
            c.refresh(&key, || panic!("nothing new is started"));
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_result_is_taken_for_its_key_and_kept_until_the_key_changes() {
        let mut c = Computed::<u64, u32>::default();
        let (go, job) = gated(7);
        assert!(!c.refresh(&1, || job));
        assert!(c.is_running() && !c.is_current() && c.shown().is_none());
        go.send(()).expect("waiting");
        settle(&mut c, 1);
        assert_eq!((c.shown(), c.is_current(), c.builds()), (Some(&7), true, 1));
        c.refresh(&1, || panic!("a current result is not computed again"));
        let (_go, job) = gated(8);
        c.refresh(&2, || job);
        assert_eq!(c.shown(), Some(&7), "the previous result stays, greyed");
        assert!(!c.is_current() && c.is_running());
    }

    #[test]
    fn a_result_computed_for_an_older_key_is_never_shown() {
        let mut c = Computed::<u64, u32>::default();
        let (old_go, old) = gated(1);
        c.refresh(&1, || old);
        // An edit while computing: the old worker is dropped for a new one.
        let (new_go, new) = gated(2);
        c.refresh(&2, || new);
        old_go.send(()).ok();
        for _ in 0..100 {
            c.refresh(&2, || panic!("one worker for key 2"));
        }
        assert_eq!(c.shown(), None, "the old result is dropped");
        new_go.send(()).expect("waiting");
        settle(&mut c, 2);
        assert_eq!((c.shown(), c.builds()), (Some(&2), 1));
    }

    #[test]
    fn cancel_stops_until_asked_again_or_the_key_changes() {
        let mut c = Computed::<u64, u32>::default();
        let (go, job) = gated(3);
        c.refresh(&1, || job);
        c.cancel();
        go.send(()).ok();
        assert_eq!(c.stopped(), Some(Stopped::Cancelled));
        c.refresh(&1, || panic!("not started again by itself"));
        assert_eq!((c.shown(), c.is_running()), (None, false));
        c.again();
        let (go, job) = gated(4);
        c.refresh(&1, || job);
        go.send(()).expect("waiting");
        settle(&mut c, 1);
        assert_eq!(c.shown(), Some(&4));
        // Cancelled for one key, an edit computes for the next.
        let (_go, job) = gated(5);
        c.refresh(&2, || job);
        c.cancel();
        let (_go, job) = gated(6);
        c.refresh(&3, || job);
        assert!(c.is_running() && c.stopped().is_none());
    }

    #[test]
    fn a_worker_that_ends_without_a_result_is_said_and_not_restarted() {
        let mut c = Computed::<u64, u32>::default();
        let job = spawn("test", wake(), |_| -> Result<u32, Cancelled> {
            panic!("a bug in the computation")
        });
        c.refresh(&1, || job);
        settle(&mut c, 1);
        assert_eq!(c.stopped(), Some(Stopped::Lost));
        c.refresh(&1, || panic!("not restarted in a loop"));
    }
}
