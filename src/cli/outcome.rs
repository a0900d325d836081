//! The one value every mode consumes: what became of one input.
//!
//! Reading, decoding and repairing happen before any mode sees a file (in parallel
//! when there are many), so a mode only decides what to do with an [`Outcome`]:
//! print it, write it back, report it. Whether a file needs rewriting is decided
//! once, by [`Text::changed`], from `Fixed::changed()`.

use std::fmt;
use std::path::{Path, PathBuf};

use mojifix::{Error, Fixed};

/// Where an input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-` or no argument).
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

impl Source {
    /// `-` is standard input; anything else is a path.
    pub fn from_arg(arg: &Path) -> Source {
        if arg == Path::new("-") {
            Source::Stdin
        } else {
            Source::File(arg.to_path_buf())
        }
    }

    /// The path, for files.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File(path) => Some(path),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("<stdin>"),
            Source::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// What became of one input.
#[derive(Debug)]
pub struct Outcome {
    /// Where it came from.
    #[allow(dead_code, reason = "named in notes by the write mode")]
    pub source: Source,
    /// Its repaired text, or why there is none.
    pub body: Body,
}

/// The result of reading and repairing one input.
#[derive(Debug)]
pub enum Body {
    /// The input was read, decoded and repaired.
    Text(Text),
    /// The input could not be read or decoded; reported, and the run exits 2.
    Failed(Error),
}

/// A decoded and repaired input.
#[derive(Debug)]
pub struct Text {
    /// The decoded text, as read.
    #[allow(dead_code, reason = "read by the diff and check modes")]
    pub original: String,
    /// The repair of `original`.
    pub fixed: Fixed<'static>,
}

impl Text {
    /// Repairs `original`.
    pub fn repair(original: String, config: &mojifix::Config) -> Text {
        let fixed = mojifix::fix_text(&original, config).into_owned();
        Text { original, fixed }
    }

    /// Whether writing this text back would change the file.
    pub fn changed(&self) -> bool {
        self.fixed.changed()
    }
}
