//! The JSON API, its OpenAPI document, and Open311.

use std::collections::BTreeSet;

use intake_server::router::ROUTES;

use crate::server_test;
use crate::support::csrf_of;

server_test!(the_json_api_lists_mine_and_shows_one_with_its_timeline, |app| {
    let mine = app.extract(&app.maria);
    app.register(mine);
    let olegs = app.file_for_oleg("consultation", &[("f-topic", "other"), ("f-question", "?")]);
    let r = app.client().get("/api/v1/appeals");
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"]["code"], "unauthorized");
    let mut client = app.signed_in(&app.maria);
    let r = client.get("/api/v1/appeals");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").is_some_and(|t| t.starts_with("application/json")));
    let list = r.json();
    let appeals = list["appeals"].as_array().expect("array");
    assert_eq!(appeals.len(), 1);
    assert_eq!(appeals[0]["id"], mine.0);
    assert_eq!(appeals[0]["status"]["code"], "registered");
    assert_eq!(appeals[0]["status"]["title"], "Зарегистрировано");
    let one = client.get(&format!("/api/v1/appeals/{}", mine.0)).json();
    assert_eq!(one["number"], app.appeal(mine).number.to_string());
    let titles: Vec<&str> =
        one["timeline"].as_array().expect("timeline").iter().map(|e| e["title"].as_str().expect("title")).collect();
    assert_eq!(titles, ["Обращение принято", "Обращение зарегистрировано"]);
    let r = client.get(&format!("/api/v1/appeals/{}", olegs.0));
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "not_found");
    let en = client.get(&format!("/api/v1/appeals/{}?lang=en", mine.0)).json();
    assert_eq!(en["status"]["title"], "Registered");
});

server_test!(the_openapi_document_describes_exactly_the_routers_api_paths, |app| {
    let r = app.client().get("/api/v1/openapi.json");
    assert_eq!(r.status, 200);
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    let documented: BTreeSet<String> = paths.keys().cloned().collect();
    let routed: BTreeSet<String> = ROUTES.iter().filter(|r| r.documented).map(|r| r.pattern.to_owned()).collect();
    assert_eq!(documented, routed);
    for route in ROUTES.iter().filter(|r| r.documented) {
        let method = route.verb.as_str().to_lowercase();
        assert!(paths[route.pattern].get(&method).is_some(), "{} {}", route.verb.as_str(), route.pattern);
    }
    // every machine-readable route is either documented or the document itself
    for route in ROUTES {
        if route.pattern.starts_with("/api/") || route.pattern.starts_with("/open311/") {
            assert!(route.documented || route.pattern == "/api/v1/openapi.json", "{}", route.pattern);
        }
    }
});

server_test!(the_openapi_document_is_also_where_tools_look_first, |app| {
    let mut client = app.client();
    let at_root = client.get("/openapi.json");
    assert_eq!(at_root.status, 200);
    assert!(at_root.header("content-type").is_some_and(|t| t.starts_with("application/json")));
    assert_eq!(at_root.body, client.get("/api/v1/openapi.json").body);
});

server_test!(an_appeal_page_gives_its_whole_open311_address_in_the_page_language, |app| {
    let id = app.extract(&app.maria);
    let token = app.appeal(id).public_token;
    let mut client = app.signed_in(&app.maria);
    let ru = client.get(&format!("/appeals/{}", id.0)).text();
    let link = format!("http://127.0.0.1/open311/v2/requests/{token}.json");
    assert!(ru.contains(&format!("<a href=\"{link}\">{link}</a>")), "{ru}");
    let en = client.get(&format!("/appeals/{}?lang=en", id.0)).text();
    let link = format!("{link}?lang=en");
    assert!(en.contains(&format!("<a href=\"{link}\">{link}</a>")), "{en}");
    let json = client.get(&format!("/open311/v2/requests/{token}.json?lang=en")).json();
    assert_eq!(json[0]["status_notes"], "Submitted", "{json}");
});

