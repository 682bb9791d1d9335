//! The HTML pages are safe to open whatever the case says: a case whose
//! texts, titles, notes, names and claims hold `<script>`, attribute
//! breakouts and `javascript:` links comes out as text. Checked twice: on
//! the page source here, and in a real browser (`pages_render_in_a_browser_*`,
//! which need Chromium and are run by `.ci/browser-check`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use candor::case::Case;
use candor::edit::Edit;
use candor::model::{AnnotatorId, Claim, LinkId, Links};

use crate::util::{candor, case_with, marked, ok};

/// What a hostile case tries: run a script (which would mark the page),
/// break out of an attribute, link to `javascript:`, load from the network.
const SCRIPT: &str =
    "<script>document.documentElement.setAttribute('data-pwned','script')</script>";
const BREAKOUT: &str = "\"><img src=\"http://127.0.0.1:9/x.png\" onerror=\"document.documentElement.setAttribute('data-pwned','img')\">";
const LINK: &str = "<a href=\"javascript:document.documentElement.setAttribute('data-pwned','link')\">read more</a>";

/// A case that puts the attacks everywhere a case has text: the article
/// text (so in every quote), titles, outlet, URL, the case title, category
/// names, notes and claim labels.
pub fn hostile_case(dir: &Path) -> PathBuf {
    let root = dir.join("hostile");
    let text = format!("Officials said {SCRIPT} and {BREAKOUT} then {LINK} end.");
    let mut case = case_with(&root, &[("wire", &text)]);
    {
        let m = case.manifest_mut().expect("writable");
        m.title = format!("Case {SCRIPT}");
        let a = &mut m.articles[0];
        a.title = format!("Title {BREAKOUT}");
        a.outlet = format!("Outlet {LINK}");
        a.url = "javascript:document.documentElement.setAttribute('data-pwned','url')".into();
    }
    case.schema_mut().expect("writable").categories[0].name = format!("Loaded {BREAKOUT}");
    let mark = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('[', "\\[")
            .replace(']', "\\]")
    };
    let note = |s: &str| s.replace('"', "\\\"");
    let key = format!(
        "[Officials said]{{attribution note=\"{}\"}} [{}]{{loaded note=\"{}\"}} and {} then [{}]{{editorializing note=\"{}\"}} end.",
        note(SCRIPT),
        mark(SCRIPT),
        note(BREAKOUT),
        mark(BREAKOUT),
        mark(LINK),
        note(LINK),
    );
    let student = format!(
        "[Officials said]{{loaded note=\"{}\"}} [{}]{{loaded}} and [{}]{{editorializing note=\"{}\"}} then {} end.",
        note(LINK),
        mark(SCRIPT),
        mark(BREAKOUT),
        note(SCRIPT),
        mark(LINK),
    );
    let key_ids = marked(&mut case, "key", "wire", &key);
    let student_ids = marked(&mut case, "amara", "wire", &student);
    for (who, ids) in [("key", key_ids), ("amara", student_ids)] {
        Edit::SetLinks {
            annotator: AnnotatorId::new(who),
            links: Links {
                claims: vec![Claim {
                    id: LinkId::new("c1"),
                    label: format!("Claim {SCRIPT}{BREAKOUT}"),
                    marks: ids[..1].to_vec(),
                    note: String::new(),
                }],
                ..Links::new()
            },
        }
        .apply(&mut case)
        .expect("links");
    }
    case.save().expect("saved");
    root
}

/// Writes the pages of `case` (relative to `cwd`) into `cwd/out`.
fn pages(cwd: &Path, case: &str, out: &str) -> Vec<PathBuf> {
    ok(&candor(
        &["grade", case, "--all", "--format", "html", "--out", out],
        cwd,
    ));
    let mut files: Vec<PathBuf> = fs::read_dir(cwd.join(out))
        .expect("the pages")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

#[test]
fn html_escapes_everything_the_case_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_case(dir.path());
    let files = pages(dir.path(), "hostile", "pages");
    assert_eq!(files.len(), 2, "{files:?}");
    for file in &files {
        let html = fs::read_to_string(file).expect("a page");
        for (tag, attrs) in tags(&html) {
            assert!(
                TAGS.contains(&tag.as_str()),
                "{}: a <{tag}> tag",
                file.display()
            );
            for (name, value) in attrs {
                assert!(
                    ATTRIBUTES.contains(&name.as_str()),
                    "{}: <{tag} {name}=...>",
                    file.display()
                );
                if name == "href" {
                    assert!(
                        value.starts_with('#')
                            || value.starts_with("student-")
                            || value == "index.html",
                        "{}: a link to {value:?}",
                        file.display()
                    );
                }
            }
        }
    }
    let amara = fs::read_to_string(dir.path().join("pages/student-amara.html")).expect("a page");
    // The attacks are there, as text the reader can see.
    assert!(
        amara.contains("&lt;script&gt;document.documentElement"),
        "the script as text"
    );
    assert!(amara.contains("title=\"&quot;&gt;&lt;img") || amara.contains("&quot;&gt;&lt;img"));
    assert!(amara.contains("javascript:document.documentElement.setAttribute(&#x27;data-pwned&#x27;,&#x27;url&#x27;)")
        || amara.contains("javascript:document.documentElement.setAttribute('data-pwned','url')"));
    assert!(
        amara.contains("&lt;a href=\"javascript:"),
        "the link as text"
    );
}

