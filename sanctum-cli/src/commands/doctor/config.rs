//! Checks on the configuration files: every layer valid.

use sanctum_types::config::{LoadOptions, load};
use sanctum_types::paths::find_project_config;

use super::{Check, Facts};

/// The user file, the project file of the current directory and the environment overrides
/// all validate.
pub fn valid(facts: &Facts) -> Check {
    const NAME: &str = "config";
    let paths = &facts.paths;
    let project = facts
        .cwd
        .as_deref()
        .and_then(|cwd| find_project_config(cwd, &paths.home));
    let loaded = load(LoadOptions {
        user_file: &paths.config_file,
        project_file: project.as_deref(),
        use_env: true,
    });
    match loaded {
        Ok(effective) => {
            let user = if effective.user_file_present {
                format!("{} is valid", paths.config_file.display())
            } else {
                format!(
                    "no user file at {} (the built-in defaults apply)",
                    paths.config_file.display()
                )
            };
            let project = project
                .map(|project| format!("; project {} is valid", project.display()))
                .unwrap_or_default();
            Check::pass(NAME, format!("{user}{project}"))
        }
        Err(sanctum_types::Error::Config(problems)) => Check::fail(
            NAME,
            crate::output::sanitize_lines(problems.to_string().trim_end()),
            "fix every problem listed, then run `sanctum config validate`",
        ),
        Err(other) => Check::fail(
            NAME,
            other.to_string(),
            "make the file readable by you, or remove it to use the defaults",
        ),
    }
}
