//! Project settings: `mojifix.toml`, or the `[tool.mojifix]` table of
//! `pyproject.toml`, found by walking up from the working directory (or named with
//! `--config`).
//!
//! ```toml
//! preset = "safe"            # safe | ftfy: the fixes to start from
//! normalize = "nfc"          # nfc | nfkc | none
//! max-layers = 4             # 0 to 16
//! fix = ["html-entities"]    # fixes to turn on, by name (see `mojifix::FIXES`)
//! no-fix = ["c1-controls"]   # fixes to turn off, by name
//! include = ["docs/**"]      # only these files (globs, relative to this file)
//! exclude = ["docs/mojibake-examples.md", "vendor"]
//! allow = ["CafÃ©"]          # text that is intentional: changes touching it are kept out
//! allow-regex = ["Ã[\\x80-\\xBF]"]
//! ```
//!
//! Every key is optional; command-line flags win over the file. In `pyproject.toml`
//! the same keys go under `[tool.mojifix]`, and a `pyproject.toml` without that table
//! is passed over while walking up. Unknown keys and bad values are errors naming the
//! file, line and column (`mojifix.toml:3:1: unknown field ...`), never ignored: a typo
//! in an exclude list must not silently rewrite the files it meant to protect.
//!
//! Globs (`globset` syntax: `*` also crosses `/`, `**` any depth) are matched against
//! the path relative to the directory of the settings file; a glob that matches a
//! directory covers everything below it.

use std::fs;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::suppress::Suppressions;
use crate::{Config, Fix, Fixed, Normalization, Preset};

/// The settings file's name.
pub const FILE_NAME: &str = "mojifix.toml";
/// The Python project file that may hold a `[tool.mojifix]` table.
pub const PYPROJECT: &str = "pyproject.toml";

/// The most layers `max-layers` accepts, as on the command line.
const MAX_LAYERS_LIMIT: i64 = 16;

/// An error reading or checking a settings file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SettingsError {
    /// The file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The settings file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML, has an unknown key, or a bad value.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The settings file.
        path: PathBuf,
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1, in characters.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// The settings of a run, built from a settings file (or the defaults).
///
/// ```
/// use mojifix::settings::Settings;
/// let settings = Settings::parse(
///     "mojifix.toml".as_ref(),
///     "normalize = \"none\"\nexclude = [\"vendor\"]\n",
/// ).unwrap();
/// assert_eq!(settings.config.normalization, mojifix::Normalization::None);
/// assert!(!settings.selects("vendor/lib/a.txt".as_ref()));
/// assert!(settings.selects("src/a.txt".as_ref()));
///
/// let error = Settings::parse("mojifix.toml".as_ref(), "\nnormalise = \"nfc\"\n").unwrap_err();
/// assert!(error.to_string().starts_with("mojifix.toml:2:1: unknown field `normalise`"));
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Settings {
    /// The file the settings came from, if any.
    pub source: Option<PathBuf>,
    /// What to repair.
    pub config: Config,
    /// Intentional mojibake to leave alone.
    pub suppressions: Suppressions,
    /// The preset the file names, if any (the fixes below are set on top of it).
    pub preset: Option<Preset>,
    /// Whether `normalize` was set (command-line flags still win over it).
    pub normalization_set: bool,
    /// Whether `max-layers` was set.
    pub max_layers_set: bool,
    root: PathBuf,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

/// The keys of a settings file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSettings {
    preset: Option<Spanned<String>>,
    normalize: Option<Spanned<String>>,
    max_layers: Option<Spanned<i64>>,
    fix: Option<Vec<Spanned<String>>>,
    no_fix: Option<Vec<Spanned<String>>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    allow: Option<Vec<String>>,
    allow_regex: Option<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTools>,
}

#[derive(Deserialize)]
struct PyprojectTools {
    mojifix: Option<RawSettings>,
}

