//! How far a long piece of work has gone, and a way to stop it. The core's
//! long operations (importing many files, exporting, grading a class,
//! agreement, saving many files) take a [`Progress`]: they name each stage
//! with its total, count steps, and between steps ask whether they were
//! cancelled, stopping with [`Cancelled`] at a point where nothing is half
//! done. Who watches is not the core's business: the command line gives it
//! a terminal bar (`cli::progress`), the window can give it a channel, tests
//! read the counts. It imports nothing of Candor's, so every module can use
//! it.
//!
//! It also keeps the gate every write of Candor's passes ([`writing`]): the
//! command line's Ctrl-C closes it ([`stop_writes`]) and waits for the
//! writes under way before the process ends, so an interrupted command
//! leaves every file, and every set of files written together (a save, an
//! export's folder), whole or not written at all.

use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

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

/// Writes under way, and whether the gate is closed.
#[derive(Debug, Default)]
struct Writes {
    active: usize,
    stopping: bool,
}

/// The gate writes pass: counts the writes under way; once closed, lets no
/// new one begin.
struct WriteGate {
    writes: Mutex<Writes>,
    changed: Condvar,
}

impl WriteGate {
    const fn new() -> WriteGate {
        WriteGate {
            writes: Mutex::new(Writes {
                active: 0,
                stopping: false,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Writes> {
        self.writes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A write begins; once the gate is closed this waits for good (the
    /// process is about to end).
    fn enter(&self) {
        let mut w = self.lock();
        while w.stopping {
            w = self.changed.wait(w).unwrap_or_else(|e| e.into_inner());
        }
        w.active += 1;
    }

    fn leave(&self) {
        let mut w = self.lock();
        w.active -= 1;
        if w.active == 0 {
            self.changed.notify_all();
        }
    }

    /// Closes the gate and waits for the writes under way.
    fn stop(&self) {
        let mut w = self.lock();
        w.stopping = true;
        while w.active > 0 {
            w = self.changed.wait(w).unwrap_or_else(|e| e.into_inner());
        }
    }
}

static GATE: WriteGate = WriteGate::new();

thread_local! {
    /// How deep this thread is in writes: a save that writes its files
    /// passes the gate once, not once a file.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Held while files are written (see [`writing`]); not sent to another
/// thread, since the gate counts per thread.
#[must_use = "the write is under way only while this is held"]
pub struct WriteGuard {
    gate: &'static WriteGate,
    not_sent: PhantomData<*const ()>,
}

/// A write (of one file, or of files that belong together) begins: held
/// until it ends. Nested on one thread, only the outermost counts. Once
/// [`stop_writes`] closed the gate, a new write waits for good: the process
/// is ending. Threads a writer spawns to write in parallel work under its
/// guard and take none of their own.
pub fn writing() -> WriteGuard {
    writing_at(&GATE)
}

fn writing_at(gate: &'static WriteGate) -> WriteGuard {
    DEPTH.with(|d| {
        if d.get() == 0 {
            gate.enter();
        }
        d.set(d.get() + 1);
    });
    WriteGuard {
        gate,
        not_sent: PhantomData,
    }
}

impl Drop for WriteGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| {
            d.set(d.get() - 1);
            if d.get() == 0 {
                self.gate.leave();
            }
        });
    }
}

/// Lets no new write begin and waits for those under way to end: what the
/// command line does on Ctrl-C, right before the process ends. Never undone.
pub fn stop_writes() {
    GATE.stop();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_gate_waits_for_the_write_under_way_and_lets_no_new_one_in() {
        let gate = Arc::new(WriteGate::new());
        gate.enter();
        let (stopped_tx, stopped) = std::sync::mpsc::channel();
        let closer = Arc::clone(&gate);
        let stopper = std::thread::spawn(move || {
            closer.stop();
            stopped_tx.send(()).expect("the test waits");
        });
        // The stop waits while the write is under way.
        while !gate.lock().stopping {
            std::thread::yield_now();
        }
        assert!(stopped.try_recv().is_err(), "the write is not over yet");
        // A new write now waits for good.
        let (entered_tx, entered) = std::sync::mpsc::channel();
        let late = Arc::clone(&gate);
        std::thread::spawn(move || {
            late.enter();
            let _ = entered_tx.send(());
        });
        gate.leave();
        stopped.recv().expect("the stop ends once the write ends");
        stopper.join().expect("joined");
        assert!(entered.try_recv().is_err(), "no write began after the stop");
        assert_eq!(gate.lock().active, 0);
    }

    #[test]
    fn nested_writes_on_one_thread_pass_the_gate_once() {
        static GATE: WriteGate = WriteGate::new();
        let outer = writing_at(&GATE);
        let inner = writing_at(&GATE);
        assert_eq!(GATE.lock().active, 1);
        drop(inner);
        assert_eq!(GATE.lock().active, 1, "the outer write goes on");
        drop(outer);
        assert_eq!(GATE.lock().active, 0);
        assert_eq!(DEPTH.with(Cell::get), 0);
    }

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
