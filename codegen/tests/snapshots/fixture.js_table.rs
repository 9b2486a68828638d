use crate::schema::{Field, Schemas, Ty};
use crate::js::table::{OpSpec, ParamSpec, Place};
static SCHEMAS: Schemas = Schemas {
    names: &[
        "code",
        "currentPageNumber",
        "cursor",
        "gadgetContracts",
        "gadgets",
        "id",
        "kind",
        "list",
        "message",
        "name",
        "next_offset",
        "pageId",
        "tags",
        "totalCount",
        "totalPages",
    ],
    fields: &[
        Field::new(5, Ty::INT),
        Field::new(6, Ty::STR),
        Field::new(9, Ty::STR),
        Field::new(12, Ty::array(Ty::STR)),
        Field::new(5, Ty::STR),
        Field::new(7, Ty::array(Ty::object(1))),
        Field::new(14, Ty::STR),
        Field::new(4, Ty::array(Ty::object(1))),
        Field::new(10, Ty::STR),
        Field::new(3, Ty::array(Ty::object(1))),
        Field::new(13, Ty::INT),
        Field::new(1, Ty::INT),
        Field::new(11, Ty::STR),
        Field::new(14, Ty::INT),
        Field::new(9, Ty::STR),
        Field::new(2, Ty::object(5)),
        Field::new(4, Ty::array(Ty::object(1))),
        Field::new(0, Ty::STR),
        Field::new(8, Ty::STR),
    ],
    starts: &[0, 4, 5, 7, 9, 11, 14, 15, 17, 19],
};
static OPS: &[OpSpec] = &[
    OpSpec {
        id: "addWidget",
        product: crate::Product::Fixture,
        method: "POST",
        path: "/tenants/{tenantId}/widgets",
        params: &[],
        body: Some(Ty::object(0)),
        body_required: true,
        response: Some(Ty::object(0)),
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
                ty: Ty::INT,
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
                ty: Ty::INT,
                required: true,
            },
        ],
        body: None,
        body_required: false,
        response: Some(Ty::object(0)),
        file: None,
        effect: crate::request::Effect::Read,
    },
    OpSpec {
        id: "listGadgetReports",
        product: crate::Product::Fixture,
        method: "GET",
        path: "/reports/gadgets",
        params: &[
            ParamSpec {
                name: "offset",
                place: Place::Query,
                ty: Ty::STR,
                required: false,
            },
            ParamSpec {
                name: "limit",
                place: Place::Query,
                ty: Ty::INT,
                required: false,
            },
        ],
        body: None,
        body_required: false,
        response: Some(Ty::object(3)),
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
                ty: Ty::INT,
                required: false,
            },
            ParamSpec {
                name: "pagesize",
                place: Place::Query,
                ty: Ty::INT,
                required: false,
            },
        ],
        body: None,
        body_required: false,
        response: Some(Ty::object(2)),
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
                ty: Ty::INT,
                required: false,
            },
            ParamSpec {
                name: "pageSize",
                place: Place::Query,
                ty: Ty::INT,
                required: false,
            },
            ParamSpec {
                name: "search",
                place: Place::Query,
                ty: Ty::STR,
                required: false,
            },
            ParamSpec {
                name: "scopeId",
                place: Place::Query,
                ty: Ty::STR,
                required: false,
            },
        ],
        body: None,
        body_required: false,
        response: Some(Ty::array(Ty::object(0))),
        file: None,
        effect: crate::request::Effect::Read,
    },
    OpSpec {
        id: "listWrappedGadgets",
        product: crate::Product::Fixture,
        method: "GET",
        path: "/wrappedGadgets",
        params: &[
            ParamSpec {
                name: "page",
                place: Place::Query,
                ty: Ty::INT,
                required: false,
            },
            ParamSpec {
                name: "pageSize",
                place: Place::Query,
                ty: Ty::INT,
                required: false,
            },
        ],
        body: None,
        body_required: false,
        response: Some(Ty::object(4)),
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
        id: "searchGadgets",
        product: crate::Product::Fixture,
        method: "POST",
        path: "/gadgets/search",
        params: &[
            ParamSpec {
                name: "page",
                place: Place::Query,
                ty: Ty::INT,
                required: false,
            },
            ParamSpec {
                name: "pageSize",
                place: Place::Query,
                ty: Ty::INT,
                required: false,
            },
            ParamSpec {
                name: "pageId",
                place: Place::Query,
                ty: Ty::STR,
                required: false,
            },
        ],
        body: Some(Ty::object(6)),
        body_required: true,
        response: Some(Ty::object(7)),
        file: None,
        effect: crate::request::Effect::Read,
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
                ty: Ty::INT,
                required: true,
            },
        ],
        body: Some(Ty::object(0)),
        body_required: true,
        response: Some(Ty::object(0)),
        file: None,
        effect: crate::request::Effect::Write,
    },
    OpSpec {
        id: "widgetLookup",
        product: crate::Product::Fixture,
        method: "POST",
        path: "/widgetLookup",
        params: &[],
        body: Some(Ty::array(Ty::STR)),
        body_required: true,
        response: Some(Ty::array(Ty::object(0))),
        file: None,
        effect: crate::request::Effect::Read,
    },
];
static METHODS: crate::js::methods::Methods = crate::js::methods::Methods {
    names: "listAllGadgetReports,iterGadgetReports,listAllGadgets,iterGadgets,listAllWidgets,iterWidgets,listAllWrappedGadgets,iterWrappedGadgets,searchGadgetsAll,iterSearchGadgets,patchWidget",
    table: &[
        crate::js::methods::Method::CursorAll(
            5,
            crate::js::cursor::CursorKind::NextOffset("gadgets"),
        ),
        crate::js::methods::Method::CursorIter(
            5,
            crate::js::cursor::CursorKind::NextOffset("gadgets"),
        ),
        crate::js::methods::Method::ZpaAll(6),
        crate::js::methods::Method::ZpaIter(6),
        crate::js::methods::Method::CursorAll(7, crate::js::cursor::CursorKind::Page),
        crate::js::methods::Method::CursorIter(7, crate::js::cursor::CursorKind::Page),
        crate::js::methods::Method::CursorAll(
            8,
            crate::js::cursor::CursorKind::TotalCount("gadgetContracts"),
        ),
        crate::js::methods::Method::CursorIter(
            8,
            crate::js::cursor::CursorKind::TotalCount("gadgetContracts"),
        ),
        crate::js::methods::Method::CursorAll(
            10,
            crate::js::cursor::CursorKind::PageCursor("gadgets"),
        ),
        crate::js::methods::Method::CursorIter(
            10,
            crate::js::cursor::CursorKind::PageCursor("gadgets"),
        ),
        crate::js::methods::Method::Patch(4, 11),
    ],
    schemas: &SCHEMAS,
    ops: OPS,
    installed: std::sync::atomic::AtomicBool::new(false),
};
#[wasm_bindgen(typescript_custom_section)]
const TS_METHODS: &'static str = r####"export interface FixtureApi {
    /** Add a widget (`POST /tenants/{tenantId}/widgets`). */
    addWidget<O extends CallOptions = {}>(params: Fixture.AddWidgetParams, options?: O): Promise<Answer<Fixture.Widget, O>>;
    /** Delete a widget (`DELETE /tenants/{tenantId}/widgets/{widgetId}`). */
    deleteWidget<O extends CallOptions = {}>(params: Fixture.DeleteWidgetParams, options?: O): Promise<Answer<void, O>>;
    /** Download a CSV report (`GET /report.csv`). */
    downloadReport<O extends CallOptions = {}>(params?: Fixture.DownloadReportParams, options?: O): Promise<Answer<string, O>>;
    /** Download an archive (`GET /export`). */
    exportArchive<O extends CallOptions = {}>(params?: Fixture.ExportArchiveParams, options?: O): Promise<Answer<Uint8Array, O>>;
    /** Get a widget (`GET /tenants/{tenantId}/widgets/{widgetId}`). */
    getWidget<O extends CallOptions = {}>(params: Fixture.GetWidgetParams, options?: O): Promise<Answer<Fixture.Widget, O>>;
    /** Gadget reports, one page per `next_offset` token (ZDX style) (`GET /reports/gadgets`). */
    listGadgetReports<O extends CallOptions = {}>(params?: Fixture.ListGadgetReportsParams, options?: O): Promise<Answer<Fixture.GadgetReportPage, O>>;
    /** Every item of `listGadgetReports`, walking all pages in order. */
    listAllGadgetReports(params?: Fixture.ListGadgetReportsParams, options?: WalkOptions): Promise<Fixture.Gadget[]>;
    /** Every item of `listGadgetReports` as an async iterable. */
    iterGadgetReports(params?: Fixture.ListGadgetReportsParams, options?: WalkOptions): AsyncIterableIterator<Fixture.Gadget>;
    /** List gadgets, in numbered pages that say how many follow (`GET /gadgets`). */
    listGadgets<O extends CallOptions = {}>(params?: Fixture.ListGadgetsParams, options?: O): Promise<Answer<Fixture.GadgetPage, O>>;
    /** Every item of `listGadgets`, walking all pages in order. */
    listAllGadgets(params?: Fixture.ListGadgetsParams, options?: WalkOptions): Promise<Fixture.Gadget[]>;
    /** Every item of `listGadgets` as an async iterable. */
    iterGadgets(params?: Fixture.ListGadgetsParams, options?: WalkOptions): AsyncIterableIterator<Fixture.Gadget>;
    /** List widgets (`GET /tenants/{tenantId}/widgets`). */
    listWidgets<O extends CallOptions = {}>(params?: Fixture.ListWidgetsParams, options?: O): Promise<Answer<Fixture.Widget[], O>>;
    /** Every item of `listWidgets`, walking all pages in order. */
    listAllWidgets(params?: Fixture.ListWidgetsParams, options?: WalkOptions): Promise<Fixture.Widget[]>;
    /** Every item of `listWidgets` as an async iterable. */
    iterWidgets(params?: Fixture.ListWidgetsParams, options?: WalkOptions): AsyncIterableIterator<Fixture.Widget>;
    /** Gadgets wrapped with their total (ZCC style) (`GET /wrappedGadgets`). */
    listWrappedGadgets<O extends CallOptions = {}>(params?: Fixture.ListWrappedGadgetsParams, options?: O): Promise<Answer<Fixture.WrappedGadgets, O>>;
    /** Every item of `listWrappedGadgets`, walking all pages in order. */
    listAllWrappedGadgets(params?: Fixture.ListWrappedGadgetsParams, options?: WalkOptions): Promise<Fixture.Gadget[]>;
    /** Every item of `listWrappedGadgets` as an async iterable. */
    iterWrappedGadgets(params?: Fixture.ListWrappedGadgetsParams, options?: WalkOptions): AsyncIterableIterator<Fixture.Gadget>;
    /** Apply staged changes (`POST /publish`). */
    publish<O extends CallOptions = {}>(params?: Fixture.PublishParams, options?: O): Promise<Answer<void, O>>;
    /** Search gadgets, answered with a numbered cursor (ZWA style) (`POST /gadgets/search`). */
    searchGadgets<O extends CallOptions = {}>(params: Fixture.SearchGadgetsParams, options?: O): Promise<Answer<Fixture.GadgetSearchPage, O>>;
    /** Every item of `searchGadgets`, walking all pages in order. */
    searchGadgetsAll(params: Fixture.SearchGadgetsParams, options?: WalkOptions): Promise<Fixture.Gadget[]>;
    /** Every item of `searchGadgets` as an async iterable. */
    iterSearchGadgets(params: Fixture.SearchGadgetsParams, options?: WalkOptions): AsyncIterableIterator<Fixture.Gadget>;
    /** Replace a widget (`PUT /tenants/{tenantId}/widgets/{widgetId}`). */
    updateWidget<O extends CallOptions = {}>(params: Fixture.UpdateWidgetParams, options?: O): Promise<Answer<Fixture.Widget, O>>;
    /** Look widgets up by name (`POST /widgetLookup`). */
    widgetLookup<O extends CallOptions = {}>(params: Fixture.WidgetLookupParams, options?: O): Promise<Answer<Fixture.Widget[], O>>;
    /** Change only the named fields: `getWidget`, merge, `updateWidget`. */
    patchWidget(params: Fixture.PatchWidgetParams, options?: WalkOptions): Promise<Fixture.Widget>;
}"####;
#[wasm_bindgen(js_class = "FixtureApi")]
impl FixtureApi {
    /// Run JS method number `index`: the single call of operation `index`, or row `index - OPS.len()` of `METHODS` (the methods `methods.js` defines call this).
    #[wasm_bindgen(js_name = "__op", skip_typescript)]
    pub fn op(
        &self,
        index: u32,
        params: Option<JsValue>,
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        METHODS.dispatch(&self.0.client, index, params, options)
    }
}
/// `client.fixture` as handed to JS, its class's methods defined on first use.
pub(crate) fn hand_out(api: FixtureApi) -> JsValue {
    METHODS.hand_out(api.into())
}
