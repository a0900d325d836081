//! `--explain`: each change spelled out for a person who wants to understand it — the
//! code points before and after with their Unicode names, the bytes at each step of
//! the damage, and the confidence.

use std::io::{self, Write};

use super::{quote, Finding};
use crate::codec::CodePage;

/// `U+00E9 LATIN SMALL LETTER E WITH ACUTE`; controls, which have no name, are shown
/// as `<control>`, unassigned code points as `<unnamed>`.
///
/// ```
/// assert_eq!(mojifix::report::describe_char('é'), "U+00E9 LATIN SMALL LETTER E WITH ACUTE");
/// assert_eq!(mojifix::report::describe_char('\u{85}'), "U+0085 <control>");
/// ```
pub fn describe_char(c: char) -> String {
    let name = match unicode_names2::name(c) {
        Some(name) => name.to_string(),
        None if c.is_control() => "<control>".to_string(),
        None => "<unnamed>".to_string(),
    };
    format!("U+{:04X} {name}", u32::from(c))
}

/// Writes the explanation of each finding.
///
/// ```
/// use mojifix::{fix_text, Config};
/// use mojifix::report::{findings, write_explanation};
///
/// let text = "CĂ©line";
/// let fixed = fix_text(text, &Config::default());
/// let mut out = Vec::new();
/// write_explanation(&mut out, &findings("<string>", text, fixed.changes())).unwrap();
/// let out = String::from_utf8(out).unwrap();
/// assert!(out.contains("U+0102 LATIN CAPITAL LETTER A WITH BREVE"));
/// assert!(out.contains(r#""é" as UTF-8 is C3 A9, read as windows-1250: "Ă©""#));
/// ```
pub fn write_explanation(out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    for (i, finding) in findings.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(
            out,
            "{}:{}:{}: {} -> {}",
            finding.path,
            finding.line,
            finding.column,
            quote(&finding.before),
            quote(&finding.after)
        )?;
        write_code_points(out, "before", &finding.before)?;
        write_code_points(out, "after", &finding.after)?;
        match damage_stages(finding) {
            Some(stages) => {
                for (n, stage) in stages.iter().enumerate() {
                    writeln!(out, "  {:<11}{stage}", format!("step {}", n + 1))?;
                }
            }
            None => {
                for (n, step) in finding.chain.iter().enumerate() {
                    writeln!(out, "  {:<11}{}", format!("step {}", n + 1), step.text)?;
                }
            }
        }
        writeln!(out, "  {:<11}{:.2}", "confidence", finding.confidence)?;
    }
    Ok(())
}

fn write_code_points(out: &mut dyn Write, label: &str, text: &str) -> io::Result<()> {
    for (i, c) in text.chars().enumerate() {
        let label = if i == 0 { label } else { "" };
        writeln!(out, "  {label:<11}{}", describe_char(c))?;
    }
    Ok(())
}

/// Each layer of damage replayed from the repaired text: `"é" as UTF-8 is C3 A9, read
/// as windows-1250: "Ă©"`. Only for chains made of lossless re-decodings, and only
/// when the replay gives back exactly the text that was found (otherwise the chain's
/// phrases are shown instead).
fn damage_stages(finding: &Finding) -> Option<Vec<String>> {
    let mut stages = Vec::new();
    let mut text = finding.after.clone();
    for step in &finding.chain {
        if step.kind != "redecode" || step.lossy != Some(false) {
            return None;
        }
        let page = CodePage::from_label(step.page.as_deref()?)?;
        let damaged: String = text
            .bytes()
            .map(|b| page.decode_byte(b))
            .collect::<Option<String>>()?;
        let bytes: Vec<String> = text.bytes().map(|b| format!("{b:02X}")).collect();
        stages.push(format!(
            "{} as UTF-8 is {}, read as {}: {}",
            quote(&text),
            bytes.join(" "),
            page.name(),
            quote(&damaged)
        ));
        text = damaged;
    }
    (text == finding.before && !stages.is_empty()).then_some(stages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::findings;
    use crate::{fix_text, Config};

    fn explain(text: &str) -> String {
        let fixed = fix_text(text, &Config::default());
        let mut out = Vec::new();
        write_explanation(&mut out, &findings("s", text, fixed.changes())).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn two_layers_are_replayed() {
        let out = explain("ÃƒÂ©t");
        assert!(out.contains("step 2"), "{out}");
        assert!(out.contains(r#"read as windows-1252: "Ã©""#), "{out}");
    }

    #[test]
    fn c1_controls_have_no_replay() {
        let out = explain("a\u{85}");
        assert!(out.contains("U+0085 <control>"), "{out}");
        assert!(out.contains("U+2026 HORIZONTAL ELLIPSIS"), "{out}");
        assert!(
            out.contains("step 1     C1 control that was windows-1252"),
            "{out}"
        );
    }
}
