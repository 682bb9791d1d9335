//! Progress and cancel on the core's long work (grading a class,
//! agreement, exporting, saving many files), and the command line's
//! promise about it: with its output piped, as here, `candor` prints
//! exactly what it printed before there were bars, and `--quiet` is
//! accepted by every command.

use std::path::Path;

use candor::agree::{AgreeOptions, Agreement};
use candor::case::Case;
use candor::export::files::{self, ExportError, FileFormat};
use candor::export::folder::Replace;
use candor::grade::{ClassGrade, GradeOptions};
use candor::model::AnnotatorId;
use candor::progress::{Cancel, Cancelled, Progress, Watch};

use crate::util::{candor, case_with, example_copy, marked, ok, stderr, stdout};

/// Presses Cancel when a stage reaches `at` steps.
struct CancelAt {
    at: u64,
    cancel: Cancel,
}

impl Watch for CancelAt {
    fn stage(&self, _: &str, _: u64) {}
    fn position(&self, done: u64) {
        if done == self.at {
            self.cancel.cancel();
        }
    }
}

fn cancelled_at(at: u64) -> Progress {
    let cancel = Cancel::new();
    Progress::new(
        CancelAt {
            at,
            cancel: cancel.clone(),
        },
        cancel,
    )
}

fn cancelled_already() -> Progress {
    let cancel = Cancel::new();
    cancel.cancel();
    Progress::cancellable(cancel)
}

fn students() -> Vec<AnnotatorId> {
    vec![AnnotatorId::new("amara"), AnnotatorId::new("ben")]
}

#[test]
fn a_class_graded_with_progress_counts_each_student_and_grades_as_without() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = Case::open(&example_copy(dir.path())).expect("open");
    let key = AnnotatorId::new("key");
    let options = GradeOptions::default();
    let progress = Progress::none();
    let class = ClassGrade::build_with_progress(&case, &key, &students(), &options, &progress)
        .expect("not cancelled");
    assert_eq!(
        (
            progress.message().as_str(),
            progress.done(),
            progress.total()
        ),
        ("grading", 2, 2)
    );
    let plain = ClassGrade::build(&case, &key, &students(), &options);
    assert_eq!(
        candor::export::json(&class).expect("json"),
        candor::export::json(&plain).expect("json")
    );
}

#[test]
fn a_grade_cancelled_after_the_first_student_grades_no_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = Case::open(&example_copy(dir.path())).expect("open");
    let key = AnnotatorId::new("key");
    // Three students are graded on one thread, one after another.
    let three = [students(), vec![AnnotatorId::new("amara")]].concat();
    let progress = cancelled_at(1);
    let result =
        ClassGrade::build_with_progress(&case, &key, &three, &GradeOptions::default(), &progress);
    assert_eq!(result.err(), Some(Cancelled));
    assert_eq!(progress.done(), 1);
    // A class spread over threads stops too.
    let many: Vec<AnnotatorId> = (0..40).flat_map(|_| students()).collect();
    let result = ClassGrade::build_with_progress(
        &case,
        &key,
        &many,
        &GradeOptions::default(),
        &cancelled_already(),
    );
    assert_eq!(result.err(), Some(Cancelled));
}

#[test]
fn agreement_is_three_steps_and_stops_between_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = Case::open(&example_copy(dir.path())).expect("open");
    let options = AgreeOptions::default();
    let progress = Progress::none();
    let agreement = Agreement::build_with_progress(&case, &students(), &options, &progress)
        .expect("not cancelled");
    assert_eq!((progress.done(), progress.total()), (3, 3));
    let plain = Agreement::build(&case, &students(), &options);
    assert_eq!(
        candor::export::json(&agreement).expect("json"),
        candor::export::json(&plain).expect("json")
    );
    let progress = cancelled_at(1);
    let result = Agreement::build_with_progress(&case, &students(), &options, &progress);
    assert!(matches!(result, Err(Cancelled)));
    assert_eq!(progress.done(), 1, "the pairs were not compared");
}

#[test]
fn an_export_cancelled_while_its_files_are_made_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = Case::open(&example_copy(dir.path())).expect("open");
    let out = dir.path().join("export");
    // The HTML report is made one annotator at a time: cancelled after
    // the first of three, it stops there.
    for (format, at) in [
        (FileFormat::W3c, 3),
        (FileFormat::Brat, 3),
        (FileFormat::Html, 1),
    ] {
        let result = files::write_with_progress(
            &case,
            format,
            &[],
            &out,
            Replace::OnlyCandors,
            &cancelled_at(at),
        );
        assert!(
            matches!(result, Err(ExportError::Cancelled(Cancelled))),
            "{format:?}: {result:?}"
        );
        assert!(!out.exists(), "{format:?}: not even the folder is made");
    }
    // Not cancelled: one step per annotator and article, then the writing.
    let progress = Progress::none();
    let report = files::write_with_progress(
        &case,
        FileFormat::W3c,
        &[],
        &out,
        Replace::OnlyCandors,
        &progress,
    )
    .expect("export");
    assert_eq!(progress.message(), "writing");
    assert_eq!(progress.done(), 1);
    let jsonld = report
        .files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "jsonld"))
        .count();
    assert_eq!(jsonld, case.annotators().len() * case.articles().len());
}

