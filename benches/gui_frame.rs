//! What a frame of the annotation window costs, with the real UI code in a
//! headless `egui::Context` (no GPU: layout, hit-testing and tessellation
//! inputs, which is the CPU work a frame does before rendering).
//!
//! `cargo bench --bench gui_frame`. Figures go in BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use candor::case::Case;
use candor::edit::Edit;
use candor::gui::app::commands::View;
use candor::gui::{CandorApp, State};
use candor::model::{
    AnnotatorId, ArticleId, ArticleMeta, CategoryId, Claim, LinkId, LinkRef, MarkId,
};
use candor::text::CharRange;
use criterion::{Criterion, criterion_group, criterion_main};

const WORDS: [&str; 24] = [
    "police",
    "camp",
    "the",
    "dam",
    "officials",
    "said",
    "protesters",
    "before",
    "dawn",
    "valley",
    "court",
    "order",
    "residents",
    "claimed",
    "reported",
    "campaigners",
    "ministry",
    "spokesperson",
    "injured",
    "water",
    "energy",
    "a",
    "of",
    "and",
];

/// Invented text of about `chars` chars, in paragraphs of a few sentences.
fn invent_text(chars: usize) -> String {
    let mut out = String::with_capacity(chars + 200);
    let mut n: usize = 7;
    let mut in_sentence = 0;
    let mut in_para = 0;
    while out.len() < chars {
        n = n.wrapping_mul(1_103_515_245).wrapping_add(12_345) % (1 << 31);
        let w = WORDS[n % WORDS.len()];
        if in_sentence == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(w);
        }
        in_sentence += 1;
        if in_sentence > 14 {
            out.push_str(". ");
            in_sentence = 0;
            in_para += 1;
            if in_para > 5 {
                out.pop();
                out.push_str("\n\n");
                in_para = 0;
            }
        } else {
            out.push(' ');
        }
    }
    out
}

/// A case with one article of `chars` chars and `marks` marks on it.
fn make_case(dir: &Path, chars: usize, marks: usize) -> PathBuf {
    let root = dir.join("case");
    let mut case = Case::create(&root, "Bench").expect("create");
    let text = invent_text(chars);
    case.add_article(
        ArticleMeta {
            outlet: "Bench".into(),
            ..ArticleMeta::new(ArticleId::new("long"), "A long article")
        },
        &text,
    )
    .expect("article");
    let ann = AnnotatorId::new("bench");
    let art = ArticleId::new("long");
    let len = text.chars().count();
    let step = len / marks.max(1);
    let cats = ["loaded", "attribution", "editorializing"];
    let mut made = Vec::with_capacity(marks);
    for i in 0..marks {
        let start = i * step;
        // Every fifth mark runs into the next one's span: overlaps are drawn too.
        let end = (start + if i % 5 == 0 { step + 12 } else { 18 }).min(len);
        let m = case
            .mark_with_id(
                MarkId(format!("m{}", i + 1)),
                &art,
                CharRange::new(start, end),
                &CategoryId::new(cats[i % 3]),
            )
            .expect("mark");
        made.push(m);
    }
    *case.marks_mut(&ann, &art).expect("writable") = made;
    case.save().expect("save");
    root
}

fn app_on(root: &Path) -> CandorApp {
    let mut state = State::default();
    state.annotators.insert(root.to_path_buf(), "bench".into());
    CandorApp::new(state, Some(root.to_path_buf()))
}

struct Window {
    ctx: egui::Context,
    time: f64,
}

impl Window {
    fn new() -> Self {
        Window {
            ctx: egui::Context::default(),
            time: 0.0,
        }
    }

    fn frame(&mut self, app: &mut CandorApp) {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1360.0, 860.0),
            )),
            time: Some(self.time),
            ..Default::default()
        };
        let out = self.ctx.run_ui(input, |ui| app.ui(ui));
        std::hint::black_box(out.shapes.len());
    }
}

/// Draws frames until the text view has laid out the whole article (it does
/// a little each frame after opening), so "steady" means steady.
/// Times adding one mark on `article` and drawing the next frame, `iters`
/// times; each mark is undone and saved away outside the timing, so every
/// iteration starts from the same case.
fn add_mark_and_draw(
    win: &mut Window,
    app: &mut CandorApp,
    article: &str,
    range: CharRange,
    iters: u64,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let session = app.session.as_mut().expect("open");
        let ann = session.annotator.clone();
        let art = ArticleId::new(article);
        let t = Instant::now();
        let mark = session
            .case
            .new_mark(&ann, &art, range, &CategoryId::new("loaded"))
            .expect("mark");
        session.apply(
            Edit::AddMark {
                annotator: ann,
                article: art,
                mark,
            },
            "bench",
            None,
            win.time,
        );
        win.frame(app);
        total += t.elapsed();
        // Grades computed off the UI thread are waited for outside the
        // timing, so every iteration starts from the same state.
        finish_work(win, app);
        let session = app.session.as_mut().expect("open");
        session.undo(win.time);
        session.save(win.time);
        win.frame(app);
        finish_work(win, app);
    }
    total
}

