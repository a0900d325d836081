//! The library's error type. Repairing text cannot fail; only reading input can.

use std::path::PathBuf;

use crate::decode::DecodeError;

/// An error reading input. Its message names the input: `notes.txt: binary file (NUL
/// byte at offset 12)`.
///
/// ```
/// let error = mojifix::input::read_file(std::path::Path::new("no/such/file"), None).unwrap_err();
/// assert!(error.to_string().starts_with("no/such/file: "));
/// assert!(!error.is_binary());
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The input (`<stdin>` for standard input).
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The bytes could not be decoded as text.
    #[error("{path}: {source}")]
    Decode {
        /// The input (`<stdin>` for standard input).
        path: PathBuf,
        /// The cause.
        #[source]
        source: DecodeError,
    },
}

impl Error {
    /// Whether the input was refused as binary data: a reason to skip it, not a
    /// failure.
    pub fn is_binary(&self) -> bool {
        matches!(
            self,
            Error::Decode {
                source: DecodeError::Binary { .. },
                ..
            }
        )
    }

    /// The cause without the path, for callers that name the input themselves.
    pub fn cause(&self) -> String {
        match self {
            Error::Io { source, .. } => source.to_string(),
            Error::Decode { source, .. } => source.to_string(),
        }
    }
}
