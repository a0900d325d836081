//! The `sarif` format: one SARIF 2.1.0 log (the format code-scanning services read),
//! written when the run ends. Every finding is a result with its region (lines,
//! columns in Unicode code points as `columnKind` says, byte offset and length) and a
//! fix that replaces the bytes; unreadable files are tool execution notifications.

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{FileReport, Finding, Mode, Renderer, Summary};

const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The rules, by the kind of the first step of a finding's chain.
const RULES: [(&str, &str, &str, &str); 5] = [
    (
        "mojibake",
        "redecode",
        "Mojibake",
        "Text whose UTF-8 bytes were decoded with the wrong code page.",
    ),
    (
        "c1-control",
        "c1_control",
        "C1Control",
        "A C1 control character that stood for a windows-1252 character.",
    ),
    (
        "normalization",
        "normalize",
        "Normalization",
        "Text not in the configured Unicode normalization form.",
    ),
    (
        "other",
        "other",
        "OtherFix",
        "Another repair mojifix makes.",
    ),
    (
        "whole-file",
        "file",
        "WholeFile",
        "A change to the whole file: its encoding, byte order mark or invalid bytes.",
    ),
];

/// Index of the rule for findings of kinds newer than this renderer.
const OTHER_RULE: usize = 3;
/// Index of the rule for changes to a whole file.
const WHOLE_FILE_RULE: usize = 4;

/// Writes the log as the run goes, one result per line, so that memory does not grow
/// with the number of findings: the log's head (tool, rules) before the first result,
/// the invocation with its notifications at the end.
pub(super) struct SarifRenderer {
    level: &'static str,
    head_written: bool,
    results_written: usize,
    notifications: Vec<Value>,
}

impl SarifRenderer {
    pub(super) fn new(mode: Mode) -> Self {
        SarifRenderer {
            level: if mode == Mode::Write { "note" } else { "error" },
            head_written: false,
            results_written: 0,
            notifications: Vec::new(),
        }
    }

    fn head(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.head_written {
            write!(
                out,
                "{{\"$schema\":{},\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{},\"columnKind\":\"unicodeCodePoints\",\"results\":[",
                serde_json::to_string(SCHEMA_URI)?,
                serde_json::to_string(&json!({ "driver": driver() }))?
            )?;
            self.head_written = true;
        }
        Ok(())
    }

    fn emit(&mut self, out: &mut dyn Write, mut result: Value) -> io::Result<()> {
        self.head(out)?;
        result["level"] = json!(self.level);
        out.write_all(if self.results_written == 0 {
            b"\n"
        } else {
            b",\n"
        })?;
        serde_json::to_writer(&mut *out, &result)?;
        self.results_written += 1;
        Ok(())
    }
}

impl Renderer for SarifRenderer {
    fn findings(&mut self, out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
        for finding in findings {
            self.emit(out, result(finding))?;
        }
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
        for note in &file.notes {
            let result = json!({
                "ruleId": RULES[WHOLE_FILE_RULE].0,
                "ruleIndex": WHOLE_FILE_RULE,
                "message": { "text": note },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&file.path) } } }],
            });
            self.emit(out, result)?;
        }
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, path: &str, message: &str) -> io::Result<()> {
        self.notifications.push(json!({
            "level": "error",
            "message": { "text": format!("{path}: {message}") },
            "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(path) } } }],
        }));
        Ok(())
    }

    fn finish(
        &mut self,
        out: &mut dyn Write,
        _side: &mut dyn Write,
        summary: &Summary,
    ) -> io::Result<()> {
        self.head(out)?;
        let invocation = json!({
            "executionSuccessful": summary.errors == 0,
            "toolExecutionNotifications": self.notifications,
        });
        write!(
            out,
            "\n],\"invocations\":[{}]}}]}}\n",
            serde_json::to_string(&invocation)?
        )
    }
}

fn driver() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|(id, _, name, description)| {
            json!({
                "id": id,
                "name": name,
                "shortDescription": { "text": description },
                "defaultConfiguration": { "level": "error" },
            })
        })
        .collect();
    json!({
        "name": "mojifix",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    })
}

fn result(finding: &Finding) -> Value {
    // Both kinds of wrong decoding are mojibake.
    let kind = match finding.chain.first().map_or("other", |s| s.kind.as_str()) {
        "legacy" => "redecode",
        kind => kind,
    };
    let index = RULES
        .iter()
        .position(|(_, k, _, _)| *k == kind)
        .unwrap_or(OTHER_RULE);
    let location = json!({ "uri": uri(&finding.path) });
    let byte_length = finding.byte_range.end - finding.byte_range.start;
    json!({
        "ruleId": RULES[index].0,
        "ruleIndex": index,
        "message": { "text": finding.message() },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": location,
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.line,
                    "endColumn": finding.end_column,
                    "byteOffset": finding.byte_range.start,
                    "byteLength": byte_length,
                    "snippet": { "text": finding.before },
                },
            },
        }],
        "fixes": [{
            "description": { "text": format!("Replace with {}", super::quote(&finding.after)) },
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{
                    "deletedRegion": {
                        "byteOffset": finding.byte_range.start,
                        "byteLength": byte_length,
                    },
                    "insertedContent": { "text": finding.after },
                }],
            }],
        }],
        "properties": {
            "confidence": finding.confidence,
            "explanation": finding.explanation,
            "chain": finding.chain,
        },
    })
}

/// A path as a relative URI reference (forward slashes, percent-encoded), or a `file:`
/// URI for an absolute path.
fn uri(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("docs/a b.md"), "docs/a%20b.md");
        assert_eq!(uri("/tmp/é"), "file:///tmp/%C3%A9");
        assert_eq!(uri("dir\\x#1"), "dir/x%231");
        assert_eq!(uri("./a.md"), "a.md");
    }
}
