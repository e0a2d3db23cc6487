//! The check that keeps the domain readable from the bottom up (see the module docs of
//! `domain`): every file of a layer folder uses only its own layer and the ones below, and
//! no two files use each other, directly or through others. Test code (`#[cfg(test)]`
//! items and `testing/`) may use any layer: a rule's test may build a whole exchange.
//!
//! It reads the sources as text: `crate::domain::<layer>::<module>` and, between files of
//! one folder, `super::<module>`. A path that climbs with `super::super` is refused, so no
//! import escapes the check.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first.
const LAYERS: [&str; 8] = [
    "support", "records", "exchange", "deal", "org", "lists", "transfer", "present",
];

/// A file of the domain: its module (`deal/commands`, `exchange/mod`) and its source.
struct Source {
    module: String,
    text: String,
}

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

/// The source without its `#[cfg(test)]` items. rustfmt puts an item's closing brace at the
/// indentation of its attribute, so an item ends at the first line that closes at that depth.
fn without_tests(text: &str) -> String {
    let mut kept = String::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed != "#[cfg(test)]" {
            kept.push_str(line);
            kept.push('\n');
            continue;
        }
        let indent = &line[..line.len() - trimmed.len()];
        for item in lines.by_ref() {
            let t = item.trim_end();
            if t.starts_with(indent) && !t[indent.len()..].starts_with(char::is_whitespace) {
                let rest = &t[indent.len()..];
                if rest.starts_with('#') {
                    continue;
                }
                if rest.ends_with(';') || rest.starts_with('}') {
                    break;
                }
            }
        }
    }
    kept
}

/// A module's path for a file: `deal/rules` for `deal/rules.rs`, `deal/commands` for
/// `deal/commands/mod.rs`.
fn module_of(file: &str) -> String {
    file.strip_suffix("/mod").unwrap_or(file).to_string()
}

/// The longest module that `words`, read from `base`, name: `deal::commands::decide` from the
/// domain is `deal/commands`.
fn resolve(base: &[&str], words: &[String], modules: &BTreeSet<String>) -> Option<String> {
    let mut path: Vec<&str> = base.to_vec();
    let mut found = (!path.is_empty()).then(|| path.join("/"));
    for w in words {
        path.push(w);
        let candidate = path.join("/");
        if !modules.contains(&candidate) {
            break;
        }
        found = Some(candidate);
    }
    found
}

/// The identifiers of a path after `at`: `deal::rules::Action` gives deal, rules, Action.
fn path_words(rest: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut rest = rest;
    loop {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if word.is_empty() {
            break;
        }
        rest = &rest[word.len()..];
        words.push(word);
        match rest.strip_prefix("::") {
            Some(more) => rest = more,
            None => break,
        }
    }
    words
}

/// Whether the text before a path is the end of a longer path or identifier.
fn continues(before: &str) -> bool {
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '$')
}

/// The modules a source uses.
fn uses(source: &Source, modules: &BTreeSet<String>) -> Result<BTreeSet<String>, String> {
    let text = without_tests(&source.text);
    let own: Vec<&str> = source.module.split('/').collect();
    let parent = &own[..own.len() - 1];
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("crate::domain::") {
        let words = path_words(&text[at + "crate::domain::".len()..]);
        let layer = words.first().cloned().unwrap_or_default();
        if layer == "testing" {
            return Err(format!(
                "{} uses test code outside #[cfg(test)]",
                source.module
            ));
        }
        if rank(&layer).is_none() {
            return Err(format!(
                "{} uses domain::{layer}, which is no layer",
                source.module
            ));
        }
        found.extend(resolve(&[], &words, modules));
    }
    for (at, _) in text.match_indices("super::") {
        if continues(&text[..at]) {
            continue;
        }
        let rest = &text[at + "super::".len()..];
        if rest.starts_with("super::") || parent.is_empty() {
            return Err(format!(
                "{} reaches out of its folder with super::; name the layer: crate::domain::…",
                source.module
            ));
        }
        found.extend(resolve(parent, &path_words(rest), modules));
    }
    // A folder's own file uses its files by their names (`mod answer;`, `answer::accept`).
    for child in modules.iter().filter_map(|m| {
        m.strip_prefix(&format!("{}/", source.module))
            .filter(|c| !c.contains('/'))
    }) {
        let used = text
            .match_indices(&format!("{child}::"))
            .any(|(at, _)| !continues(&text[..at]));
        if used {
            found.insert(format!("{}/{child}", source.module));
        }
    }
    found.remove(&source.module);
    Ok(found)
}

