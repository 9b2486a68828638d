//! Reading just enough of an OpenAPI schema to serve it: the JSON type of a
//! body, the envelope of a list response, required and typed fields.
//! It owns schema reading; it may not validate requests (see
//! `generic::validate`).

use serde_json::Value;

/// The JSON type a schema declares (`Any` when it declares none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Json {
    /// `type: object`, or properties without a type.
    Object,
    /// `type: array`, or `items` without a type.
    Array,
    /// `type: string`.
    String,
    /// `type: integer`.
    Integer,
    /// `type: number`.
    Number,
    /// `type: boolean`.
    Boolean,
    /// No usable type information.
    Any,
}

impl Json {
    /// Whether `v` is of this type. `strings_take_numbers` models ZPA, whose
    /// JSON mapper accepts a number where a string (an id) is declared.
    pub fn accepts(self, v: &Value, strings_take_numbers: bool) -> bool {
        match self {
            Json::Object => v.is_object(),
            Json::Array => v.is_array(),
            Json::String => v.is_string() || (strings_take_numbers && v.is_number()),
            Json::Integer => v.is_i64() || v.is_u64(),
            Json::Number => v.is_number(),
            Json::Boolean => v.is_boolean(),
            Json::Any => true,
        }
    }

    /// Text for error messages ("must be an integer").
    pub fn describe(self) -> &'static str {
        match self {
            Json::Object => "an object",
            Json::Array => "an array",
            Json::String => "a string",
            Json::Integer => "an integer",
            Json::Number => "a number",
            Json::Boolean => "a boolean",
            Json::Any => "any JSON value",
        }
    }

    /// The empty value of this type, served by a GET of a singleton that
    /// was never written.
    pub fn empty(self) -> Value {
        match self {
            Json::Array => Value::Array(Vec::new()),
            Json::String => Value::String(String::new()),
            Json::Integer | Json::Number => Value::from(0),
            Json::Boolean => Value::Bool(false),
            Json::Object | Json::Any => Value::Object(Default::default()),
        }
    }
}

/// What a successful response carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// No body (`204`, or a code without content).
    Empty,
    /// A non-JSON body of this content type (CSV export, PAC file, ...).
    Text(String),
    /// ZPA's `{totalPages, totalCount, list}`; `numeric_totals` when the
    /// counts are declared as integers rather than the usual strings.
    ZpaPage {
        /// Counts are JSON numbers.
        numeric_totals: bool,
        /// The page also declares `currentCount`, the objects on this page.
        current_count: bool,
    },
    /// ZIdentity's `{records, next_link, ...}` envelope.
    ZidPage,
    /// ZDX's reports: `{<items>, next_offset}`, paged by an `offset` token.
    TokenPage {
        /// The array member.
        items: String,
    },
    /// ZCC's wrapped lists: `{<items>, totalCount}`, paged by page number.
    CountedPage {
        /// The array member.
        items: String,
    },
    /// ZWA's searches: `{cursor: {totalPages, currentPageNumber, ...},
    /// <items>}`, paged by page number (or the cursor's `pageId`).
    CursorPage {
        /// The array member.
        items: String,
    },
    /// A JSON array.
    Array,
    /// A JSON object with these declared property names.
    Object(Vec<String>),
    /// A JSON scalar.
    Scalar(Json),
}

impl Shape {
    /// True for envelopes and arrays, i.e. responses listing a collection.
    pub fn is_list(&self) -> bool {
        matches!(
            self,
            Shape::ZpaPage { .. }
                | Shape::ZidPage
                | Shape::Array
                | Shape::TokenPage { .. }
                | Shape::CountedPage { .. }
                | Shape::CursorPage { .. }
        )
    }

    /// The envelope's array member, for the envelopes that name theirs.
    pub fn items(&self) -> Option<&str> {
        match self {
            Shape::TokenPage { items }
            | Shape::CountedPage { items }
            | Shape::CursorPage { items } => Some(items),
            _ => None,
        }
    }
}

/// What a request body must look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySpec {
    /// `requestBody.required`.
    pub required: bool,
    /// False for non-JSON bodies, which are taken as they come.
    pub json: bool,
    /// Top-level JSON type.
    pub kind: Json,
    /// Top-level fields that must be present.
    pub required_fields: Vec<String>,
    /// Declared top-level fields: (name, type, item type for arrays).
    pub fields: Vec<(String, Json, Json)>,
}

