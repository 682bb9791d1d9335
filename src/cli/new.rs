//! `candor new`: an empty case with the default schema, titled after its
//! folder unless told otherwise.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::case::Case;

pub fn run(path: &Path, title: Option<String>) -> Result<ExitCode> {
    let title = title.unwrap_or_else(|| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled case".to_string())
    });
    Case::create(path, &title)?;
    eprintln!("created case {:?} in {}", title, path.display());
    Ok(ExitCode::SUCCESS)
}