/// Every upward use and every cycle, in words; empty when the layers hold.
fn problems(sources: &[Source]) -> Vec<String> {
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let mut graph = BTreeMap::new();
    let mut found = Vec::new();
    for source in sources {
        match uses(source, &modules) {
            Ok(targets) => {
                let own = source.module.split('/').next().and_then(rank);
                for target in &targets {
                    let theirs = target.split('/').next().and_then(rank);
                    if let (Some(own), Some(theirs)) = (own, theirs) {
                        if theirs > own {
                            found.push(format!(
                                "{} uses {target}, a layer above it ({} > {})",
                                source.module, LAYERS[theirs], LAYERS[own]
                            ));
                        }
                    }
                }
                graph.insert(source.module.clone(), targets);
            }
            Err(problem) => found.push(problem),
        }
    }
    found.extend(cycles(&graph));
    found
}

/// One cycle per strongly connected group of modules, as the path that closes it.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut reported = BTreeSet::new();
    let mut found = Vec::new();
    for start in graph.keys() {
        if reported.contains(start) {
            continue;
        }
        // Depth-first search for a path from start's uses back to start.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    reported.extend(path.iter().cloned());
                    found.push(format!("cycle: {} -> {start}", path.join(" -> ")));
                    stack.clear();
                    break;
                }
                if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
}

fn read(dir: &Path, prefix: &str, into: &mut Vec<Source>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if path.is_dir() {
            if name != "testing" {
                read(&path, &format!("{prefix}{name}/"), into);
            }
        } else if let Some(stem) = name.strip_suffix(".rs") {
            if !prefix.is_empty() {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                into.push(Source {
                    module: module_of(&format!("{prefix}{stem}")),
                    text,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(module: &str, text: &str) -> Source {
        Source {
            module: module.to_string(),
            text: text.to_string(),
        }
    }

    /// The problems of `files` in a domain that has every layer's folder.
    fn problems_of(files: Vec<Source>) -> Vec<String> {
        let mut all: Vec<Source> = LAYERS.iter().map(|l| source(l, "")).collect();
        all.extend(files);
        problems(&all)
    }

    #[test]
    fn the_domain_uses_only_layers_below_and_has_no_cycle() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
        let mut sources = Vec::new();
        read(&root, "", &mut sources);
        assert!(sources.len() > 30, "found {} domain files", sources.len());
        for layer in LAYERS {
            assert!(
                sources
                    .iter()
                    .any(|s| s.module.starts_with(&format!("{layer}/"))),
                "no folder for layer {layer}"
            );
        }
        let found = problems(&sources);
        assert!(found.is_empty(), "{}", found.join("\n"));
    }

    #[test]
    fn an_upward_use_is_found() {
        let found = problems_of(vec![
            source(
                "records/referral",
                "use crate::domain::deal::rules::Action;\n",
            ),
            source("deal/rules", "pub enum Action {}\n"),
        ]);
        assert_eq!(
            found,
            ["records/referral uses deal/rules, a layer above it (deal > records)"]
        );
    }

    #[test]
    fn a_cycle_inside_a_layer_is_found() {
        let found = problems_of(vec![
            source("deal/commands", "use super::notify::x;\n"),
            source("deal/notify", "use crate::domain::deal::rules::y;\n"),
            source("deal/rules", "fn f() { super::commands::z() }\n"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("cycle: deal/commands -> deal/notify -> deal/rules"));
    }

    #[test]
    fn test_code_may_use_any_layer_but_nothing_climbs_out_of_its_folder() {
        let tests_only = "pub fn f() {}\n\n#[cfg(test)]\nmod tests {\n    use crate::domain::present::forms::Form;\n}\n";
        assert!(problems_of(vec![
            source("support/ids", tests_only),
            source("present/forms", "")
        ])
        .is_empty());
        let climbs = problems_of(vec![source(
            "deal/rules",
            "use super::super::present::forms;\n",
        )]);
        assert_eq!(climbs.len(), 1);
        assert!(climbs[0].contains("super::"));
        let fixture = problems_of(vec![source(
            "deal/rules",
            "use crate::domain::testing::user;\n",
        )]);
        assert_eq!(fixture, ["deal/rules uses test code outside #[cfg(test)]"]);
    }
}
