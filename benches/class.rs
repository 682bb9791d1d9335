//! A class without git, on the example case (`annotations/northgate-dam`):
//!
//! - a hand-out (the student copy of 5 articles written, each file
//!   fsynced) and a hand-in (one student's 63 marks written as one file),
//!   each under 50 ms;
//! - collecting 300 hand-ins from one Canvas-style zip into a fresh copy
//!   of the case (reading the zip, parsing, merging, saving about 1,800
//!   files), well under 1.5 s.

use std::io::Write;
use std::path::Path;

use candor::case::Case;
use candor::class::collect::{self, CollectOptions};
use candor::class::gather;
use candor::class::handin::HandIn;
use candor::class::handout::{HandoutOptions, write_student_copy};
use candor::model::{AnnotatorId, Timestamp};
use candor::progress::Progress;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("list") {
        let path = entry.expect("entry").path();
        let dest = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy");
        }
    }
}

fn example() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/annotations/northgate-dam"
    ))
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("case");
    copy_dir(example(), &root);
    let mut case = Case::open(&root).expect("opens");
    let opts = HandoutOptions::default();
    // The first hand-out gives the case its id; later ones write over it.
    write_student_copy(&mut case, &dir.path().join("copy"), &opts).expect("handout");

    let mut group = c.benchmark_group("class");
    group.bench_function("handout_example_case", |b| {
        b.iter(|| write_student_copy(&mut case, &dir.path().join("copy"), &opts).expect("handout"))
    });
    let amara = AnnotatorId::new("amara");
    let out = dir.path().join("amara.candor-handin");
    group.bench_function("handin_example_case_63_marks", |b| {
        b.iter(|| {
            let h = HandIn::from_case(&case, &amara).expect("hand-in");
            h.write(&out).expect("written");
        })
    });

    // 300 students, from amara's and ben's work, in one Canvas zip.
    let zip_path = dir.path().join("submissions.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).expect("zip"));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..300 {
            let from = AnnotatorId::new(if i % 2 == 0 { "amara" } else { "ben" });
            let mut h = HandIn::from_case(&case, &from).expect("hand-in");
            h.student = AnnotatorId::new(format!("s{i:03}"));
            h.made = Timestamp("2026-03-05T10:00:00Z".into());
            zip.start_file(
                format!(
                    "s{i:03}_{}_{}_s{i:03}.candor-handin",
                    10_000 + i,
                    20_000 + i
                ),
                options,
            )
            .expect("entry");
            zip.write_all(h.to_ron().expect("ron").as_bytes())
                .expect("bytes");
        }
        zip.finish().expect("zip written");
    }
    group.sample_size(10);
    group.bench_function("collect_300_hand_ins_from_one_zip", |b| {
        b.iter_batched(
            || {
                let fresh = tempfile::tempdir().expect("temp dir");
                copy_dir(&root, fresh.path());
                fresh
            },
            |fresh| {
                let mut case = Case::open(fresh.path()).expect("opens");
                let found = gather::read_all(std::slice::from_ref(&zip_path), &Progress::none());
                let report =
                    collect::apply(&mut case, found, &CollectOptions::default()).expect("collect");
                assert_eq!(report.students().len(), 300);
                fresh
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
