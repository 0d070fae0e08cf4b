//! `sanctum config show`: the effective configuration as TOML, optionally with the origin
//! of every value.

use std::fmt::Write as _;

use std::collections::BTreeMap;
use std::path::PathBuf;

use sanctum_types::config::schema::KEYS;
use sanctum_types::config::{EffectiveConfig, Origin, ValidConfig};
use serde::Serialize;

use crate::context::Context;
use crate::error::CliError;
use crate::exit::ExitStatus;
use crate::locations::load_config;
use crate::output::{Paint, Style, print, print_json};

/// Show the effective configuration.
///
/// Prints the configuration in force for the current directory — built-in defaults, the
/// user file, the project's .sanctum/config.toml (tighten-only) and environment overrides
/// combined — as TOML. Exits 3 if any layer is invalid.
#[derive(Debug, Clone, clap::Args)]
pub struct ShowArgs {
    /// End each line with a comment saying where the value comes from (default, a file and
    /// line, a project file, or an environment variable).
    #[arg(long)]
    pub show_origin: bool,
    /// Print JSON: `{"config": {...}, "origins": {"section.key": {...}}, ...}`.
    #[arg(long)]
    pub json: bool,
}

/// The JSON shape of `show --json`.
#[derive(Debug, Serialize)]
struct ShowJson<'a> {
    config: &'a ValidConfig,
    origins: &'a BTreeMap<&'static str, Origin>,
    user_file: PathBuf,
    user_file_present: bool,
    project_file: Option<&'a PathBuf>,
}

/// Loads every layer and prints the result.
///
/// # Errors
/// [`CliError::Config`] with every problem when a layer is invalid.
pub fn run(args: &ShowArgs, context: &Context) -> Result<ExitStatus, CliError> {
    let paths = context.paths()?;
    let effective = load_config(paths)?;
    if args.json {
        print_json(&ShowJson {
            config: &effective.config,
            origins: &effective.origins,
            user_file: paths.config_file.clone(),
            user_file_present: effective.user_file_present,
            project_file: effective.project_file.as_ref(),
        })?;
    } else {
        print(&render_toml(&effective, args.show_origin, context.stdout)?)?;
    }
    Ok(ExitStatus::Success)
}

/// The effective config as TOML, section by section in schema order. With `origins`, every
/// line ends with `# <origin>`, aligned.
///
/// # Errors
/// When a key of the schema is missing from the serialized config (a bug).
pub fn render_toml(
    effective: &EffectiveConfig,
    origins: bool,
    style: Style,
) -> Result<String, CliError> {
    let config = serde_json::to_value(&effective.config)?;
    let mut sections: Vec<(&str, Vec<(String, String)>)> = Vec::new();
    for spec in KEYS {
        let value = config
            .get(spec.section())
            .and_then(|section| section.get(spec.key()))
            .ok_or_else(|| {
                CliError::Internal(anyhow::anyhow!(
                    "`{}` is missing from the config",
                    spec.path
                ))
            })?;
        let line = format!("{} = {}", spec.key(), toml_value(value));
        let origin = effective
            .origins
            .get(spec.path)
            .map_or_else(|| "default".to_owned(), ToString::to_string);
        match sections.last_mut() {
            Some((section, lines)) if *section == spec.section() => lines.push((line, origin)),
            _ => sections.push((spec.section(), vec![(line, origin)])),
        }
    }
    let width = sections
        .iter()
        .flat_map(|(_, lines)| lines)
        .map(|(line, _)| line.chars().count())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (index, (section, lines)) in sections.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        text.push_str(&style.paint(&format!("[{section}]"), Paint::Bold));
        text.push('\n');
        for (line, origin) in lines {
            if origins {
                let comment = style.paint(&format!("# {origin}"), Paint::Dim);
                let _ = writeln!(text, "{line:<width$}  {comment}");
            } else {
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    Ok(text)
}

/// A JSON scalar as a TOML value.
fn toml_value(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => toml::Value::String(text.clone()).to_string(),
        serde_json::Value::Array(items) => {
            let items: Vec<String> = items.iter().map(toml_value).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use sanctum_types::config::{LoadOptions, load};

    use super::*;

    #[test]
    fn every_schema_key_is_shown_with_its_origin() {
        let dir = tempfile::tempdir().unwrap();
        let user = dir.path().join("config.toml");
        std::fs::write(&user, "[audit]\nkeep_files = 9\n").unwrap();
        let effective = load(LoadOptions {
            user_file: &user,
            project_file: None,
            use_env: false,
        })
        .unwrap();
        let text = render_toml(&effective, true, Style::new(false)).unwrap();
        for spec in KEYS {
            assert!(
                text.contains(&format!("\n{} = ", spec.key())),
                "{} missing:\n{text}",
                spec.path
            );
        }
        let keep = text
            .lines()
            .find(|line| line.starts_with("keep_files"))
            .unwrap();
        assert!(keep.starts_with("keep_files = 9 "), "{keep}");
        assert!(keep.ends_with(&format!("# {}:2", user.display())), "{keep}");
        let level = text
            .lines()
            .find(|line| line.starts_with("log_level"))
            .unwrap();
        assert!(level.starts_with("log_level = \"info\""), "{level}");
        assert!(level.ends_with("# default"), "{level}");
        assert!(text.starts_with("[daemon]\n"), "{text}");
        assert!(text.contains("\n\n[audit]\n"), "{text}");
    }

    #[test]
    fn without_origins_the_output_is_valid_toml() {
        let dir = tempfile::tempdir().unwrap();
        let effective = load(LoadOptions {
            user_file: &dir.path().join("none.toml"),
            project_file: None,
            use_env: false,
        })
        .unwrap();
        let text = render_toml(&effective, false, Style::new(false)).unwrap();
        let parsed: toml::Table = text.parse().unwrap();
        assert_eq!(parsed["daemon"]["max_connections"].as_integer(), Some(128));
    }
}