/// Draws frames until nothing runs off the UI thread (a view's grades).
fn finish_work(win: &mut Window, app: &mut CandorApp) {
    while app.working() {
        std::thread::yield_now();
        win.frame(app);
    }
}

/// Times adding one mark until the view shows grades that count it: the
/// frames drawn meanwhile and the worker's computing, `iters` times.
fn add_mark_until_graded(
    win: &mut Window,
    app: &mut CandorApp,
    article: &str,
    range: CharRange,
    iters: u64,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let t = Instant::now();
        let session = app.session.as_mut().expect("open");
        let ann = session.annotator.clone();
        let art = ArticleId::new(article);
        let mark = session
            .case
            .new_mark(&ann, &art, range, &CategoryId::new("loaded"))
            .expect("mark");
        session.apply(
            Edit::AddMark {
                annotator: ann,
                article: art,
                mark,
            },
            "bench",
            None,
            win.time,
        );
        win.frame(app);
        finish_work(win, app);
        total += t.elapsed();
        let session = app.session.as_mut().expect("open");
        session.undo(win.time);
        session.save(win.time);
        win.frame(app);
        finish_work(win, app);
    }
    total
}

fn settle(win: &mut Window, app: &mut CandorApp) {
    for _ in 0..2_000 {
        win.frame(app);
        let done = app.read_view.text_view.fully_laid_out() && !app.working();
        if done {
            break;
        }
    }
    finish_work(win, app);
    win.frame(app);
}

fn steady(c: &mut Criterion, name: &str, chars: usize, marks: usize, accesskit: bool) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path(), chars, marks);
    let mut app = app_on(&root);
    let mut win = Window::new();
    if accesskit {
        // What a screen reader (or a test harness) turns on.
        win.ctx.enable_accesskit();
    }
    settle(&mut win, &mut app);
    c.bench_function(name, |b| b.iter(|| win.frame(&mut app)));
}

fn frames(c: &mut Criterion) {
    steady(c, "steady frame, 5,000 chars, 50 marks", 5_000, 50, false);
    steady(
        c,
        "steady frame, 1,000,000 chars, 10,000 marks",
        1_000_000,
        10_000,
        false,
    );
    steady(
        c,
        "steady frame, 1,000,000 chars, 10,000 marks, AccessKit on",
        1_000_000,
        10_000,
        true,
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_case(dir.path(), 1_000_000, 10_000);

    {
        // A selection far into the text: snapping it must not scan from the start.
        let mut app = app_on(&root);
        let mut win = Window::new();
        let session = app.session.as_mut().expect("open");
        session.selection = Some(candor::gui::app::commands::Selection {
            anchor: candor::text::CharPos(900_003),
            head: candor::text::CharPos(900_047),
            exact: false,
        });
        settle(&mut win, &mut app);
        c.bench_function(
            "steady frame, 1,000,000 chars, 10,000 marks, a selection near the end",
            |b| b.iter(|| win.frame(&mut app)),
        );
    }

    let mut group = c.benchmark_group("1,000,000 chars, 10,000 marks");
    group.sample_size(10);
    group.bench_function("open the case and draw the first frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                let mut app = app_on(&root);
                let mut win = Window::new();
                win.frame(&mut app);
                total += t.elapsed();
            }
            total
        })
    });

    group.bench_function(
        "a frame while the rest of the text is laid out in the background",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let mut app = app_on(&root);
                    let mut win = Window::new();
                    win.frame(&mut app);
                    let t = Instant::now();
                    win.frame(&mut app);
                    total += t.elapsed();
                }
                total
            })
        },
    );

    let mut app = app_on(&root);
    let mut win = Window::new();
    let t = Instant::now();
    settle(&mut win, &mut app);
    eprintln!(
        "whole 1,000,000-char article laid out after opening in {:.0} ms of frames",
        t.elapsed().as_secs_f64() * 1000.0
    );
    group.sample_size(30);
    group.bench_function("add one mark and draw the frame", |b| {
        b.iter_custom(|iters| {
            add_mark_and_draw(&mut win, &mut app, "long", CharRange::new(100, 120), iters)
        })
    });
    group.finish();
}

