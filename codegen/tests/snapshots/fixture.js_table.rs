use crate::schema::{ObjectSchema, Ty};
use crate::js::table::{OpSpec, ParamSpec, Place};
static SCHEMAS: &[ObjectSchema] = &[
    ObjectSchema {
        fields: &[
            ("id", Ty::Int),
            ("kind", Ty::Str),
            ("name", Ty::Str),
            ("tags", Ty::Array(&Ty::Str)),
        ],
    },
    ObjectSchema {
        fields: &[("id", Ty::Str)],
    },
    ObjectSchema {
        fields: &[("list", Ty::Array(&Ty::Ref(1))), ("totalPages", Ty::Str)],
    },
    ObjectSchema {
        fields: &[("code", Ty::Str), ("message", Ty::Str)],
    },
];
static OPS: &[OpSpec] = &[
    OpSpec {
        id: "addWidget",
        product: crate::Product::Fixture,
        method: "POST",
        path: "/tenants/{tenantId}/widgets",
        params: &[],
        body: Some(Ty::Ref(0)),
        body_required: true,
        response: Some(Ty::Ref(0)),
        file: None,
        effect: crate::request::Effect::Write,
    },
    OpSpec {
        id: "deleteWidget",
        product: crate::Product::Fixture,
        method: "DELETE",
        path: "/tenants/{tenantId}/widgets/{widgetId}",
        params: &[
            ParamSpec {
                name: "widgetId",
                place: Place::Path,
                ty: Ty::Int,
                required: true,
            },
        ],
        body: None,
        body_required: false,
        response: None,
        file: None,
        effect: crate::request::Effect::Write,
    },
    OpSpec {
        id: "downloadReport",
        product: crate::Product::Fixture,
        method: "GET",
        path: "/report.csv",
        params: &[],
        body: None,
        body_required: false,
        response: None,
        file: Some(crate::request::File::Text),
        effect: crate::request::Effect::Read,
    },
    OpSpec {
        id: "exportArchive",
        product: crate::Product::Fixture,
        method: "GET",
        path: "/export",
        params: &[],
        body: None,
        body_required: false,
        response: None,
        file: Some(crate::request::File::Bytes),
        effect: crate::request::Effect::Read,
    },
    OpSpec {
        id: "getWidget",
        product: crate::Product::Fixture,
        method: "GET",
        path: "/tenants/{tenantId}/widgets/{widgetId}",
        params: &[
            ParamSpec {
                name: "widgetId",
                place: Place::Path,
                ty: Ty::Int,
                required: true,
            },
        ],
        body: None,
        body_required: false,
        response: Some(Ty::Ref(0)),
        file: None,
        effect: crate::request::Effect::Read,
    },
    OpSpec {
        id: "listGadgets",
        product: crate::Product::Fixture,
        method: "GET",
        path: "/gadgets",
        params: &[
            ParamSpec {
                name: "page",
                place: Place::Query,
                ty: Ty::Int,
                required: false,
            },
            ParamSpec {
                name: "pagesize",
                place: Place::Query,
                ty: Ty::Int,
                required: false,
            },
        ],
        body: None,
        body_required: false,
        response: Some(Ty::Ref(2)),
        file: None,
        effect: crate::request::Effect::Read,
    },
    OpSpec {
        id: "listWidgets",
        product: crate::Product::Fixture,
        method: "GET",
        path: "/tenants/{tenantId}/widgets",
        params: &[
            ParamSpec {
                name: "page",
                place: Place::Query,
                ty: Ty::Int,
                required: false,
            },
            ParamSpec {
                name: "pageSize",
                place: Place::Query,
                ty: Ty::Int,
                required: false,
            },
            ParamSpec {
                name: "search",
                place: Place::Query,
                ty: Ty::Str,
                required: false,
            },
            ParamSpec {
                name: "scopeId",
                place: Place::Query,
                ty: Ty::Str,
                required: false,
            },
        ],
        body: None,
        body_required: false,
        response: Some(Ty::Array(&Ty::Ref(0))),
        file: None,
        effect: crate::request::Effect::Read,
    },
    OpSpec {
        id: "publish",
        product: crate::Product::Fixture,
        method: "POST",
        path: "/publish",
        params: &[],
        body: None,
        body_required: false,
        response: None,
        file: None,
        effect: crate::request::Effect::Activate,
    },
    OpSpec {
        id: "updateWidget",
        product: crate::Product::Fixture,
        method: "PUT",
        path: "/tenants/{tenantId}/widgets/{widgetId}",
        params: &[
            ParamSpec {
                name: "widgetId",
                place: Place::Path,
                ty: Ty::Int,
                required: true,
            },
        ],
        body: Some(Ty::Ref(0)),
        body_required: true,
        response: Some(Ty::Ref(0)),
        file: None,
        effect: crate::request::Effect::Write,
    },
    OpSpec {
        id: "widgetLookup",
        product: crate::Product::Fixture,
        method: "POST",
        path: "/widgetLookup",
        params: &[],
        body: Some(Ty::Array(&Ty::Str)),
        body_required: true,
        response: Some(Ty::Array(&Ty::Ref(0))),
        file: None,
        effect: crate::request::Effect::Read,
    },
];
static METHODS: crate::js::methods::Methods = crate::js::methods::Methods {
    names: "addWidget,deleteWidget,downloadReport,exportArchive,getWidget,listGadgets,listAllGadgets,iterGadgets,listWidgets,listAllWidgets,iterWidgets,publish,updateWidget,widgetLookup,patchWidget",
    table: &[
        crate::js::methods::Method::Call(0),
        crate::js::methods::Method::Call(1),
        crate::js::methods::Method::Call(2),
        crate::js::methods::Method::Call(3),
        crate::js::methods::Method::Call(4),
        crate::js::methods::Method::Call(5),
        crate::js::methods::Method::ZpaAll(5),
        crate::js::methods::Method::ZpaIter(5),
        crate::js::methods::Method::Call(6),
        crate::js::methods::Method::CursorAll(6, crate::js::cursor::CursorKind::Page),
        crate::js::methods::Method::CursorIter(6, crate::js::cursor::CursorKind::Page),
        crate::js::methods::Method::Call(7),
        crate::js::methods::Method::Call(8),
        crate::js::methods::Method::Call(9),
        crate::js::methods::Method::Patch(4, 8),
    ],
    schemas: SCHEMAS,
    ops: OPS,
    installed: std::sync::atomic::AtomicBool::new(false),
};
#[wasm_bindgen(typescript_custom_section)]
const TS_METHODS: &'static str = r####"export interface FixtureApi {
    /** Add a widget (`POST /tenants/{tenantId}/widgets`). */
    addWidget(params: Fixture.AddWidgetParams): Promise<Fixture.Widget>;
    /** Delete a widget (`DELETE /tenants/{tenantId}/widgets/{widgetId}`). */
    deleteWidget(params: Fixture.DeleteWidgetParams): Promise<void>;
    /** Download a CSV report (`GET /report.csv`). */
    downloadReport(params?: Fixture.DownloadReportParams): Promise<string>;
    /** Download an archive (`GET /export`). */
    exportArchive(params?: Fixture.ExportArchiveParams): Promise<Uint8Array>;
    /** Get a widget (`GET /tenants/{tenantId}/widgets/{widgetId}`). */
    getWidget(params: Fixture.GetWidgetParams): Promise<Fixture.Widget>;
    /** List gadgets, in numbered pages that say how many follow (`GET /gadgets`). */
    listGadgets(params?: Fixture.ListGadgetsParams): Promise<Fixture.GadgetPage>;
    /** Every item of `listGadgets`, walking all pages in order. */
    listAllGadgets(params?: Fixture.ListGadgetsParams): Promise<Fixture.Gadget[]>;
    /** Every item of `listGadgets` as an async iterable. */
    iterGadgets(params?: Fixture.ListGadgetsParams): AsyncIterableIterator<Fixture.Gadget>;
    /** List widgets (`GET /tenants/{tenantId}/widgets`). */
    listWidgets(params?: Fixture.ListWidgetsParams): Promise<Fixture.Widget[]>;
    /** Every item of `listWidgets`, walking all pages in order. */
    listAllWidgets(params?: Fixture.ListWidgetsParams): Promise<Fixture.Widget[]>;
    /** Every item of `listWidgets` as an async iterable. */
    iterWidgets(params?: Fixture.ListWidgetsParams): AsyncIterableIterator<Fixture.Widget>;
    /** Apply staged changes (`POST /publish`). */
    publish(params?: Fixture.PublishParams): Promise<void>;
    /** Replace a widget (`PUT /tenants/{tenantId}/widgets/{widgetId}`). */
    updateWidget(params: Fixture.UpdateWidgetParams): Promise<Fixture.Widget>;
    /** Look widgets up by name (`POST /widgetLookup`). */
    widgetLookup(params: Fixture.WidgetLookupParams): Promise<Fixture.Widget[]>;
    /** Change only the named fields: `getWidget`, merge, `updateWidget`. */
    patchWidget(params: Fixture.PatchWidgetParams): Promise<Fixture.Widget>;
}"####;
#[wasm_bindgen(js_class = "FixtureApi")]
impl FixtureApi {
    /// Run JS method number `index` of `METHODS` (the methods `methods.js` defines call this).
    #[wasm_bindgen(js_name = "__op", skip_typescript)]
    pub fn op(&self, index: u32, params: Option<JsValue>) -> Result<JsValue, JsValue> {
        METHODS.dispatch(&self.0.client, index, params)
    }
}
/// `client.fixture` as handed to JS, its class's methods defined on first use.
pub(crate) fn hand_out(api: FixtureApi) -> JsValue {
    METHODS.hand_out(api.into())
}
