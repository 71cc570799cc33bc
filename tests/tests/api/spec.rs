use serde_json::Value;
use wksbm_tests::on_each_backend;

/// The served specification equals the committed `openapi/openapi.json`. Regenerate with
/// `cargo run -p wksbm-api -- openapi > openapi/openapi.json`.
#[tokio::test]
async fn served_spec_matches_the_committed_file() {
    let committed: Value =
        serde_json::from_str(include_str!("../../../openapi/openapi.json")).unwrap();
    let printed: Value = serde_json::from_str(&wksbm_api::routes::openapi_json()).unwrap();
    assert_eq!(
        printed, committed,
        "openapi/openapi.json is stale: regenerate it"
    );
    on_each_backend(|app| {
        let committed = committed.clone();
        async move {
            let served = app.get_json("/api/v1/openapi.json").await;
            assert_eq!(served, committed);
        }
    })
    .await;
}

/// Every operation is complete: id, tag, a one-line summary and a description (Swagger UI
/// shows the summary as the title), a success response, a documented 500, problem+json on
/// every error response, an example on every response. Every tag has a description.
#[test]
fn every_operation_is_documented_completely() {
    let spec: Value = serde_json::from_str(&wksbm_api::routes::openapi_json()).unwrap();
    let responses = &spec["components"]["responses"];
    let tags = spec["tags"].as_array().unwrap();
    for tag in tags {
        let described = tag["description"]
            .as_str()
            .is_some_and(|d| !d.trim().is_empty());
        assert!(described, "tag {}: description", tag["name"]);
    }
    let declared: Vec<&Value> = tags.iter().map(|t| &t["name"]).collect();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let at = format!("{method} {path}");
            assert!(op["operationId"].is_string(), "{at}: operationId");
            let summary = op["summary"]
                .as_str()
                .unwrap_or_else(|| panic!("{at}: summary"));
            assert!(!summary.trim().is_empty(), "{at}: summary is empty");
            assert!(
                !summary.contains('\n'),
                "{at}: summary has more than one line (a paragraph belongs in the description)"
            );
            assert!(
                summary.chars().count() <= 120,
                "{at}: summary longer than 120 characters"
            );
            let description = op["description"].as_str().unwrap_or("");
            assert!(!description.trim().is_empty(), "{at}: description");
            assert!(!op["tags"].as_array().unwrap().is_empty(), "{at}: tag");
            for tag in op["tags"].as_array().unwrap() {
                assert!(declared.contains(&tag), "{at}: tag {tag} is not declared");
            }
            let rs = op["responses"].as_object().unwrap();
            assert!(
                rs.keys().any(|k| k.starts_with('2')),
                "{at}: success response"
            );
            assert!(rs.contains_key("500"), "{at}: 500");
            for (status, r) in rs {
                let r = match r["$ref"].as_str() {
                    Some(reference) => &responses[reference.rsplit('/').next().unwrap()],
                    None => r,
                };
                if status == "204" {
                    assert!(r.get("content").is_none(), "{at} 204 has no body");
                    continue;
                }
                let content = r["content"]
                    .as_object()
                    .unwrap_or_else(|| panic!("{at} {status}: content"));
                for (ct, media) in content {
                    // Image bytes have no JSON example to give.
                    if ct.starts_with("image/") {
                        continue;
                    }
                    if !status.starts_with('2') {
                        assert_eq!(ct, "application/problem+json", "{at} {status}");
                    }
                    let has_example = media.get("example").is_some()
                        || media.get("examples").is_some()
                        || media["schema"]["$ref"].as_str().is_some_and(|s| {
                            spec["components"]["schemas"][s.rsplit('/').next().unwrap()]
                                .get("example")
                                .is_some()
                        })
                        || media["schema"].get("example").is_some();
                    assert!(has_example, "{at} {status}: example");
                }
            }
        }
    }
}

/// No schema can be unsatisfiable through an `allOf` whose parts declare different types
/// (utoipa wraps a documented inline field that way: `{"type": "string"}` and
/// `{"type": "object", "description": …}`); schemathesis cannot generate such a body and
/// no client can send one.
#[test]
fn no_all_of_mixes_types() {
    fn walk(v: &Value, at: &str, bad: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Array(parts)) = m.get("allOf") {
                    let mut types: Vec<String> = parts
                        .iter()
                        .filter_map(|p| p.get("type").map(Value::to_string))
                        .collect();
                    types.sort();
                    types.dedup();
                    if types.len() > 1 {
                        bad.push(at.to_owned());
                    }
                }
                for (k, x) in m {
                    walk(x, &format!("{at}/{k}"), bad);
                }
            }
            Value::Array(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    walk(x, &format!("{at}/{i}"), bad);
                }
            }
            _ => {}
        }
    }
    let spec: Value = serde_json::from_str(&wksbm_api::routes::openapi_json()).unwrap();
    let mut bad = Vec::new();
    walk(&spec, "", &mut bad);
    assert!(bad.is_empty(), "allOf with conflicting types at {bad:?}");
}

/// Every free-text pattern in the spec is the one rule (`PRINTABLE_PATTERN`): the few
/// fields that spell it out (because of their doc comments) cannot drift from it.
#[test]
fn every_free_text_pattern_is_the_one_rule() {
    fn walk(v: &Value, found: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(p)) = m.get("pattern")
                    && p.contains(r"\x00-\x1f")
                {
                    found.push(p.clone());
                }
                m.values().for_each(|x| walk(x, found));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, found)),
            _ => {}
        }
    }
    let spec: Value = serde_json::from_str(&wksbm_api::routes::openapi_json()).unwrap();
    let mut found = Vec::new();
    walk(&spec, &mut found);
    assert!(found.len() > 50, "{}", found.len());
    let rule = wksbm_openapi::text::PRINTABLE_PATTERN;
    let other: Vec<&String> = found.iter().filter(|p| p.as_str() != rule).collect();
    assert!(other.is_empty(), "{other:?}");
}
