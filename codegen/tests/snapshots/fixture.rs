/// Models of the Fixture API, generated from `openapi/`.
pub mod types {
    ///`ApiError`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct ApiError {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
    }
    ///`Gadget`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct Gadget {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
    }
    ///`GadgetPage`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct GadgetPage {
        #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
        pub list: ::std::option::Option<::std::vec::Vec<Gadget>>,
        #[serde(
            rename = "totalPages",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub total_pages: ::std::option::Option<::std::string::String>,
    }
    ///`GadgetQuery`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct GadgetQuery {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
    }
    ///`GadgetReportPage`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct GadgetReportPage {
        #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
        pub gadgets: ::std::option::Option<::std::vec::Vec<Gadget>>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub next_offset: ::std::option::Option<::std::string::String>,
    }
    ///`GadgetSearchPage`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct GadgetSearchPage {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub cursor: ::std::option::Option<PageCursor>,
        #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
        pub gadgets: ::std::option::Option<::std::vec::Vec<Gadget>>,
    }
    ///`PageCursor`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct PageCursor {
        #[serde(
            rename = "currentPageNumber",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub current_page_number: ::std::option::Option<i32>,
        #[serde(
            rename = "pageId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub page_id: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "totalPages",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub total_pages: ::std::option::Option<i32>,
    }
    ///`Widget`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    pub struct Widget {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub kind: ::std::option::Option<::std::string::String>,
        pub name: ::std::string::String,
        #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
        pub tags: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    }
    ///`WrappedGadgets`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    pub struct WrappedGadgets {
        #[serde(
            rename = "gadgetContracts",
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub gadget_contracts: ::std::option::Option<::std::vec::Vec<Gadget>>,
        #[serde(
            rename = "totalCount",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub total_count: ::std::option::Option<i32>,
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
/// Arguments of [`Fixture::add_widget`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AddWidgetParams {
    /// The JSON request body.
    pub body: types::Widget,
}
/// Arguments of [`Fixture::delete_widget`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DeleteWidgetParams {
    /// The `widgetId` path parameter.
    #[serde(rename = "widgetId")]
    pub widget_id: i64,
}
/// Arguments of [`Fixture::download_report`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DownloadReportParams {}
/// Arguments of [`Fixture::export_archive`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExportArchiveParams {}
/// Arguments of [`Fixture::get_widget`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GetWidgetParams {
    /// The `widgetId` path parameter.
    #[serde(rename = "widgetId")]
    pub widget_id: i64,
}
/// Arguments of [`Fixture::list_gadget_reports`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ListGadgetReportsParams {
    /// The `offset` query parameter.
    #[serde(rename = "offset", default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// The `limit` query parameter.
    #[serde(rename = "limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
}
/// Arguments of [`Fixture::list_gadgets`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ListGadgetsParams {
    /// The `page` query parameter.
    #[serde(rename = "page", default, skip_serializing_if = "Option::is_none")]
    pub page: Option<i32>,
    /// The `pagesize` query parameter.
    #[serde(rename = "pagesize", default, skip_serializing_if = "Option::is_none")]
    pub pagesize: Option<i32>,
}
/// Arguments of [`Fixture::list_widgets`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ListWidgetsParams {
    /// The `page` query parameter.
    #[serde(rename = "page", default, skip_serializing_if = "Option::is_none")]
    pub page: Option<i32>,
    /// The `pageSize` query parameter.
    #[serde(rename = "pageSize", default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// The `search` query parameter.
    #[serde(rename = "search", default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// The `scopeId` query parameter.
    #[serde(rename = "scopeId", default, skip_serializing_if = "Option::is_none")]
    pub scope_id: Option<String>,
}
/// Arguments of [`Fixture::list_wrapped_gadgets`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ListWrappedGadgetsParams {
    /// The `page` query parameter.
    #[serde(rename = "page", default, skip_serializing_if = "Option::is_none")]
    pub page: Option<i32>,
    /// The `pageSize` query parameter.
    #[serde(rename = "pageSize", default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
}
/// Arguments of [`Fixture::publish`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PublishParams {}
/// Arguments of [`Fixture::search_gadgets`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchGadgetsParams {
    /// The `page` query parameter.
    #[serde(rename = "page", default, skip_serializing_if = "Option::is_none")]
    pub page: Option<i32>,
    /// The `pageSize` query parameter.
    #[serde(rename = "pageSize", default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// The `pageId` query parameter.
    #[serde(rename = "pageId", default, skip_serializing_if = "Option::is_none")]
    pub page_id: Option<String>,
    /// The JSON request body.
    pub body: types::GadgetQuery,
}
/// Arguments of [`Fixture::update_widget`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateWidgetParams {
    /// The `widgetId` path parameter.
    #[serde(rename = "widgetId")]
    pub widget_id: i64,
    /// The JSON request body.
    pub body: types::Widget,
}
/// Arguments of [`Fixture::widget_lookup`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct WidgetLookupParams {
    /// The JSON request body.
    pub body: Vec<String>,
}
/// Arguments of [`Fixture::patch_widget`].
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PatchWidgetParams {
    /// The `widgetId` parameter of the read and the write.
    #[serde(rename = "widgetId")]
    pub widget_id: i64,
    /// Fields to change, as a JSON merge patch; `null` removes a field.
    pub patch: serde_json::Value,
}
impl crate::pagination::PageParams for ListGadgetsParams {
    fn page(&self) -> Option<i32> {
        self.page
    }
    fn page_size(&self) -> Option<i32> {
        self.pagesize
    }
    fn set_page(&mut self, page: i32, size: i32) {
        self.page = Some(page);
        self.pagesize = Some(size);
    }
}
impl crate::pagination::ZpaPage for types::GadgetPage {
    type Item = types::Gadget;
    fn total_pages(&self) -> Option<String> {
        self.total_pages.as_ref().map(|v| v.to_string())
    }
    fn into_items(self) -> Vec<Self::Item> {
        self.list.unwrap_or_default()
    }
}
impl crate::pagination::sequential::CursorParams for ListGadgetReportsParams {
    fn cursor(&self) -> crate::pagination::sequential::Cursor {
        crate::pagination::sequential::Cursor::Token {
            token: self.offset.clone(),
            limit: self
                .limit
                .map_or(crate::Product::Fixture.info().max_page_size, |v| v as i64),
        }
    }
    fn set_cursor(&mut self, c: crate::pagination::sequential::Cursor) {
        if let crate::pagination::sequential::Cursor::Token { token, limit } = c {
            self.offset = token;
            self.limit = Some(limit as _);
        }
    }
    fn max_size(&self) -> i64 {
        crate::Product::Fixture.info().max_page_size
    }
}
impl crate::pagination::sequential::CursorParams for ListWidgetsParams {
    fn cursor(&self) -> crate::pagination::sequential::Cursor {
        crate::pagination::sequential::Cursor::Page {
            page: self.page.map_or(1, |v| v as i64),
            size: self
                .page_size
                .map_or(crate::Product::Fixture.info().max_page_size, |v| v as i64),
        }
    }
    fn set_cursor(&mut self, c: crate::pagination::sequential::Cursor) {
        if let crate::pagination::sequential::Cursor::Page { page, size } = c {
            self.page = Some(page as _);
            self.page_size = Some(size as _);
        }
    }
    fn max_size(&self) -> i64 {
        crate::Product::Fixture.info().max_page_size
    }
}
impl crate::pagination::sequential::CursorParams for ListWrappedGadgetsParams {
    fn cursor(&self) -> crate::pagination::sequential::Cursor {
        crate::pagination::sequential::Cursor::Page {
            page: self.page.map_or(1, |v| v as i64),
            size: self
                .page_size
                .map_or(crate::Product::Fixture.info().max_page_size, |v| v as i64),
        }
    }
    fn set_cursor(&mut self, c: crate::pagination::sequential::Cursor) {
        if let crate::pagination::sequential::Cursor::Page { page, size } = c {
            self.page = Some(page as _);
            self.page_size = Some(size as _);
        }
    }
    fn max_size(&self) -> i64 {
        crate::Product::Fixture.info().max_page_size
    }
}
impl crate::pagination::sequential::CursorParams for SearchGadgetsParams {
    fn cursor(&self) -> crate::pagination::sequential::Cursor {
        crate::pagination::sequential::Cursor::Page {
            page: self.page.map_or(1, |v| v as i64),
            size: self
                .page_size
                .map_or(crate::Product::Fixture.info().max_page_size, |v| v as i64),
        }
    }
    fn set_cursor(&mut self, c: crate::pagination::sequential::Cursor) {
        if let crate::pagination::sequential::Cursor::Page { page, size } = c {
            self.page = Some(page as _);
            self.page_size = Some(size as _);
        }
    }
    fn max_size(&self) -> i64 {
        crate::Product::Fixture.info().max_page_size
    }
}
impl crate::Fixture {
    #[doc(hidden)]
    pub fn request_add_widget(
        &self,
        p: &AddWidgetParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "POST",
            "addWidget",
            format!(
                "/tenants/{}/widgets", crate ::request::path_segment("tenantId", self
                .client.fill(crate ::Product::Fixture, "tenantId") ?.unwrap_or_default())
                ?
            ),
        );
        r.json_body(&p.body)?;
        Ok(r)
    }
    /// Add a widget (`POST /tenants/{tenantId}/widgets`).
    pub async fn add_widget(
        &self,
        params: &AddWidgetParams,
    ) -> Result<types::Widget, crate::Error> {
        self.client.call_json(self.request_add_widget(params)?).await
    }
    #[doc(hidden)]
    pub fn request_delete_widget(
        &self,
        p: &DeleteWidgetParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "DELETE",
            "deleteWidget",
            format!(
                "/tenants/{}/widgets/{}", crate ::request::path_segment("tenantId", self
                .client.fill(crate ::Product::Fixture, "tenantId") ?.unwrap_or_default())
                ?, crate ::request::path_segment("widgetId", & p.widget_id.to_string()) ?
            ),
        );
        Ok(r)
    }
    /// Delete a widget (`DELETE /tenants/{tenantId}/widgets/{widgetId}`).
    pub async fn delete_widget(
        &self,
        params: &DeleteWidgetParams,
    ) -> Result<(), crate::Error> {
        self.client.call_empty(self.request_delete_widget(params)?).await
    }
    #[doc(hidden)]
    pub fn request_download_report(
        &self,
        _p: &DownloadReportParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "GET",
            "downloadReport",
            "/report.csv".to_string(),
        );
        Ok(r)
    }
    /// Download a CSV report (`GET /report.csv`).
    pub async fn download_report(
        &self,
        params: &DownloadReportParams,
    ) -> Result<String, crate::Error> {
        self.client.call_text(self.request_download_report(params)?).await
    }
    #[doc(hidden)]
    pub fn request_export_archive(
        &self,
        _p: &ExportArchiveParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "GET",
            "exportArchive",
            "/export".to_string(),
        );
        Ok(r)
    }
    /// Download an archive (`GET /export`).
    pub async fn export_archive(
        &self,
        params: &ExportArchiveParams,
    ) -> Result<Vec<u8>, crate::Error> {
        self.client.call_bytes(self.request_export_archive(params)?).await
    }
    #[doc(hidden)]
    pub fn request_get_widget(
        &self,
        p: &GetWidgetParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "GET",
            "getWidget",
            format!(
                "/tenants/{}/widgets/{}", crate ::request::path_segment("tenantId", self
                .client.fill(crate ::Product::Fixture, "tenantId") ?.unwrap_or_default())
                ?, crate ::request::path_segment("widgetId", & p.widget_id.to_string()) ?
            ),
        );
        Ok(r)
    }
    /// Get a widget (`GET /tenants/{tenantId}/widgets/{widgetId}`).
    pub async fn get_widget(
        &self,
        params: &GetWidgetParams,
    ) -> Result<types::Widget, crate::Error> {
        self.client.call_json(self.request_get_widget(params)?).await
    }
    #[doc(hidden)]
    pub fn request_list_gadget_reports(
        &self,
        p: &ListGadgetReportsParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "GET",
            "listGadgetReports",
            "/reports/gadgets".to_string(),
        );
        r.query("offset", &p.offset);
        r.query("limit", &p.limit);
        Ok(r)
    }
    /// Gadget reports, one page per `next_offset` token (ZDX style) (`GET /reports/gadgets`).
    pub async fn list_gadget_reports(
        &self,
        params: &ListGadgetReportsParams,
    ) -> Result<types::GadgetReportPage, crate::Error> {
        self.client.call_json(self.request_list_gadget_reports(params)?).await
    }
    /// Every item of [`Self::list_gadget_reports`], walking all pages in order (the largest page size unless one is given).
    pub async fn list_all_gadget_reports(
        &self,
        params: &ListGadgetReportsParams,
    ) -> Result<Vec<types::Gadget>, crate::Error> {
        crate::pagination::sequential::cursor_collect(
                params,
                |p| async move {
                    let page = self.list_gadget_reports(&p).await?;
                    let more = crate::pagination::sequential::More::Token(
                        page.next_offset,
                    );
                    Ok(
                        crate::pagination::sequential::step_with(
                            page.gadgets.unwrap_or_default(),
                            more,
                        ),
                    )
                },
            )
            .await
    }
    /// Every item of [`Self::list_gadget_reports`] as a stream, page by page in order.
    pub fn iter_gadget_reports<'a>(
        &'a self,
        params: &ListGadgetReportsParams,
    ) -> impl futures_util::Stream<Item = Result<types::Gadget, crate::Error>> + 'a {
        crate::pagination::sequential::cursor_items(
            params,
            move |p| async move {
                let page = self.list_gadget_reports(&p).await?;
                let more = crate::pagination::sequential::More::Token(page.next_offset);
                Ok(
                    crate::pagination::sequential::step_with(
                        page.gadgets.unwrap_or_default(),
                        more,
                    ),
                )
            },
        )
    }
    #[doc(hidden)]
    pub fn request_list_gadgets(
        &self,
        p: &ListGadgetsParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "GET",
            "listGadgets",
            "/gadgets".to_string(),
        );
        r.query("page", &p.page);
        r.query("pagesize", &p.pagesize);
        Ok(r)
    }
    /// List gadgets, in numbered pages that say how many follow (`GET /gadgets`).
    pub async fn list_gadgets(
        &self,
        params: &ListGadgetsParams,
    ) -> Result<types::GadgetPage, crate::Error> {
        self.client.call_json(self.request_list_gadgets(params)?).await
    }
    /// Every item of [`Self::list_gadgets`], walking all pages in order, as many at once as the rate budget has free.
    pub async fn list_all_gadgets(
        &self,
        params: &ListGadgetsParams,
    ) -> Result<Vec<types::Gadget>, crate::Error> {
        crate::pagination::zpa_collect(
                params,
                self.client.page_budget(crate::Product::Fixture, "listGadgets"),
                |p| async move { self.list_gadgets(&p).await },
            )
            .await
    }
    /// Every item of [`Self::list_gadgets`] as a stream, page by page in order.
    pub fn iter_gadgets<'a>(
        &'a self,
        params: &ListGadgetsParams,
    ) -> impl futures_util::Stream<Item = Result<types::Gadget, crate::Error>> + 'a {
        crate::pagination::zpa_items(
            params,
            self.client.prefetch(),
            self.client.page_budget(crate::Product::Fixture, "listGadgets"),
            move |p| async move { self.list_gadgets(&p).await },
        )
    }
    #[doc(hidden)]
    pub fn request_list_widgets(
        &self,
        p: &ListWidgetsParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "GET",
            "listWidgets",
            format!(
                "/tenants/{}/widgets", crate ::request::path_segment("tenantId", self
                .client.fill(crate ::Product::Fixture, "tenantId") ?.unwrap_or_default())
                ?
            ),
        );
        r.query("page", &p.page);
        r.query("pageSize", &p.page_size);
        r.query("search", &p.search);
        r.query(
            "scopeId",
            &match p.scope_id.as_deref() {
                Some(v) => Some(v),
                None => self.client.fill(crate::Product::Fixture, "scopeId")?,
            },
        );
        Ok(r)
    }
    /// List widgets (`GET /tenants/{tenantId}/widgets`).
    pub async fn list_widgets(
        &self,
        params: &ListWidgetsParams,
    ) -> Result<Vec<types::Widget>, crate::Error> {
        self.client.call_json(self.request_list_widgets(params)?).await
    }
    /// Every item of [`Self::list_widgets`], walking all pages in order (the largest page size unless one is given).
    pub async fn list_all_widgets(
        &self,
        params: &ListWidgetsParams,
    ) -> Result<Vec<types::Widget>, crate::Error> {
        crate::pagination::sequential::cursor_collect(
                params,
                |p| async move {
                    let page = self.list_widgets(&p).await?;
                    Ok(crate::pagination::sequential::step_of(page, false))
                },
            )
            .await
    }
    /// Every item of [`Self::list_widgets`] as a stream, page by page in order.
    pub fn iter_widgets<'a>(
        &'a self,
        params: &ListWidgetsParams,
    ) -> impl futures_util::Stream<Item = Result<types::Widget, crate::Error>> + 'a {
        crate::pagination::sequential::cursor_items(
            params,
            move |p| async move {
                let page = self.list_widgets(&p).await?;
                Ok(crate::pagination::sequential::step_of(page, false))
            },
        )
    }
    #[doc(hidden)]
    pub fn request_list_wrapped_gadgets(
        &self,
        p: &ListWrappedGadgetsParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "GET",
            "listWrappedGadgets",
            "/wrappedGadgets".to_string(),
        );
        r.query("page", &p.page);
        r.query("pageSize", &p.page_size);
        Ok(r)
    }
    /// Gadgets wrapped with their total (ZCC style) (`GET /wrappedGadgets`).
    pub async fn list_wrapped_gadgets(
        &self,
        params: &ListWrappedGadgetsParams,
    ) -> Result<types::WrappedGadgets, crate::Error> {
        self.client.call_json(self.request_list_wrapped_gadgets(params)?).await
    }
    /// Every item of [`Self::list_wrapped_gadgets`], walking all pages in order (the largest page size unless one is given); after the first, as many at once as the rate budget has free.
    pub async fn list_all_wrapped_gadgets(
        &self,
        params: &ListWrappedGadgetsParams,
    ) -> Result<Vec<types::Gadget>, crate::Error> {
        crate::pagination::sequential::cursor_collect_within(
                params,
                self.client.page_budget(crate::Product::Fixture, "listWrappedGadgets"),
                |p| async move {
                    let page = self.list_wrapped_gadgets(&p).await?;
                    let more = crate::pagination::sequential::More::Total(
                        page.total_count.map(|v| v as i64),
                    );
                    Ok(
                        crate::pagination::sequential::step_with(
                            page.gadget_contracts.unwrap_or_default(),
                            more,
                        ),
                    )
                },
            )
            .await
    }
    /// Every item of [`Self::list_wrapped_gadgets`] as a stream, page by page in order.
    pub fn iter_wrapped_gadgets<'a>(
        &'a self,
        params: &ListWrappedGadgetsParams,
    ) -> impl futures_util::Stream<Item = Result<types::Gadget, crate::Error>> + 'a {
        crate::pagination::sequential::cursor_items_within(
            params,
            self.client.prefetch(),
            self.client.page_budget(crate::Product::Fixture, "listWrappedGadgets"),
            move |p| async move {
                let page = self.list_wrapped_gadgets(&p).await?;
                let more = crate::pagination::sequential::More::Total(
                    page.total_count.map(|v| v as i64),
                );
                Ok(
                    crate::pagination::sequential::step_with(
                        page.gadget_contracts.unwrap_or_default(),
                        more,
                    ),
                )
            },
        )
    }
    #[doc(hidden)]
    pub fn request_publish(
        &self,
        _p: &PublishParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "POST",
            "publish",
            "/publish".to_string(),
        );
        r.effect = crate::request::Effect::Activate;
        Ok(r)
    }
    /// Apply staged changes (`POST /publish`).
    pub async fn publish(&self, params: &PublishParams) -> Result<(), crate::Error> {
        self.client.call_empty(self.request_publish(params)?).await
    }
    #[doc(hidden)]
    pub fn request_search_gadgets(
        &self,
        p: &SearchGadgetsParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "POST",
            "searchGadgets",
            "/gadgets/search".to_string(),
        );
        r.effect = crate::request::Effect::Read;
        r.query("page", &p.page);
        r.query("pageSize", &p.page_size);
        r.query("pageId", &p.page_id);
        r.json_body(&p.body)?;
        Ok(r)
    }
    /// Search gadgets, answered with a numbered cursor (ZWA style) (`POST /gadgets/search`).
    pub async fn search_gadgets(
        &self,
        params: &SearchGadgetsParams,
    ) -> Result<types::GadgetSearchPage, crate::Error> {
        self.client.call_json(self.request_search_gadgets(params)?).await
    }
    /// Every item of [`Self::search_gadgets`], walking all pages in order (the largest page size unless one is given); after the first, as many at once as the rate budget has free.
    pub async fn search_gadgets_all(
        &self,
        params: &SearchGadgetsParams,
    ) -> Result<Vec<types::Gadget>, crate::Error> {
        crate::pagination::sequential::cursor_collect_within(
                params,
                self.client.page_budget(crate::Product::Fixture, "searchGadgets"),
                |p| async move {
                    let page = self.search_gadgets(&p).await?;
                    let cursor = page.cursor.as_ref();
                    let more = crate::pagination::sequential::More::Pages {
                        current: cursor
                            .and_then(|c| c.current_page_number)
                            .map(|v| v as i64),
                        total: cursor.and_then(|c| c.total_pages).map(|v| v as i64),
                    };
                    Ok(
                        crate::pagination::sequential::step_with(
                            page.gadgets.unwrap_or_default(),
                            more,
                        ),
                    )
                },
            )
            .await
    }
    /// Every item of [`Self::search_gadgets`] as a stream, page by page in order.
    pub fn iter_search_gadgets<'a>(
        &'a self,
        params: &SearchGadgetsParams,
    ) -> impl futures_util::Stream<Item = Result<types::Gadget, crate::Error>> + 'a {
        crate::pagination::sequential::cursor_items_within(
            params,
            self.client.prefetch(),
            self.client.page_budget(crate::Product::Fixture, "searchGadgets"),
            move |p| async move {
                let page = self.search_gadgets(&p).await?;
                let cursor = page.cursor.as_ref();
                let more = crate::pagination::sequential::More::Pages {
                    current: cursor
                        .and_then(|c| c.current_page_number)
                        .map(|v| v as i64),
                    total: cursor.and_then(|c| c.total_pages).map(|v| v as i64),
                };
                Ok(
                    crate::pagination::sequential::step_with(
                        page.gadgets.unwrap_or_default(),
                        more,
                    ),
                )
            },
        )
    }
    #[doc(hidden)]
    pub fn request_update_widget(
        &self,
        p: &UpdateWidgetParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "PUT",
            "updateWidget",
            format!(
                "/tenants/{}/widgets/{}", crate ::request::path_segment("tenantId", self
                .client.fill(crate ::Product::Fixture, "tenantId") ?.unwrap_or_default())
                ?, crate ::request::path_segment("widgetId", & p.widget_id.to_string()) ?
            ),
        );
        r.json_body(&p.body)?;
        Ok(r)
    }
    /// Replace a widget (`PUT /tenants/{tenantId}/widgets/{widgetId}`).
    pub async fn update_widget(
        &self,
        params: &UpdateWidgetParams,
    ) -> Result<types::Widget, crate::Error> {
        self.client.call_json(self.request_update_widget(params)?).await
    }
    #[doc(hidden)]
    pub fn request_widget_lookup(
        &self,
        p: &WidgetLookupParams,
    ) -> Result<crate::request::ApiRequest, crate::Error> {
        let mut r = crate::request::ApiRequest::new(
            crate::Product::Fixture,
            "POST",
            "widgetLookup",
            "/widgetLookup".to_string(),
        );
        r.effect = crate::request::Effect::Read;
        r.json_body(&p.body)?;
        Ok(r)
    }
    /// Look widgets up by name (`POST /widgetLookup`).
    pub async fn widget_lookup(
        &self,
        params: &WidgetLookupParams,
    ) -> Result<Vec<types::Widget>, crate::Error> {
        self.client.call_json(self.request_widget_lookup(params)?).await
    }
    /// Change only the fields named in `patch` of the object [`Self::get_widget`] returns, then store it with [`Self::update_widget`], so fields the patch leaves out keep their values. Returns what was stored.
    pub async fn patch_widget(
        &self,
        p: &PatchWidgetParams,
    ) -> Result<types::Widget, crate::Error> {
        let current = self
            .get_widget(
                &GetWidgetParams {
                    widget_id: p.widget_id.clone(),
                },
            )
            .await?;
        let body: types::Widget = crate::merge::apply(&current, &p.patch)?;
        self.update_widget(
                &UpdateWidgetParams {
                    widget_id: p.widget_id.clone(),
                    body: body.clone(),
                },
            )
            .await?;
        Ok(body)
    }
}
#[cfg(target_arch = "wasm32")]
#[allow(clippy::all)]
pub(crate) mod js_bindings {
    use crate::js::ZscalerClient;
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen(typescript_custom_section)]
    const TS_DECLARATIONS: &'static str = r####"export namespace Fixture {
  export type Widget = { "id"?: number | bigint; "name": string; "kind"?: "small" | "large" | (string & {}); "tags"?: Array<string>; };
  /** `Widget` as a create body: required fields required, server-set ones left out. */
  export type WidgetCreate = { "id"?: never; "name": string; "kind": "small" | "large" | (string & {}); "tags"?: Array<string>; };
  export type Gadget = { "id"?: string; };
  export type GadgetPage = { "totalPages"?: string; "list"?: Array<Gadget>; };
  export type GadgetReportPage = { "gadgets"?: Array<Gadget>; "next_offset"?: string; };
  export type WrappedGadgets = { "gadgetContracts"?: Array<Gadget>; "totalCount"?: number; };
  export type PageCursor = { "totalPages"?: number; "currentPageNumber"?: number; "pageId"?: string; };
  export type GadgetQuery = { "name"?: string; };
  export type GadgetSearchPage = { "cursor"?: PageCursor; "gadgets"?: Array<Gadget>; };
  export type ApiError = { "code"?: string; "message"?: string; };
  /** Arguments of `addWidget`. */
  export interface AddWidgetParams {
    /** JSON request body. */
    body: Fixture.WidgetCreate;
  }
  /** Arguments of `deleteWidget`. */
  export interface DeleteWidgetParams {
    /** Path parameter. */
    "widgetId": number | bigint;
  }
  /** Arguments of `downloadReport`. */
  export interface DownloadReportParams {
  }
  /** Arguments of `exportArchive`. */
  export interface ExportArchiveParams {
  }
  /** Arguments of `getWidget`. */
  export interface GetWidgetParams {
    /** Path parameter. */
    "widgetId": number | bigint;
  }
  /** Arguments of `listGadgetReports`. */
  export interface ListGadgetReportsParams {
    /** Query parameter. */
    "offset"?: string;
    /** Query parameter. */
    "limit"?: number;
  }
  /** Arguments of `listGadgets`. */
  export interface ListGadgetsParams {
    /** Query parameter. */
    "page"?: number;
    /** Query parameter. */
    "pagesize"?: number;
  }
  /** Arguments of `listWidgets`. */
  export interface ListWidgetsParams {
    /** Query parameter. */
    "page"?: number;
    /** Query parameter. */
    "pageSize"?: number;
    /** Query parameter. */
    "search"?: string;
    /** Query parameter. */
    "scopeId"?: string;
  }
  /** Arguments of `listWrappedGadgets`. */
  export interface ListWrappedGadgetsParams {
    /** Query parameter. */
    "page"?: number;
    /** Query parameter. */
    "pageSize"?: number;
  }
  /** Arguments of `publish`. */
  export interface PublishParams {
  }
  /** Arguments of `searchGadgets`. */
  export interface SearchGadgetsParams {
    /** Query parameter. */
    "page"?: number;
    /** Query parameter. */
    "pageSize"?: number;
    /** Query parameter. */
    "pageId"?: string;
    /** JSON request body. */
    body: Fixture.GadgetQuery;
  }
  /** Arguments of `updateWidget`. */
  export interface UpdateWidgetParams {
    /** Path parameter. */
    "widgetId": number | bigint;
    /** JSON request body. */
    body: Fixture.Widget;
  }
  /** Arguments of `widgetLookup`. */
  export interface WidgetLookupParams {
    /** JSON request body. */
    body: string[];
  }
  /** Arguments of `patchWidget`. */
  export interface PatchWidgetParams {
    "widgetId": number | bigint;
    /** Fields to change (JSON merge patch: `null` removes). */
    patch: Partial<{ [K in keyof Widget]: Widget[K] | null }>;
  }
}
"####;
    /// FIX operations (`client.fixture`).
    #[wasm_bindgen]
    pub struct FixtureApi(pub(crate) crate::Fixture);
    #[wasm_bindgen]
    impl ZscalerClient {
        /// FIX operations.
        #[wasm_bindgen(getter, unchecked_return_type = "FixtureApi")]
        pub fn fixture(&self) -> JsValue {
            hand_out(FixtureApi(self.client.fixture()))
        }
    }
    #[wasm_bindgen]
    impl FixtureApi {
        /// Whether this client made FIX changes that are not activated yet.
        #[wasm_bindgen(getter, js_name = pendingChanges)]
        pub fn pending_changes(&self) -> bool {
            self.0.pending_changes()
        }
    }
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
            crate::js::methods::Method::CursorAll(
                7,
                crate::js::cursor::CursorKind::Page,
            ),
            crate::js::methods::Method::CursorIter(
                7,
                crate::js::cursor::CursorKind::Page,
            ),
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
}