impl Settings {
    /// Finds the settings file for `dir`: the first directory from `dir` upwards with a
    /// `mojifix.toml`, or a `pyproject.toml` holding `[tool.mojifix]`.
    pub fn discover(dir: &Path) -> Result<Option<PathBuf>, SettingsError> {
        for dir in dir.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Ok(Some(candidate));
            }
            let pyproject = dir.join(PYPROJECT);
            if pyproject.is_file() && has_mojifix_table(&read(&pyproject)?) {
                return Ok(Some(pyproject));
            }
        }
        Ok(None)
    }

    /// Reads the settings file at `path` (`pyproject.toml` files are read for their
    /// `[tool.mojifix]` table).
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        Settings::parse(path, &read(path)?)
    }

    /// Parses settings from `text`, the contents of the file `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Settings, SettingsError> {
        let invalid = |span: Option<Range<usize>>, message: String| {
            let (line, column) = line_column(text, span.map_or(0, |s| s.start));
            SettingsError::Invalid {
                path: path.to_path_buf(),
                line,
                column,
                message,
            }
        };
        let toml_error = |e: toml::de::Error| invalid(e.span(), e.message().trim().to_string());
        let raw = if path.file_name() == Some(PYPROJECT.as_ref()) {
            let project: Pyproject = toml::from_str(text).map_err(toml_error)?;
            project.tool.and_then(|t| t.mojifix).unwrap_or_default()
        } else {
            toml::from_str::<RawSettings>(text).map_err(toml_error)?
        };
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut settings = Settings {
            source: Some(path.to_path_buf()),
            root,
            ..Settings::default()
        };
        settings.apply(raw, &invalid)?;
        Ok(settings)
    }

    fn apply(
        &mut self,
        raw: RawSettings,
        invalid: &dyn Fn(Option<Range<usize>>, String) -> SettingsError,
    ) -> Result<(), SettingsError> {
        if let Some(name) = raw.preset {
            let preset: Preset = name
                .get_ref()
                .parse()
                .map_err(|e: crate::UnknownName| invalid(Some(name.span()), e.to_string()))?;
            self.config = Config::preset(preset);
            self.preset = Some(preset);
        }
        if let Some(form) = raw.normalize {
            self.config.normalization = form
                .get_ref()
                .parse::<Normalization>()
                .map_err(|e| invalid(Some(form.span()), e.to_string()))?;
            self.normalization_set = true;
        }
        if let Some(layers) = raw.max_layers {
            let value = *layers.get_ref();
            if !(0..=MAX_LAYERS_LIMIT).contains(&value) {
                let message = format!("max-layers must be 0 to {MAX_LAYERS_LIMIT}, not {value}");
                return Err(invalid(Some(layers.span()), message));
            }
            self.config.max_layers = value as u8;
            self.max_layers_set = true;
        }
        for (names, on) in [(raw.fix, true), (raw.no_fix, false)] {
            for name in names.unwrap_or_default() {
                set_fix(&mut self.config, name.get_ref(), on)
                    .map_err(|message| invalid(Some(name.span()), message))?;
            }
        }
        self.include = globs(raw.include, invalid)?;
        self.exclude = globs(raw.exclude, invalid)?;
        let strings = raw.allow.unwrap_or_default();
        let regexes = raw.allow_regex.unwrap_or_default();
        for r in &regexes {
            regex::Regex::new(r.get_ref()).map_err(|e| {
                invalid(
                    Some(r.span()),
                    format!("bad allow-regex: {}", one_line(&e.to_string())),
                )
            })?;
        }
        let regexes: Vec<String> = regexes.into_iter().map(Spanned::into_inner).collect();
        self.suppressions = Suppressions::new(&strings, &regexes).map_err(|e| {
            invalid(
                None,
                format!("bad allow-regex: {}", one_line(&e.to_string())),
            )
        })?;
        Ok(())
    }

    /// Repairs `text` with these settings: the configured repair, then the
    /// suppressions (`mojifix: ignore` lines, the allowlist).
    ///
    /// ```
    /// use mojifix::settings::Settings;
    /// let settings = Settings::parse("mojifix.toml".as_ref(), "allow = [\"CafÃ©\"]").unwrap();
    /// assert_eq!(settings.fix("CafÃ© FranÃ§ais").text(), "CafÃ© Français");
    /// ```
    pub fn fix<'a>(&self, text: &'a str) -> Fixed<'a> {
        self.suppressions
            .apply(text, crate::fix_text(text, &self.config))
    }

    /// Whether the file `path` (as given on the command line or found in a walk) is
    /// one the settings want processed: inside `include` when that is set, and not
    /// inside `exclude`.
    pub fn selects(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        let covered = |set: &GlobSet| {
            relative
                .ancestors()
                .any(|p| !p.as_os_str().is_empty() && set.is_match(p))
        };
        if let Some(exclude) = &self.exclude {
            if covered(exclude) {
                return false;
            }
        }
        self.include.as_ref().is_none_or(covered)
    }

    /// `path` relative to the settings file's directory when it lies below it, else
    /// as given, without `.` components.
    fn relative(&self, path: &Path) -> PathBuf {
        let clean = |p: &Path| -> PathBuf {
            p.components()
                .filter(|c| !matches!(c, Component::CurDir))
                .collect()
        };
        let path = clean(path);
        let root = clean(&self.root);
        if path.is_absolute() == root.is_absolute() {
            if let Ok(rest) = path.strip_prefix(&root) {
                return rest.to_path_buf();
            }
        }
        if let (Ok(abs_path), Ok(abs_root)) =
            (std::path::absolute(&path), std::path::absolute(&root))
        {
            if let Ok(rest) = abs_path.strip_prefix(&abs_root) {
                return rest.to_path_buf();
            }
        }
        path
    }
}

