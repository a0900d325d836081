//! The `mojifix` command: parses arguments, calls the library, maps the outcome to an
//! exit code. All the work is in the library.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