/// The only tags and attributes the pages are made of.
const TAGS: &[&str] = &[
    "!doctype", "html", "head", "meta", "title", "style", "body", "main", "nav", "a", "h1", "h2",
    "p", "b", "br", "section", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td",
    "div", "sup", "span",
];
const ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "class",
    "id",
    "href",
    "title",
];

/// Every tag of a page with its attributes, read as a browser would: text
/// holds no `<` (it is escaped), values are in double quotes, and the style
/// sheet is skipped. Closing tags are left out.
pub(crate) fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with('/') {
            continue;
        }
        let mut end = 0;
        let mut quoted = false;
        for (i, c) in rest.char_indices() {
            match c {
                '"' => quoted = !quoted,
                '>' if !quoted => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let inside = &rest[..end];
        let name: String = inside
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let mut attrs = Vec::new();
        let mut a = inside[name.len()..].trim();
        if name == "!doctype" {
            a = "";
        }
        while !a.is_empty() {
            let key_end = a
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(a.len());
            let key = a[..key_end].to_lowercase();
            a = a[key_end..].trim_start();
            let mut value = String::new();
            if let Some(v) = a.strip_prefix("=\"") {
                let close = v.find('"').expect("a closing quote");
                value = v[..close].to_string();
                a = v[close + 1..].trim_start();
            }
            attrs.push((key, value));
        }
        rest = &rest[end..];
        if name == "style" {
            rest = &rest[rest.find("</style>").expect("the style ends")..];
        }
        out.push((name, attrs));
    }
    out
}

/// Chromium, run headless as root needs it, with every background request
/// of its own turned off (they would fill the network log).
pub(crate) fn chromium() -> Command {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]);
    c
}

/// What a browser did with a page: the DOM after load (so after any script
/// ran), and every request the page itself started.
pub(crate) struct Rendered {
    pub dom: String,
    pub page_requests: Vec<String>,
}

pub(crate) fn render(page: &Path, work: &Path) -> Rendered {
    let profile = tempfile::tempdir_in(work).expect("a profile folder");
    let netlog = work.join("net.json");
    let out = chromium()
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg("--virtual-time-budget=3000")
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "could not run Chromium ({e}): this check needs it; `.ci/browser-check` installs \
Debian's `chromium`, or set CHROMIUM to a Chromium binary"
            )
        });
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&netlog).expect("the network log")).expect("JSON");
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    // Chromium's own requests (it makes some even with background
    // networking off) have no origin; a page's have the page's.
    let page_requests = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"] == start_job && e["params"]["url"].is_string())
        .filter(|e| e["params"]["initiator"] != "not an origin")
        .map(|e| e["params"]["url"].to_string())
        .collect();
    Rendered {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        page_requests,
    }
}

/// Screenshots for a person to look at, beside the pages.
pub(crate) fn screenshot(page: &Path, work: &Path) {
    let profile = tempfile::tempdir_in(work).expect("a profile folder");
    let png = page.with_extension("png");
    let out = chromium()
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--window-size=1200,2000")
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success() && png.exists(),
        "no screenshot of {}",
        page.display()
    );
}

fn check_in_browser(case_dir: &Path, case: &str, keep: &str) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(keep);
    let _ = fs::remove_dir_all(&out);
    let files = pages(case_dir, case, out.to_str().expect("a UTF-8 path"));
    assert!(files.len() >= 2, "{files:?}");
    for page in &files {
        let r = render(page, case_dir);
        assert!(
            r.dom.contains("</table>"),
            "{} did not render:\n{}",
            page.display(),
            r.dom
        );
        // The attacks set `data-pwned` on the page if they run; as text
        // they only ever say `'data-pwned'`, in single quotes.
        assert!(
            !r.dom.contains("data-pwned=\""),
            "a script from the case ran in {}",
            page.display()
        );
        let lower = r.dom.to_lowercase();
        assert!(
            !lower.contains("<script") && !lower.contains("<img"),
            "{}",
            page.display()
        );
        assert!(
            r.page_requests.is_empty(),
            "{} made requests: {:?}",
            page.display(),
            r.page_requests
        );
        screenshot(page, case_dir);
    }
    eprintln!("pages and screenshots in {}", out.display());
}

#[test]
#[ignore = "needs Chromium; run by .ci/browser-check"]
fn pages_render_in_a_browser_for_the_example_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("annotations/northgate-dam");
    check_in_browser(
        dir.path(),
        example.to_str().expect("UTF-8"),
        "grade-pages/example",
    );
}

#[test]
#[ignore = "needs Chromium; run by .ci/browser-check"]
fn pages_render_in_a_browser_for_a_hostile_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    hostile_case(dir.path());
    check_in_browser(dir.path(), "hostile", "grade-pages/hostile");
    let case = Case::open(&dir.path().join("hostile")).expect("opens");
    assert!(case.article_text(&"wire".into()).is_some());
}