/// Follows `$ref`s (local ones, `#/...`) until a concrete schema; a
/// dangling reference yields `Value::Null`, i.e. "no information".
pub fn resolve<'a>(doc: &'a Value, mut schema: &'a Value) -> &'a Value {
    static NULL: Value = Value::Null;
    // Bounded, so a reference cycle cannot hang startup.
    for _ in 0..32 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| doc.pointer(p)) {
                Some(target) => schema = target,
                None => return &NULL,
            },
            None => return schema,
        }
    }
    &NULL
}

/// The JSON type of a (resolved) schema.
pub fn kind(doc: &Value, schema: &Value) -> Json {
    let s = resolve(doc, schema);
    match s.get("type").and_then(Value::as_str) {
        Some("object") => Json::Object,
        Some("array") => Json::Array,
        Some("string") => Json::String,
        Some("integer") => Json::Integer,
        Some("number") => Json::Number,
        Some("boolean") => Json::Boolean,
        _ if s.get("properties").is_some() => Json::Object,
        _ if s.get("items").is_some() => Json::Array,
        _ => Json::Any,
    }
}

/// The JSON media-type entry of a `content` map, if any.
fn json_media(content: &Value) -> Option<&Value> {
    let map = content.as_object()?;
    map.iter().find(|(k, _)| k.contains("json")).map(|(_, v)| v)
}

/// Classifies a response object (`responses.<code>`).
pub fn response_shape(doc: &Value, response: &Value) -> Shape {
    let response = resolve(doc, response);
    let Some(content) = response
        .get("content")
        .filter(|c| c.as_object().is_some_and(|m| !m.is_empty()))
    else {
        return Shape::Empty;
    };
    let Some(media) = json_media(content) else {
        let ty = content
            .as_object()
            .and_then(|m| m.keys().next().cloned())
            .unwrap_or_default();
        return Shape::Text(ty);
    };
    let Some(schema) = media.get("schema") else {
        return Shape::Object(Vec::new());
    };
    let schema = resolve(doc, schema);
    let props = schema.get("properties").and_then(Value::as_object);
    match kind(doc, schema) {
        Json::Object | Json::Any => {
            let Some(props) = props else {
                return Shape::Object(Vec::new());
            };
            let has = |k: &str| props.contains_key(k);
            let list_is_array = |k: &str| props.get(k).is_some_and(|p| kind(doc, p) == Json::Array);
            if list_is_array("list") && (has("totalPages") || has("totalCount")) {
                let numeric = props
                    .get("totalPages")
                    .or_else(|| props.get("totalCount"))
                    .is_some_and(|p| matches!(kind(doc, p), Json::Integer | Json::Number));
                Shape::ZpaPage {
                    numeric_totals: numeric,
                    current_count: has("currentCount"),
                }
            } else if list_is_array("records") {
                Shape::ZidPage
            } else if let Some(shape) = envelope(doc, props) {
                shape
            } else {
                Shape::Object(props.keys().cloned().collect())
            }
        }
        Json::Array => Shape::Array,
        scalar => Shape::Scalar(scalar),
    }
}

/// The envelopes with one array member beside their paging fields: a
/// `next_offset` token, a numbered `cursor` object, or a `totalCount`.
/// Two arrays name no single list (ZCC's group entitlements).
fn envelope(doc: &Value, props: &serde_json::Map<String, Value>) -> Option<Shape> {
    let mut arrays = props
        .iter()
        .filter(|(_, p)| kind(doc, p) == Json::Array)
        .map(|(k, _)| k.clone());
    let items = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    let numbered = props.get("cursor").is_some_and(|c| {
        let c = resolve(doc, c);
        c.pointer("/properties/totalPages").is_some()
            && c.pointer("/properties/currentPageNumber").is_some()
    });
    if props.contains_key("next_offset") {
        Some(Shape::TokenPage { items })
    } else if numbered {
        Some(Shape::CursorPage { items })
    } else if props.contains_key("totalCount") {
        Some(Shape::CountedPage { items })
    } else {
        None
    }
}

