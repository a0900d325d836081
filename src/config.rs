//! Presets and switching single fixes on and off in a [`Config`].
//!
//! `Config` keeps its two engine switches as plain fields (`repair_encoding`,
//! `fix_c1_controls`); every other fix lives in a private set reached through
//! [`Config::enabled`] and [`Config::set`], so that fix names from the command line
//! or a configuration file map onto a `Config` in one place.

use crate::fixes::{Fix, Preset, FIXES};
use crate::Config;

impl Config {
    /// The configuration of a preset: [`Preset::Safe`] (the same as
    /// `Config::default()`) or [`Preset::Ftfy`].
    ///
    /// ```
    /// use mojifix::{Config, Fix, Preset};
    /// assert_eq!(Config::preset(Preset::Safe), Config::default());
    /// assert!(Config::preset(Preset::Ftfy).enabled(Fix::CurlyQuotes));
    /// ```
    pub fn preset(preset: Preset) -> Config {
        let mut config = Config::default();
        for info in FIXES {
            config.set(info.fix, preset.includes(info.fix));
        }
        config
    }

    /// Whether `fix` is on.
    ///
    /// ```
    /// use mojifix::{Config, Fix};
    /// assert!(Config::default().enabled(Fix::Encoding));
    /// assert!(!Config::default().enabled(Fix::LineBreaks));
    /// ```
    pub fn enabled(&self, fix: Fix) -> bool {
        match fix {
            Fix::Encoding => self.repair_encoding,
            Fix::C1Controls => self.fix_c1_controls,
            other => self.fixes.contains(other),
        }
    }

    /// Turns `fix` on or off, on top of whatever preset the configuration started
    /// from.
    ///
    /// ```
    /// use mojifix::{fix_text, Config, Fix, Preset};
    /// let mut config = Config::preset(Preset::Ftfy);
    /// config.set(Fix::CurlyQuotes, false);
    /// assert_eq!(fix_text("“ﬁne”", &config).text(), "“fine”");
    /// ```
    pub fn set(&mut self, fix: Fix, on: bool) -> &mut Config {
        match fix {
            Fix::Encoding => self.repair_encoding = on,
            Fix::C1Controls => self.fix_c1_controls = on,
            other => self.fixes.set(other, on),
        }
        self
    }

    /// Whether any fix that runs outside the re-decoding engine is on.
    pub(crate) fn has_stage_fixes(&self) -> bool {
        self.fixes.has_stage_fixes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_follow_the_table() {
        for preset in [Preset::Safe, Preset::Ftfy] {
            let config = Config::preset(preset);
            for info in FIXES {
                assert_eq!(config.enabled(info.fix), preset.includes(info.fix));
            }
        }
        assert!(!Config::default().has_stage_fixes());
        assert!(Config::preset(Preset::Ftfy).has_stage_fixes());
    }

    #[test]
    fn single_fixes_switch_on_and_off() {
        let mut config = Config::default();
        config.set(Fix::Bom, true).set(Fix::Encoding, false);
        assert!(config.enabled(Fix::Bom) && !config.repair_encoding);
        config.set(Fix::Bom, false);
        assert!(!config.has_stage_fixes());
    }
}
