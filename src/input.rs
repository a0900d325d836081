//! Reading input: the one place the library touches the file system.
//!
//! A path of `-` means standard input.

use std::io::Read;
use std::path::Path;

use crate::Error;

/// Reads a whole file (or stdin for `-`) as UTF-8 text.
///
/// ```no_run
/// let text = mojifix::input::read_text(std::path::Path::new("notes.txt"))?;
/// # Ok::<(), mojifix::Error>(())
/// ```
pub fn read_text(path: &Path) -> Result<String, Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(io_error)?;
        bytes
    } else {
        std::fs::read(path).map_err(io_error)?
    };
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}
