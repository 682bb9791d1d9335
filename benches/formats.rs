//! Articles in and marks out. Two targets:
//!
//! - exporting the example case (`annotations/northgate-dam`, every
//!   annotator) to each format, under 50 ms: measured as the files made in
//!   memory (`files::render`) and as the whole export written to a folder
//!   (`files::write`, each file through the atomic writer with its fsync);
//! - importing 100 saved web pages of about 100 KB each, under 2 s: the
//!   article extracted from each page (`import::read_file`), and the whole
//!   import into a case (texts written, `case.ron` saved).
//!
//! The pages are generated (fixed content, no randomness): a site's head
//! with scripts and styles, a navigation bar, a share bar, an article of
//! about 150 paragraphs with asides, and about 300 reader comments, so
//! Readability has to tell the article from the rest as on a real page.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use candor::case::Case;
use candor::export::files::{self, FileFormat};
use candor::import::{self, ImportOptions};
use criterion::{Criterion, criterion_group, criterion_main};

const PAGES: usize = 100;
const PAGE_BYTES: usize = 100_000;

fn example() -> Case {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    Case::open(&root).expect("the example case opens")
}

fn export(c: &mut Criterion) {
    let case = example();
    let mut g = c.benchmark_group("export_example_case");
    g.sample_size(20);
    for format in FileFormat::ALL {
        g.bench_function(format!("{}_render", format.name()), |b| {
            b.iter(|| black_box(files::render(&case, format, &[]).expect("rendered")))
        });
        let dir = tempfile::tempdir().expect("tempdir");
        g.bench_function(format!("{}_write", format.name()), |b| {
            b.iter(|| black_box(files::write(&case, format, &[], dir.path()).expect("written")))
        });
    }
    g.finish();
}

/// One saved news page of about `PAGE_BYTES`, different for each `n`.
fn page(n: usize) -> String {
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Dam camp cleared, report {n} | The Valley Tribune</title>\
<meta property=\"og:site_name\" content=\"The Valley Tribune\">\
<link rel=\"canonical\" href=\"https://tribune.example/{n}\">\
<meta property=\"article:published_time\" content=\"2026-03-03T07:45:00Z\">\
<style>body {{ font-family: serif }} .share {{ display: flex }}</style>\
<script>window.track = function () {{ return {n}; }};</script></head><body>\
<header><nav class=\"main-nav\"><ul>"
    );
    for i in 0..30 {
        html.push_str(&format!(
            "<li><a href=\"/section/{i}\">Section {i}</a></li>"
        ));
    }
    html.push_str("</ul></nav></header><div class=\"share-bar\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div>");
    html.push_str(&format!(
        "<main><article><h1>Dam camp cleared, report {n}</h1><p class=\"byline\">By Dana Reyes</p>"
    ));
    let mut p = 0;
    while html.len() < PAGE_BYTES * 6 / 10 {
        html.push_str(&format!(
            "<p>Paragraph {p} of report {n}: riot police swept through the protest camp at \
Northgate Dam before dawn, officials said, and the ministry called the operation \
&ldquo;proportionate&rdquo; while campaigners said they were given no warning at all. \
Residents of Eskdale, the village below the dam, said the plan to raise it by four metres \
would flood their farmland &amp; part of the village.</p>"
        ));
        if p % 20 == 10 {
            html.push_str("<aside class=\"related\"><h3>Related</h3><ul><li><a href=\"/a\">Dam repairs delayed</a></li></ul></aside>");
        }
        p += 1;
    }
    html.push_str("</article></main><section id=\"comments\" class=\"comments\">");
    let mut c = 0;
    while html.len() < PAGE_BYTES {
        html.push_str(&format!(
            "<div class=\"comment\"><p class=\"author\">reader{c}</p><p>Comment {c}: I was there and it was not like that at all.</p></div>"
        ));
        c += 1;
    }
    html.push_str("</section><footer><p>&copy; 2026 The Valley Tribune</p></footer></body></html>");
    html
}

fn write_pages(dir: &Path) -> Vec<PathBuf> {
    (0..PAGES)
        .map(|n| {
            let path = dir.join(format!("report-{n}.html"));
            std::fs::write(&path, page(n)).expect("written");
            path
        })
        .collect()
}

fn import_pages(c: &mut Criterion) {
    let pages_dir = tempfile::tempdir().expect("tempdir");
    let pages = write_pages(pages_dir.path());
    let opts = ImportOptions::default();
    // A sanity check outside the timing: every page gives its article.
    let first = import::read_file(&pages[0], &opts).expect("an article");
    assert!(first.text.contains("Paragraph 0 of report 0") && !first.text.contains("Comment 1:"));
    let mut g = c.benchmark_group("import_100_pages_of_100_kb");
    g.sample_size(10);
    g.bench_function("extract", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(import::read_file(p, &opts).expect("an article"));
            }
        })
    });
    g.bench_function("import_into_a_case", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("tempdir");
                let case = Case::create(&dir.path().join("case"), "Pages").expect("a case");
                (dir, case)
            },
            |(dir, mut case)| {
                for p in &pages {
                    import::import_file(&mut case, p, &opts).expect("imported");
                }
                case.save().expect("saved");
                drop(dir);
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, export, import_pages);
criterion_main!(benches);
