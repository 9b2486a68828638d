export namespace Fixture {
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