#[test]
fn a_save_counts_every_file_it_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Officials said the dam was safe.";
    let mut case = case_with(dir.path(), &[("one", text), ("two", text), ("three", text)]);
    for article in ["one", "two", "three"] {
        marked(
            &mut case,
            "ada",
            article,
            "Officials [said]{attribution} the dam was safe.",
        );
    }
    let progress = Progress::none();
    let report = case.save_with_progress(&progress).expect("save");
    assert!(report.written.len() >= 3, "{:?}", report.written);
    assert_eq!(progress.message(), "saving");
    assert_eq!(progress.done(), report.written.len() as u64);
    assert_eq!(progress.total(), report.written.len() as u64);
}

/// Every command of `candor`, by name.
fn commands() -> Vec<String> {
    use clap::CommandFactory;
    candor::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .collect()
}

#[test]
fn quiet_is_accepted_by_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let names = commands();
    assert!(names.len() > 10, "{names:?}");
    for name in &names {
        for args in [
            vec![name.as_str(), "--quiet", "--help"],
            vec!["--quiet", name.as_str(), "--help"],
            vec![name.as_str(), "-q", "--help"],
        ] {
            let run = candor(&args, dir.path());
            ok(&run);
            assert!(stdout(&run).contains("--quiet"), "{args:?}");
        }
    }
    // And on a real run, before or after the command's name.
    let case = example_copy(dir.path());
    let case = case.to_str().expect("a UTF-8 path");
    ok(&candor(&["--quiet", "check", case], dir.path()));
    ok(&candor(&["check", case, "--quiet"], dir.path()));
}

/// Runs `args` in a fresh copy of the example case (as `northgate-dam`,
/// so messages name the same paths), with `--quiet` or without.
fn run_in_copy(args: &[&str], quiet: bool) -> (String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    example_copy(dir.path());
    std::fs::write(
        dir.path().join("page.txt"),
        "A headline\n\nThe council met on Tuesday.\n",
    )
    .expect("write");
    let mut args = args.to_vec();
    if quiet {
        args.push("--quiet");
    }
    let run = candor(&args, dir.path());
    (stdout(&run), stderr(&run))
}

#[test]
fn with_output_piped_long_commands_print_no_progress() {
    let long: [&[&str]; 7] = [
        &["import", "northgate-dam", "page.txt"],
        &["import", "northgate-dam", "page.txt", "--dry-run"],
        &[
            "export",
            "northgate-dam",
            "--format",
            "brat",
            "--out",
            "out",
        ],
        &["grade", "northgate-dam", "--all"],
        &[
            "grade",
            "northgate-dam",
            "--all",
            "--format",
            "html",
            "--out",
            "g",
        ],
        &["agree", "northgate-dam"],
        &["check", "northgate-dam", "--fix"],
    ];
    for args in long {
        let (out, err) = run_in_copy(args, false);
        assert!(
            !out.is_empty() || !err.is_empty(),
            "{args:?} printed nothing"
        );
        // A bar is drawn with carriage returns and escape sequences.
        for text in [&out, &err] {
            assert!(
                !text.contains('\r') && !text.contains('\x1b'),
                "{args:?}: {text:?}"
            );
        }
        assert!(
            !err.contains("grading") && !err.contains("saving"),
            "{args:?}: {err}"
        );
        assert_eq!((out, err), run_in_copy(args, true), "{args:?}");
    }
}

/// The bar itself, seen through a pseudo-terminal: `script` (util-linux)
/// runs `candor` with both outputs on one. Skipped where there is none.
#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_a_long_command_shows_a_bar_and_clears_it_and_quiet_shows_none() {
    let Ok(script) = which_script() else {
        eprintln!("no `script` command: the terminal test is skipped");
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let case = example_copy(dir.path());
    let bin = env!("CARGO_BIN_EXE_candor");
    let run = |quiet: &str| {
        let command = format!("{bin} grade {} --all {quiet}", case.display());
        let out = std::process::Command::new(&script)
            .args(["-qec", &command, "/dev/null"])
            .current_dir(dir.path())
            .output()
            .expect("script runs");
        ok(&out);
        stdout(&out)
    };
    let shown = run("");
    assert!(shown.contains("grading"), "{shown:?}");
    assert!(shown.contains("amara"), "the grades follow: {shown:?}");
    let quiet = run("--quiet");
    assert!(!quiet.contains("grading"), "{quiet:?}");
    assert!(quiet.contains("amara"), "{quiet:?}");
}

#[cfg(target_os = "linux")]
fn which_script() -> Result<std::path::PathBuf, ()> {
    ["/usr/bin/script", "/bin/script"]
        .iter()
        .map(Path::new)
        .find(|p| p.exists())
        .map(Path::to_path_buf)
        .ok_or(())
}