/// A case of `articles` articles of `chars` chars with `marks` marks each,
/// and one claim holding the middle mark of every article.
fn make_compare_case(dir: &Path, articles: usize, chars: usize, marks: usize) -> PathBuf {
    let root = dir.join("compare-case");
    let mut case = Case::create(&root, "Bench").expect("create");
    let ann = AnnotatorId::new("bench");
    let cats = ["loaded", "attribution", "editorializing"];
    let mut claim = Vec::new();
    let mut next = 1;
    for a in 0..articles {
        let id = ArticleId::new(format!("outlet{a}"));
        // A different text per article: shift the word sequence.
        let text = invent_text(chars + a * 37);
        case.add_article(
            ArticleMeta {
                outlet: format!("Outlet {a}"),
                ..ArticleMeta::new(id.clone(), format!("Outlet {a} reports"))
            },
            &text,
        )
        .expect("article");
        let len = text.chars().count();
        let step = len / marks.max(1);
        let mut made = Vec::with_capacity(marks);
        for i in 0..marks {
            let start = i * step;
            let end = (start + 18).min(len);
            let m = case
                .mark_with_id(
                    MarkId(format!("m{next}")),
                    &id,
                    CharRange::new(start, end),
                    &CategoryId::new(cats[i % 3]),
                )
                .expect("mark");
            if i == marks / 2 {
                claim.push(m.id.clone());
            }
            next += 1;
            made.push(m);
        }
        *case.marks_mut(&ann, &id).expect("writable") = made;
    }
    case.links_mut(&ann).expect("links").claims.push(Claim {
        id: LinkId("c1".into()),
        label: "The same event".into(),
        marks: claim,
        note: String::new(),
    });
    case.save().expect("save");
    root
}

/// Side by side with four columns following a claim, and the claims view,
/// on four articles of 20,000 chars with 300 marks each.
fn compare_frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = make_compare_case(dir.path(), 4, 20_000, 300);
    let mut app = app_on(&root);
    let mut win = Window::new();
    win.frame(&mut app);
    app.follow(LinkRef::Claim(LinkId("c1".into())));
    assert_eq!(app.side_by_side.columns.len(), 4);
    for _ in 0..200 {
        win.frame(&mut app);
    }
    c.bench_function(
        "steady frame, side by side, 4 columns of 20,000 chars, 300 marks each",
        |b| b.iter(|| win.frame(&mut app)),
    );
    c.bench_function(
        "add one mark and draw the side-by-side frame (4 columns)",
        |b| {
            b.iter_custom(|iters| {
                add_mark_and_draw(&mut win, &mut app, "outlet1", CharRange::new(30, 44), iters)
            })
        },
    );
    app.view = View::Claims;
    win.frame(&mut app);
    c.bench_function("steady frame, claims view (tables cached)", |b| {
        b.iter(|| win.frame(&mut app))
    });
    c.bench_function(
        "add one mark and draw the claims view (tables rebuilt)",
        |b| {
            b.iter_custom(|iters| {
                add_mark_and_draw(&mut win, &mut app, "outlet2", CharRange::new(30, 44), iters)
            })
        },
    );
}

/// A case of `n` short articles, none marked: what the article list costs.
fn make_many_articles(dir: &Path, n: usize) -> PathBuf {
    let root = dir.join(format!("many-{n}"));
    let mut case = Case::create(&root, "Corpus").expect("create");
    for i in 0..n {
        case.add_article(
            ArticleMeta {
                outlet: format!("Outlet {}", i % 37),
                ..ArticleMeta::new(
                    ArticleId::new(format!("a{i:04}")),
                    format!("Report number {i}"),
                )
            },
            &invent_text(600),
        )
        .expect("article");
    }
    case.save().expect("save");
    root
}

/// The article list draws only the rows in view: a frame with 1,000
/// articles should cost about what one with 10 does.
fn article_list_frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    for n in [10, 1_000] {
        let root = make_many_articles(dir.path(), n);
        let mut app = app_on(&root);
        let mut win = Window::new();
        settle(&mut win, &mut app);
        c.bench_function(
            &format!("steady frame, article list of {n} articles"),
            |b| b.iter(|| win.frame(&mut app)),
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy's folder");
    for entry in std::fs::read_dir(from).expect("read the example case") {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("its type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// The Feedback and Class views on the example case (a key and two
/// students): a steady frame draws the grades built before; the frame
/// after an edit starts computing them again on a worker (a snapshot of
/// the case taken on the UI thread); and the time from the edit until the
/// new grades are shown.
fn grading_frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("northgate-dam");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam"),
        &root,
    );
    let mut state = State::default();
    state.annotators.insert(root.clone(), "amara".into());
    let mut app = CandorApp::new(state, Some(root));
    let mut win = Window::new();
    for (view, name) in [(View::Feedback, "feedback"), (View::Class, "class")] {
        app.view = view;
        settle(&mut win, &mut app);
        let built = app.grading.builds();
        c.bench_function(&format!("steady frame, {name} view (grades cached)"), |b| {
            b.iter(|| win.frame(&mut app))
        });
        assert_eq!(app.grading.builds(), built, "no grade built per frame");
        c.bench_function(
            &format!("add one mark and draw the {name} view (grades computed on a worker)"),
            |b| {
                b.iter_custom(|iters| {
                    add_mark_and_draw(&mut win, &mut app, "wire", CharRange::new(0, 6), iters)
                })
            },
        );
        c.bench_function(
            &format!("add one mark until the {name} view shows the new grades"),
            |b| {
                b.iter_custom(|iters| {
                    add_mark_until_graded(&mut win, &mut app, "wire", CharRange::new(0, 6), iters)
                })
            },
        );
    }
}

criterion_group!(
    benches,
    frames,
    compare_frames,
    article_list_frames,
    grading_frames
);
criterion_main!(benches);
