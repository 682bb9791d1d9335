//! The terminal's view of long work: an indicatif bar on stderr, given to
//! the core as a `progress::Watch`. Shown only when both stdout and stderr
//! are terminals and `--quiet` was not given, so a pipe, a redirect, a
//! script or a test sees exactly the output it saw before; the bar is
//! cleared when the work ends, leaving only the command's own lines.
//!
//! Ctrl-C ends a command at once, as before, except while it writes: then
//! the files under way (a save, an export's folder) are finished first
//! (`progress::stop_writes`), so an interrupted command never leaves a half
//! written export or a save half done.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::{Cancel, Progress, Watch};

/// Progress for a command's long work: a bar when a person is watching a
/// terminal, nothing otherwise.
pub fn bar(quiet: bool) -> Progress {
    if quiet || !std::io::stdout().is_terminal() || !std::io::stderr().is_terminal() {
        return Progress::none();
    }
    Progress::new(Bar::new(ProgressDrawTarget::stderr()), Cancel::new())
}

/// Makes Ctrl-C wait for the writes under way, then end the process with
/// the usual status of an interrupted command (130). Without it a Ctrl-C
/// during `export` left a folder with part of the export's files.
///
/// SIGINT is blocked in this thread, and so in every thread started after
/// it; one thread of its own takes it with `sigwait`, where it may wait and
/// print, which a signal handler may not. Called before any other thread
/// is started.
#[cfg(unix)]
pub fn finish_writes_on_interrupt() {
    // SAFETY: plain calls on a signal set that lives on this stack; the
    // set is initialised by sigemptyset before it is read.
    let blocked = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) == 0
    };
    if !blocked {
        // Ctrl-C then ends the command at once, as it always did.
        return;
    }
    std::thread::spawn(|| {
        loop {
            let mut signal: libc::c_int = 0;
            // SAFETY: as above; sigwait writes the signal taken to `signal`.
            let taken = unsafe {
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, libc::SIGINT);
                libc::sigwait(&set, &mut signal)
            };
            if taken == 0 && signal == libc::SIGINT {
                break;
            }
        }
        crate::progress::stop_writes();
        eprintln!("candor: interrupted");
        std::process::exit(130);
    });
}

/// Elsewhere Ctrl-C ends the command at once, as it always did.
#[cfg(not(unix))]
pub fn finish_writes_on_interrupt() {}

/// One bar, its length and message reset at each stage.
struct Bar(ProgressBar);

impl Bar {
    fn new(target: ProgressDrawTarget) -> Bar {
        let style = ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        Bar(ProgressBar::with_draw_target(Some(0), target).with_style(style))
    }
}

impl Watch for Bar {
    fn stage(&self, message: &str, total: u64) {
        self.0.set_message(message.to_string());
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn position(&self, done: u64) {
        // Threads stepping together may report out of order; never go back.
        if done > self.0.position() {
            self.0.set_position(done);
        }
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_follows_the_stages_and_never_goes_back() {
        let bar = Bar::new(ProgressDrawTarget::hidden());
        let inner = bar.0.clone();
        let progress = Progress::new(bar, Cancel::new());
        progress.stage("grading", 4);
        progress.step();
        progress.step();
        assert_eq!((inner.position(), inner.length()), (2, Some(4)));
        assert_eq!(inner.message(), "grading");
        inner.set_position(3);
        progress.set(1);
        assert_eq!(inner.position(), 3, "an older count from another thread");
        drop(progress);
        assert!(inner.is_finished(), "the bar is cleared when the work ends");
    }
}