/// Turns the fix called `name` on or off. The names are those of the fix table
/// ([`crate::FIXES`]), as `--fix` and `--no-fix` take them.
fn set_fix(config: &mut Config, name: &str, on: bool) -> Result<(), String> {
    let fix: Fix = name
        .parse()
        .map_err(|e: crate::UnknownName| e.to_string())?;
    config.set(fix, on);
    Ok(())
}

fn globs(
    patterns: Option<Vec<Spanned<String>>>,
    invalid: &dyn Fn(Option<Range<usize>>, String) -> SettingsError,
) -> Result<Option<GlobSet>, SettingsError> {
    let Some(patterns) = patterns else {
        return Ok(None);
    };
    let mut builder = GlobSetBuilder::new();
    for pattern in &patterns {
        let glob = Glob::new(pattern.get_ref().trim_end_matches('/'))
            .map_err(|e| invalid(Some(pattern.span()), format!("bad glob: {}", e.kind())))?;
        builder.add(glob);
    }
    let set = builder
        .build()
        .map_err(|e| invalid(None, format!("bad glob: {e}")))?;
    Ok(Some(set))
}

fn read(path: &Path) -> Result<String, SettingsError> {
    fs::read_to_string(path).map_err(|source| SettingsError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Whether a `pyproject.toml` has a `[tool.mojifix]` table. A file that does not parse
/// counts as having one when it mentions it, so that its error is reported rather
/// than the file silently passed over.
fn has_mojifix_table(text: &str) -> bool {
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => table.get("tool").and_then(|t| t.get("mojifix")).is_some(),
        Err(_) => text.contains("tool.mojifix"),
    }
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Settings, SettingsError> {
        Settings::parse(Path::new("proj/mojifix.toml"), text)
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn every_key() {
        let ftfy =
            parse("preset = \"ftfy\"\nno-fix = [\"curly-quotes\"]\nfix = [\"bom\"]").unwrap();
        assert!(ftfy.config.enabled(Fix::LineBreaks) && !ftfy.config.enabled(Fix::CurlyQuotes));
        assert_eq!(ftfy.preset, Some(Preset::Ftfy));
        assert!(error("preset = \"strict\"").starts_with("proj/mojifix.toml:1:10: unknown preset"));
        let s = parse(
            "normalize = \"nfkc\"\nmax-layers = 2\nno-fix = [\"c1-controls\"]\n\
             include = [\"docs/**\"]\nexclude = [\"docs/old/\"]\n\
             allow = [\"CafÃ©\"]\nallow-regex = [\"Ã.\"]\n",
        )
        .unwrap();
        assert_eq!(s.config.normalization, Normalization::Nfkc);
        assert_eq!(s.config.max_layers, 2);
        assert!(!s.config.fix_c1_controls);
        assert!(s.selects(Path::new("proj/docs/a.md")));
        assert!(s.selects(Path::new("./proj/docs/sub/a.md")));
        assert!(!s.selects(Path::new("proj/docs/old/a.md")));
        assert!(!s.selects(Path::new("proj/src/a.rs")));
    }

    #[test]
    fn errors_name_file_line_and_column() {
        assert_eq!(
            error("normalize = \"nfc\"\nmax-layers = 40\n"),
            "proj/mojifix.toml:2:14: max-layers must be 0 to 16, not 40"
        );
        assert_eq!(
            error("fix = [\"encoding\", \"smart\"]"),
            format!(
                "proj/mojifix.toml:1:20: {}",
                "smart".parse::<Fix>().unwrap_err()
            )
        );
        assert!(error("normalize = \"nfd\"")
            .starts_with("proj/mojifix.toml:1:13: unknown normalization"));
        assert!(error("exclude = [\"a[\"]").starts_with("proj/mojifix.toml:1:12: bad glob"));
        assert!(
            error("allow-regex = [\"(\"]").starts_with("proj/mojifix.toml:1:16: bad allow-regex")
        );
        assert!(error("max-layers = \"x\"").starts_with("proj/mojifix.toml:1:14: invalid type"));
        assert!(error("[x\n").starts_with("proj/mojifix.toml:1:"));
    }

    #[test]
    fn unknown_keys_are_errors() {
        let e = error("# settings\nexlude = [\"a\"]\n");
        assert!(
            e.starts_with("proj/mojifix.toml:2:1: unknown field `exlude`"),
            "{e}"
        );
        assert!(!e.contains('\n'), "{e}");
    }

    #[test]
    fn pyproject_table() {
        let text = "[project]\nname = \"x\"\n\n[tool.mojifix]\nnormalize = \"none\"\ncolour = 1\n";
        let e = Settings::parse(Path::new("pyproject.toml"), text).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("pyproject.toml:6:1: unknown field `colour`"),
            "{e}"
        );
        let ok = Settings::parse(
            Path::new("pyproject.toml"),
            &text.replace("colour = 1\n", ""),
        )
        .unwrap();
        assert_eq!(ok.config.normalization, Normalization::None);
        assert!(has_mojifix_table(text));
        assert!(!has_mojifix_table("[tool.black]\nline-length = 1\n"));
    }

    #[test]
    fn discovery_walks_up_and_skips_foreign_pyprojects() {
        let dir = std::env::temp_dir().join(format!("mojifix-settings-{}", std::process::id()));
        let deep = dir.join("a").join("b");
        fs::create_dir_all(&deep).unwrap();
        fs::write(dir.join(FILE_NAME), "").unwrap();
        fs::write(dir.join("a").join(PYPROJECT), "[tool.black]\n").unwrap();
        assert_eq!(
            Settings::discover(&deep).unwrap(),
            Some(dir.join(FILE_NAME))
        );
        fs::write(dir.join("a").join(PYPROJECT), "[tool.mojifix]\n").unwrap();
        assert_eq!(
            Settings::discover(&deep).unwrap(),
            Some(dir.join("a").join(PYPROJECT))
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
