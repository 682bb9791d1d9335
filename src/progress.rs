//! How far a long piece of work has gone, and a way to stop it. The core's
//! long operations (importing many files, exporting, grading a class,
//! agreement, saving many files) take a [`Progress`]: they name each stage
//! with its total, count steps, and between steps ask whether they were
//! cancelled, stopping with [`Cancelled`] at a point where nothing is half
//! done. Who watches is not the core's business: the command line gives it
//! a terminal bar (`cli::progress`), the window can give it a channel, tests
//! read the counts. It imports nothing of Candor's, so every module can use
//! it.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A request to stop, shared between whoever may ask (a Cancel button) and
/// the work that checks it. Cloning shares the same flag.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks the work to stop at its next check. It cannot be taken back.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Long work stopped because it was asked to. Each operation that returns
/// it says what it leaves behind (as a rule: nothing, or only whole items).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// What a watcher of the work is told. Called from the working thread, or
/// from several threads at once when the work is spread over them, so it
/// must be cheap: a bar or a channel, not drawing.
pub trait Watch: Send + Sync {
    /// A new stage began: what it does, and how many steps it has.
    fn stage(&self, message: &str, total: u64);
    /// `done` steps of the current stage are finished.
    fn position(&self, done: u64);
    /// The work is over (done, failed or cancelled): a bar is taken away
    /// before the caller prints its results.
    fn finish(&self) {}
}

/// The progress of one piece of work: the current stage's message, its
/// total and how many steps are done, passed on to a [`Watch`] if there is
/// one, and the [`Cancel`] flag the work checks. Shared by reference, so
/// threads of one operation may step it together.
pub struct Progress {
    watch: Option<Box<dyn Watch>>,
    cancel: Cancel,
    done: AtomicU64,
    total: AtomicU64,
    message: Mutex<String>,
}

impl Progress {
    /// Progress nobody watches and nobody cancels: for callers that only
    /// want the result.
    pub fn none() -> Progress {
        Progress::cancellable(Cancel::new())
    }

    /// Progress nobody watches, stopped when `cancel` is.
    pub fn cancellable(cancel: Cancel) -> Progress {
        Progress {
            watch: None,
            cancel,
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            message: Mutex::new(String::new()),
        }
    }

    /// Progress told to `watch`, stopped when `cancel` is.
    pub fn new(watch: impl Watch + 'static, cancel: Cancel) -> Progress {
        Progress {
            watch: Some(Box::new(watch)),
            ..Progress::cancellable(cancel)
        }
    }

    /// Begins a stage of `total` steps, none done yet.
    pub fn stage(&self, message: &str, total: usize) {
        let total = total as u64;
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        let mut m = self.message.lock().unwrap_or_else(|e| e.into_inner());
        m.clear();
        m.push_str(message);
        drop(m);
        if let Some(w) = &self.watch {
            w.stage(message, total);
        }
    }

    /// One more step of the current stage is done.
    pub fn step(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(w) = &self.watch {
            w.position(done);
        }
    }

    /// `done` steps of the current stage are done.
    pub fn set(&self, done: usize) {
        let done = done as u64;
        self.done.store(done, Ordering::Relaxed);
        if let Some(w) = &self.watch {
            w.position(done);
        }
    }

    /// Tells the watcher the work is over. Callers that print afterwards
    /// call it first; more stages may still follow.
    pub fn finish(&self) {
        if let Some(w) = &self.watch {
            w.finish();
        }
    }

    /// What the work calls between steps: [`Cancelled`] once it was asked
    /// to stop.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.cancel.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// The flag this progress is stopped by, to hand to whoever may cancel.
    pub fn cancel_token(&self) -> &Cancel {
        &self.cancel
    }

    /// Steps done in the current stage.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Steps the current stage has.
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// What the current stage does.
    pub fn message(&self) -> String {
        self.message
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Default for Progress {
    fn default() -> Progress {
        Progress::none()
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("message", &self.message())
            .field("done", &self.done())
            .field("total", &self.total())
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A watcher that writes down what it is told.
    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<String>>>);

    impl Watch for Log {
        fn stage(&self, message: &str, total: u64) {
            self.0
                .lock()
                .expect("log")
                .push(format!("{message} /{total}"));
        }
        fn position(&self, done: u64) {
            self.0.lock().expect("log").push(done.to_string());
        }
        fn finish(&self) {
            self.0.lock().expect("log").push("finished".into());
        }
    }

    #[test]
    fn counts_steps_within_a_stage_and_starts_each_stage_at_zero() {
        let p = Progress::none();
        p.stage("reading", 3);
        p.step();
        p.step();
        assert_eq!(
            (p.message().as_str(), p.done(), p.total()),
            ("reading", 2, 3)
        );
        p.stage("writing", 5);
        assert_eq!(
            (p.message().as_str(), p.done(), p.total()),
            ("writing", 0, 5)
        );
        p.set(4);
        assert_eq!(p.done(), 4);
    }

    #[test]
    fn the_watcher_hears_every_stage_and_step_in_order() {
        let log = Log::default();
        let p = Progress::new(log.clone(), Cancel::new());
        p.stage("grading", 2);
        p.step();
        p.step();
        p.stage("writing", 1);
        p.set(1);
        p.finish();
        let heard = log.0.lock().expect("log").clone();
        assert_eq!(
            heard,
            ["grading /2", "1", "2", "writing /1", "1", "finished"]
        );
    }

    #[test]
    fn a_cancel_from_another_handle_stops_the_work_at_the_next_check() {
        let cancel = Cancel::new();
        let p = Progress::cancellable(cancel.clone());
        // Work of ten steps; the button is pressed after the fourth.
        let mut finished = 0;
        let result = (|| {
            p.stage("work", 10);
            for i in 0..10 {
                p.check()?;
                finished += 1;
                p.step();
                if i == 3 {
                    cancel.cancel();
                }
            }
            Ok::<(), Cancelled>(())
        })();
        assert_eq!(result, Err(Cancelled));
        assert_eq!(finished, 4, "no step starts after the cancel");
        assert_eq!(p.done(), 4);
        assert!(p.is_cancelled() && p.cancel_token().is_cancelled());
    }

    #[test]
    fn threads_stepping_together_lose_no_step() {
        let p = Progress::none();
        p.stage("spread", 800);
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    for _ in 0..100 {
                        p.step();
                    }
                });
            }
        });
        assert_eq!(p.done(), 800);
    }

    #[test]
    fn none_is_never_cancelled() {
        let p = Progress::none();
        assert_eq!(p.check(), Ok(()));
        assert_eq!(Cancelled.to_string(), "cancelled");
    }
}
