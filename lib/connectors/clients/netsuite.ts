import { z } from "zod";
import { VendorError } from "../errors";
import type { ConnectionRuntime } from "../runtime";

const REST = "/services/rest";

const ref = z.looseObject({ id: z.string(), refName: z.string().nullish() });
const nullableString = z.string().nullish();
const nullableNumber = z.number().nullish();

export const netsuiteSalesOrderSchema = z.looseObject({
  id: z.string(),
  tranId: z.string(),
  tranDate: z.string(),
  createdDate: nullableString,
  lastModifiedDate: nullableString,
  entity: ref,
  location: ref.nullish(),
  subsidiary: ref.nullish(),
  currency: ref.nullish(),
  email: nullableString,
  subtotal: nullableNumber,
  discountTotal: nullableNumber,
  taxTotal: nullableNumber,
  shippingCost: nullableNumber,
  total: z.number(),
  status: nullableString,
  orderStatus: nullableString,
  memo: nullableString,
  otherRefNum: nullableString,
  item: z
    .looseObject({
      items: z
        .array(
          z.looseObject({
            line: z.number().nullish(),
            item: ref.nullish(),
            quantity: nullableNumber,
            rate: nullableNumber,
            amount: nullableNumber,
            location: ref.nullish(),
          }),
        )
        .optional(),
    })
    .nullish(),
});
export type NetSuiteSalesOrder = z.infer<typeof netsuiteSalesOrderSchema>;

export const netsuiteCustomerSchema = z.looseObject({
  id: z.string(),
  entityId: nullableString,
  altName: nullableString,
  companyName: nullableString,
  isPerson: z.boolean(),
  firstName: nullableString,
  lastName: nullableString,
  email: nullableString,
  phone: nullableString,
  subsidiary: ref.nullish(),
  dateCreated: nullableString,
  lastModifiedDate: nullableString,
  isInactive: z.boolean().nullish(),
  entityStatus: ref.nullish(),
  globalSubscriptionStatus: ref.nullish(),
});
export type NetSuiteCustomer = z.infer<typeof netsuiteCustomerSchema>;

const collectionEnvelope = {
  count: z.number(),
  hasMore: z.boolean(),
  offset: z.number(),
  totalResults: z.number(),
};
const suiteqlSchema = z.looseObject({
  ...collectionEnvelope,
  items: z.array(z.record(z.string(), z.unknown())),
});
const recordListSchema = z.looseObject({
  ...collectionEnvelope,
  items: z.array(z.looseObject({ id: z.string() })),
});

export type NetSuitePage = { limit: number; offset: number };

export interface NetSuiteClient {
  suiteql(
    query: string,
    page: NetSuitePage,
  ): Promise<{ items: Record<string, string>[]; hasMore: boolean; count: number; offset: number; totalResults: number }>;
  listSalesOrdersModifiedSince(since: Date, page: NetSuitePage): Promise<{ ids: string[]; hasMore: boolean; totalResults: number }>;
  getSalesOrder(id: string): Promise<NetSuiteSalesOrder>;
  getCustomer(id: string): Promise<NetSuiteCustomer>;
  test(): Promise<{ account: string }>;
}

function checkPage(page: NetSuitePage) {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 1000) throw new RangeError("NetSuite limit must be 1–1000");
  if (!Number.isInteger(page.offset) || page.offset < 0) throw new RangeError("NetSuite offset must be a non-negative integer");
}

/** `M/D/YYYY` (the usual NetSuite user date preference) and ISO `YYYY-MM-DD` as the fallback. */
function filterDates(since: Date): [string, string] {
  const y = since.getUTCFullYear();
  const m = since.getUTCMonth() + 1;
  const d = since.getUTCDate();
  return [`${m}/${d}/${y}`, `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`];
}

export function createNetSuiteClient(rt: ConnectionRuntime): NetSuiteClient {
  const url = (path: string) => `${rt.baseUrl}${REST}${path}`;
  const id = (value: string) => encodeURIComponent(value);
  return {
    suiteql: (query, page) =>
      rt.call(async () => {
        checkPage(page);
        const body = await rt.http.request({
          operation: "suiteql",
          method: "POST",
          url: url("/query/v1/suiteql"),
          query: { limit: page.limit, offset: page.offset },
          headers: { prefer: "transient" },
          json: { q: query },
          schema: suiteqlSchema,
        });
        const items = body.items.map((row) => {
          const out: Record<string, string> = {};
          for (const [key, value] of Object.entries(row)) {
            if (key === "links" || value === null || value === undefined) continue;
            out[key] = typeof value === "string" ? value : String(value);
          }
          return out;
        });
        return { items, hasMore: body.hasMore, count: body.count, offset: body.offset, totalResults: body.totalResults };
      }),

    listSalesOrdersModifiedSince: (since, page) =>
      rt.call(async () => {
        checkPage(page);
        const list = (date: string) =>
          rt.http.request({
            operation: "listSalesOrdersModifiedSince",
            method: "GET",
            url: url("/record/v1/salesOrder"),
            query: { q: `lastModifiedDate ON_OR_AFTER "${date}"`, limit: page.limit, offset: page.offset },
            schema: recordListSchema,
          });
        const [usDate, isoDate] = filterDates(since);
        let body;
        try {
          body = await list(usDate);
        } catch (error) {
          // Accounts whose date preference is not M/D/YYYY answer "Unparseable date": retry as ISO.
          if (error instanceof VendorError && error.status === 400 && /unparseable date/i.test(error.message)) body = await list(isoDate);
          else throw error;
        }
        return { ids: body.items.map((item) => item.id), hasMore: body.hasMore, totalResults: body.totalResults };
      }),

    getSalesOrder: (orderId) =>
      rt.call(() =>
        rt.http.request({
          operation: "getSalesOrder",
          method: "GET",
          url: url(`/record/v1/salesOrder/${id(orderId)}`),
          query: { expandSubResources: "true" },
          schema: netsuiteSalesOrderSchema,
        }),
      ),

    getCustomer: (customerId) =>
      rt.call(() =>
        rt.http.request({
          operation: "getCustomer",
          method: "GET",
          url: url(`/record/v1/customer/${id(customerId)}`),
          schema: netsuiteCustomerSchema,
        }),
      ),

    test: () =>
      rt.call(async () => {
        await rt.http.request({
          operation: "test",
          method: "GET",
          url: url("/record/v1/salesOrder"),
          query: { limit: 1, offset: 0 },
          schema: recordListSchema,
        });
        return { account: rt.accountId ?? new URL(rt.baseUrl).host };
      }),
  };
}
