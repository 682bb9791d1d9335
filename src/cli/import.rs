//! `candor import`: add text files to a case as articles. A file that
//! cannot be imported is reported and the others still are; the exit code
//! says whether any failed.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::args::{CaseArg, MetaArgs};
use super::{save, say};
use crate::import::{self, ImportOptions};

pub fn run(case: &CaseArg, files: &[PathBuf], meta: MetaArgs) -> Result<ExitCode> {
    let mut case = case.open()?;
    let opts = ImportOptions::from(meta);
    let mut failed = 0;
    for file in files {
        match import::import_file(&mut case, file, &opts) {
            Ok(id) => eprintln!("imported {} as article \"{id}\"", file.display()),
            Err(e) => {
                say(e);
                failed += 1;
            }
        }
    }
    save(&mut case)?;
    if failed > 0 {
        eprintln!("{failed} of {} file(s) not imported", files.len());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
