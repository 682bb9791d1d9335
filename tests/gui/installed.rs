//! What a user who installed Candor meets without a case of their own: the
//! welcome (shown on a first run, and from Help > Welcome), Help > Guide
//! opening the guide shipped with Candor as a local file, and files a
//! double-click hands to `candor open`: a case's `case.ron`, or a hand-in
//! when no case was ever opened.

use candor::gui::{CandorApp, State};
use egui::OutputCommand;
use egui_kittest::kittest::{NodeT, Queryable};

use super::util::{app_on, harness, make_case};

#[test]
fn help_guide_opens_the_shipped_guide_as_a_local_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_on(&make_case(dir.path())));
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label_contains("Guide").click();
    let mut urls = Vec::new();
    for _ in 0..3 {
        h.step();
        for c in &h.output().platform_output.commands {
            if let OutputCommand::OpenUrl(open) = c {
                urls.push(open.url.clone());
            }
        }
    }
    assert_eq!(urls.len(), 1, "one page opened: {urls:?}");
    assert!(
        urls[0].starts_with("file:///") && urls[0].ends_with("/docs/README.md"),
        "the guide of this source tree, not a web address: {}",
        urls[0]
    );
}

#[test]
fn the_welcome_offers_the_example_a_new_case_and_the_guide() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_on(&make_case(dir.path()));
    assert!(!app.state.welcomed);
    app.show_welcome();
    assert!(
        app.state.welcomed,
        "remembered, so a second run does not welcome again"
    );
    let mut h = harness(app);
    h.get_by_label("Welcome to Candor");
    h.get_by_label("Open the example case");
    h.get_by_label("Guide");
    // A case that is not a student copy has no hand-back to open.
    assert!(
        h.get_by_label("Open hand-back…")
            .accesskit_node()
            .is_disabled()
    );
    h.get_by_label("New case…").click();
    h.run();
    assert!(
        h.query_by_label("Welcome to Candor").is_none(),
        "it made way"
    );
    h.get_by_label_contains("A folder for the new case");
}

#[test]
fn the_welcome_opens_the_example_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_on(&make_case(dir.path()));
    app.show_welcome();
    let mut h = harness(app);
    h.get_by_label("Open the example case").click();
    h.run();
    let s = h.state().session.as_ref().expect("open");
    assert!(s.case.manifest().title.starts_with("Northgate Dam"));
    assert!(s.case.articles().len() >= 5, "the example's five reports");
}

#[test]
fn a_case_ron_given_to_open_opens_its_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path());
    let app = CandorApp::new(State::default(), Some(root.join("case.ron")));
    let s = app.session.as_ref().expect("the case opens");
    assert_eq!(s.case.root(), root.as_path());
}

#[test]
fn a_hand_in_with_no_case_to_take_it_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("ana.candor-handin");
    std::fs::write(&file, "HandIn()").expect("write");
    let h = harness(CandorApp::new(State::default(), Some(file)));
    assert!(h.state().session.is_none(), "not put into the example case");
    h.get_by_label_contains("open the case it belongs to first");
}
