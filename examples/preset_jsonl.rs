//! Repairs JSON-encoded strings, one per line of standard input, with a preset, and
//! prints each result as a JSON string on its own line. Used by
//! `tools/ftfy_preset_check.py` to compare many cases in one process:
//!
//! ```sh
//! echo '"ﬁne “quotes”"' | cargo run --example preset_jsonl -- ftfy
//! ```

use std::io::{self, BufRead, Write};

use mojifix::{fix_text, Config, Preset};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let preset: Preset = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "safe".to_string())
        .parse()?;
    let config = Config::preset(preset);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for line in io::stdin().lock().lines() {
        let text: String = serde_json::from_str(&line?)?;
        let fixed = fix_text(&text, &config);
        writeln!(out, "{}", serde_json::to_string(fixed.text())?)?;
    }
    Ok(())
}