server_test!(open311_shows_status_by_public_token_and_no_personal_data, |app| {
    let id = app.extract(&app.maria);
    let appeal = app.appeal(id);
    let mut client = app.client();
    let services = client.get("/open311/v2/services.json").json();
    let codes: Vec<&str> =
        services.as_array().expect("list").iter().map(|s| s["service_code"].as_str().expect("code")).collect();
    assert!(codes.contains(&"house-register-extract") && codes.contains(&"consultation"));
    let def = client.get("/open311/v2/services/house-register-extract.json").json();
    let attrs = def["attributes"].as_array().expect("attributes");
    assert!(attrs.iter().any(|a| a["code"] == "purpose" && a["datatype"] == "singlevaluelist"));
    assert_eq!(client.get("/open311/v2/services/nope.json").status, 404);

    let path = format!("/open311/v2/requests/{}.json", appeal.public_token);
    let r = client.get(&path);
    assert_eq!(r.status, 200);
    let body = r.text();
    let item = &r.json()[0];
    assert_eq!(item["service_request_id"], appeal.public_token);
    assert_eq!(item["status"], "open");
    assert_eq!(item["service_code"], "house-register-extract");
    for personal in ["Иванова", "Мария", "Петровна", "Новый Арбат", "maria@example.invalid", "1985", "12А"]
    {
        assert!(!body.contains(personal), "{personal} leaked: {body}");
    }
    assert!(!body.contains(&appeal.number.to_string()), "the number is not the public id");
    // by the row id or the number it is not found
    assert_eq!(client.get(&format!("/open311/v2/requests/{}.json", id.0)).status, 404);
    let r = client.get("/open311/v2/requests/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.json");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()[0]["code"], 404);
    // withdrawn: closed
    let mut maria = app.signed_in(&app.maria);
    let csrf = csrf_of(&maria.get("/").text());
    maria.post_form(&format!("/appeals/{}/withdraw", id.0), &[("csrf", csrf.as_str())]);
    assert_eq!(client.get(&path).json()[0]["status"], "closed");
});

server_test!(open311_gives_several_requests_by_their_tokens_and_lists_none, |app| {
    let extract = app.appeal(app.extract(&app.maria));
    let consultation = app.appeal(app.consultation(&app.maria));
    app.register(consultation.id);
    let mut client = app.client();
    let ids = format!(
        "{},%20{},zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz,{}",
        consultation.public_token, extract.public_token, extract.public_token
    );
    let r = client.get(&format!("/open311/v2/requests.json?service_request_id={ids}&lang=en"));
    assert_eq!(r.status, 200, "{}", r.text());
    let list = r.json();
    let got: Vec<(&str, &str)> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|i| (i["service_request_id"].as_str().expect("id"), i["status_notes"].as_str().expect("notes")))
        .collect();
    // in the order asked, each once, the unknown one left out
    assert_eq!(got, [(consultation.public_token.as_str(), "Registered"), (extract.public_token.as_str(), "Submitted")]);
    let body = r.text();
    assert!(!body.contains("Иванова") && !body.contains(&extract.number.to_string()), "{body}");
    // none found: an empty list, as the standard has it
    let r = client.get("/open311/v2/requests.json?service_request_id=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
    assert_eq!((r.status, r.json()), (200, serde_json::json!([])));
    // no appeals listed: without ids, or with too many, a 400 that says why
    let r = client.get("/open311/v2/requests.json?status=open");
    assert_eq!(r.status, 400);
    assert_eq!(r.json()[0]["code"], 400);
    assert!(r.json()[0]["description"].as_str().is_some_and(|d| d.contains("service_request_id")), "{}", r.text());
    let many = (0..51).map(|i| format!("t{i}")).collect::<Vec<_>>().join(",");
    let r = client.get(&format!("/open311/v2/requests.json?service_request_id={many}"));
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(r.json()[0]["description"], "Не больше 50 обращений за один запрос.");
});
