//! `candor`: parse the command line, run it, print the whole cause chain of
//! any error once. Everything else lives in the library.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = candor::cli::Cli::parse();
    match candor::cli::run(cli, open_window) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`candor check big | head`) means the reader has
            // read enough, not that anything failed: stop quietly, as
            // ripgrep does.
            for cause in err.chain() {
                if let Some(io_err) = cause.downcast_ref::<io::Error>()
                    && io_err.kind() == io::ErrorKind::BrokenPipe
                {
                    return ExitCode::SUCCESS;
                }
            }
            // The chain may quote the case: no raw escape sequences.
            eprintln!("candor: {}", candor::export::printable(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(path: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    candor::gui::run(path)?;
    Ok(ExitCode::SUCCESS)
}

/// Built without the window: `candor` alone says what the command line can
/// do instead; `candor open CASE` fails, saying why, so a script or a
/// desktop entry does not take the help for an opened case.
#[cfg(not(feature = "gui"))]
fn open_window(path: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory;
    if let Some(path) = path {
        anyhow::bail!(
            "this candor was built without the window (the `gui` feature), so it cannot open {}; every other command works: see candor --help",
            path.display()
        );
    }
    candor::cli::Cli::command().print_help()?;
    Ok(ExitCode::SUCCESS)
}