/// Describes an operation's `requestBody` (None when it has none).
pub fn request_spec(doc: &Value, body: &Value) -> Option<BodySpec> {
    let body = resolve(doc, body);
    if body.is_null() {
        return None;
    }
    let required = body
        .get("required")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let content = body.get("content")?;
    let Some(media) = json_media(content) else {
        return Some(BodySpec {
            required,
            json: false,
            kind: Json::Any,
            required_fields: Vec::new(),
            fields: Vec::new(),
        });
    };
    let schema = media
        .get("schema")
        .map(|s| resolve(doc, s))
        .unwrap_or(&Value::Null);
    let required_fields = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let fields = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|props| {
            props
                .iter()
                .map(|(name, p)| {
                    let item = resolve(doc, p)
                        .get("items")
                        .map_or(Json::Any, |i| kind(doc, i));
                    (name.clone(), kind(doc, p), item)
                })
                .collect()
        })
        .unwrap_or_default();
    Some(BodySpec {
        required,
        json: true,
        kind: kind(doc, schema),
        required_fields,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({"components": {"schemas": {
            "Page": {"type": "object", "properties": {
                "totalPages": {"type": "string"}, "totalCount": {"type": "string"},
                "list": {"type": "array", "items": {"$ref": "#/components/schemas/App"}}}},
            "NumPage": {"type": "object", "properties": {
                "totalPages": {"type": "integer"},
                "list": {"type": "array", "items": {}}}},
            "Recs": {"type": "object", "properties": {
                "records": {"type": "array"}, "next_link": {"type": "string"}}},
            "App": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"}, "enabled": {"type": "boolean"},
                "tags": {"type": "array", "items": {"type": "string"}}}},
            "Loop": {"$ref": "#/components/schemas/Loop"}
        }}})
    }

    fn resp(schema: Value) -> Value {
        json!({"content": {"application/json": {"schema": schema}}})
    }

    #[test]
    fn classifies_responses() {
        let d = doc();
        let r = |s: Value| response_shape(&d, &resp(s));
        assert_eq!(
            r(json!({"$ref": "#/components/schemas/Page"})),
            Shape::ZpaPage {
                numeric_totals: false,
                current_count: false
            }
        );
        assert_eq!(
            r(json!({"$ref": "#/components/schemas/NumPage"})),
            Shape::ZpaPage {
                numeric_totals: true,
                current_count: false
            }
        );
        assert_eq!(
            r(json!({"$ref": "#/components/schemas/Recs"})),
            Shape::ZidPage
        );
        assert_eq!(r(json!({"type": "array", "items": {}})), Shape::Array);
        let arr = json!({"type": "array", "items": {}});
        assert_eq!(
            r(json!({"properties": {"devices": arr, "next_offset": {"type": "string"}}})),
            Shape::TokenPage {
                items: "devices".into()
            }
        );
        assert_eq!(
            r(json!({"properties": {"apps": arr, "totalCount": {"type": "integer"}}})),
            Shape::CountedPage {
                items: "apps".into()
            }
        );
        let cursor = json!({"properties": {"totalPages": {}, "currentPageNumber": {}}});
        assert_eq!(
            r(json!({"properties": {"logs": arr, "cursor": cursor}})),
            Shape::CursorPage {
                items: "logs".into()
            }
        );
        // Two lists beside a total are no page of either.
        assert!(matches!(
            r(json!({"properties": {"a": arr, "b": arr, "totalCount": {}}})),
            Shape::Object(_)
        ));
        assert_eq!(r(json!({"type": "integer"})), Shape::Scalar(Json::Integer));
        assert!(matches!(
            r(json!({"$ref": "#/components/schemas/App"})),
            Shape::Object(p) if p.len() == 3
        ));
        // A reference cycle resolves to "no information", not a hang.
        assert_eq!(
            r(json!({"$ref": "#/components/schemas/Loop"})),
            Shape::Object(Vec::new())
        );
        assert_eq!(
            response_shape(&d, &json!({"description": "x"})),
            Shape::Empty
        );
        assert_eq!(
            response_shape(&d, &json!({"content": {"text/csv": {}}})),
            Shape::Text("text/csv".into())
        );
    }

    #[test]
    fn describes_request_bodies() {
        let d = doc();
        let body = json!({"required": true, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/App"}}}});
        let spec = request_spec(&d, &body).unwrap();
        assert!(spec.required && spec.json);
        assert_eq!(spec.kind, Json::Object);
        assert_eq!(spec.required_fields, vec!["name".to_string()]);
        assert!(spec
            .fields
            .contains(&("tags".to_string(), Json::Array, Json::String)));
        assert!(request_spec(&d, &Value::Null).is_none());
        let text = request_spec(&d, &json!({"content": {"text/plain": {}}})).unwrap();
        assert!(!text.json);
    }

    #[test]
    fn json_types_accept() {
        assert!(Json::String.accepts(&json!(5), true));
        assert!(!Json::String.accepts(&json!(5), false));
        assert!(!Json::Integer.accepts(&json!(1.5), false));
        assert!(Json::Any.accepts(&json!(null), false));
        assert_eq!(Json::Array.empty(), json!([]));
    }
}
