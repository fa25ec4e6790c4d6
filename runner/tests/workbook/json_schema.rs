//! A JSON Schema (2020-12) validator for the keywords the autograder schemas
//! in `tests/fixtures/autograders/` use. Any other keyword is refused, so a
//! schema is never half-applied.

use std::path::Path;

use serde_json::{Map, Value};

/// A schema read from a file, with its `$defs` for local `$ref`s.
pub struct JsonSchema {
    root: Value,
}

const ANNOTATIONS: [&str; 5] = ["$schema", "$comment", "$defs", "title", "description"];

impl JsonSchema {
    /// Reads the schema at `path`.
    pub fn load(path: &Path) -> Self {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|error| panic!("reading `{}`: {error}", path.display()));
        let root = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("`{}` is not JSON: {error}", path.display()));
        Self { root }
    }

    /// Every violation of the schema in `document`, as `path: problem`.
    pub fn violations(&self, document: &Value) -> Vec<String> {
        let mut found = Vec::new();
        self.check(&self.root, document, "$", &mut found);
        found
    }

    fn check(&self, schema: &Value, value: &Value, at: &str, found: &mut Vec<String>) {
        let Some(schema) = schema.as_object() else {
            panic!("a schema at {at} is not an object: {schema}");
        };
        for (keyword, rule) in schema {
            self.apply(keyword, rule, schema, value, at, found);
        }
    }

    fn apply(
        &self,
        keyword: &str,
        rule: &Value,
        schema: &Map<String, Value>,
        value: &Value,
        at: &str,
        found: &mut Vec<String>,
    ) {
        match keyword {
            "type" | "enum" | "const" | "minimum" | "maxLength" => {
                if let Some(problem) = value_problem(keyword, rule, value) {
                    found.push(format!("{at}: {problem}"));
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for name in rule
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        if !object.contains_key(name) {
                            found.push(format!("{at}: `{name}` is required"));
                        }
                    }
                }
            }
            "properties" => {
                if let (Some(object), Some(properties)) = (value.as_object(), rule.as_object()) {
                    for (name, property) in properties {
                        if let Some(field) = object.get(name) {
                            self.check(property, field, &format!("{at}.{name}"), found);
                        }
                    }
                }
            }
            "additionalProperties" => {
                let listed = schema.get("properties").and_then(Value::as_object);
                if rule == &Value::Bool(false)
                    && let Some(object) = value.as_object()
                {
                    for name in object.keys() {
                        if !listed.is_some_and(|listed| listed.contains_key(name)) {
                            found.push(format!("{at}: `{name}` is not a field of this format"));
                        }
                    }
                }
            }
            "items" => {
                for (index, item) in value.as_array().into_iter().flatten().enumerate() {
                    self.check(rule, item, &format!("{at}[{index}]"), found);
                }
            }
            "anyOf" => {
                let options = rule.as_array().expect("anyOf holds an array");
                let failures: Vec<Vec<String>> = options
                    .iter()
                    .map(|option| self.sub_violations(option, value, at))
                    .collect();
                if failures.iter().all(|failure| !failure.is_empty()) {
                    found.push(format!("{at}: matches no option of anyOf: {failures:?}"));
                }
            }
            "if" => {
                let branch = if self.sub_violations(rule, value, at).is_empty() {
                    "then"
                } else {
                    "else"
                };
                if let Some(branch) = schema.get(branch) {
                    self.check(branch, value, at, found);
                }
            }
            "then" | "else" => {} // applied by `if`
            "$ref" => {
                let name = rule
                    .as_str()
                    .and_then(|reference| reference.strip_prefix("#/$defs/"))
                    .unwrap_or_else(|| panic!("only `#/$defs/` references are supported: {rule}"));
                let target = &self.root["$defs"][name];
                assert!(!target.is_null(), "`$ref` to a missing definition `{name}`");
                self.check(target, value, at, found);
            }
            annotation if ANNOTATIONS.contains(&annotation) => {}
            unknown => panic!("the validator does not know the keyword `{unknown}` (at {at})"),
        }
    }

    fn sub_violations(&self, schema: &Value, value: &Value, at: &str) -> Vec<String> {
        let mut found = Vec::new();
        self.check(schema, value, at, &mut found);
        found
    }
}

/// What is wrong with `value` under a keyword that looks at the value alone.
fn value_problem(keyword: &str, rule: &Value, value: &Value) -> Option<String> {
    let broken = match keyword {
        "type" => {
            let allowed: Vec<&str> = match rule {
                Value::String(one) => vec![one.as_str()],
                Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                _ => panic!("`type` is neither a string nor an array: {rule}"),
            };
            !allowed.iter().any(|kind| has_type(value, kind))
        }
        "enum" => !rule
            .as_array()
            .is_some_and(|options| options.contains(value)),
        "const" => rule != value,
        "minimum" => value
            .as_f64()
            .is_some_and(|number| number < rule.as_f64().expect("minimum is a number")),
        "maxLength" => value.as_str().is_some_and(|text| {
            text.chars().count() as u64 > rule.as_u64().expect("maxLength is a number")
        }),
        other => panic!("`{other}` is not a keyword about values"),
    };
    broken.then(|| format!("{value} breaks `{keyword}: {rule}`"))
}

fn has_type(value: &Value, kind: &str) -> bool {
    match kind {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown JSON type `{other}`"),
    }
}
