// Record API: the sales order list (ids + links only), one sales order, one customer (§1.4–1.6).
import type { Reply, RequestContext } from "../http";
import { json } from "../http";
import type { NetSuiteDb } from "./db";
import { toIsoUtc } from "./dates";
import { invalidParameter, nonexistentId } from "./errors";
import { compileFilter, FilterError } from "./record-filter";
import { MAX_LIMIT, MAX_ROWS } from "./suiteql";

export interface RecordDeps {
  db: NetSuiteDb;
  maybeMalform<T extends Record<string, unknown>>(record: T): T;
}

const RECORD_BASE = "/services/rest/record/v1";
const SUBSIDIARY = { id: "1", refName: "Sandbox Parent Co" };
const CURRENCY = { id: "1", refName: "GBP" };
const SUBSCRIPTION_NAMES: Record<string, string> = { "1": "Soft Opt-In", "2": "Soft Opt-Out", "3": "Confirmed Opt-In", "4": "Confirmed Opt-Out" };

/** limit/offset as NetSuite validates them for both collections and SuiteQL. */
export function parsePaging(query: URLSearchParams): { limit: number; offset: number } | Reply {
  const limit = query.has("limit") ? Number(query.get("limit")) : MAX_LIMIT;
  const offset = query.has("offset") ? Number(query.get("offset")) : 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return invalidParameter(`Invalid 'limit' query parameter value. The value must be between 1 and ${MAX_LIMIT}.`);
  if (!Number.isInteger(offset) || offset < 0) return invalidParameter("Invalid 'offset' query parameter value. The value must be zero or more.");
  if (offset % limit !== 0) return invalidParameter("Invalid 'offset' query parameter value. The offset must be a multiple of the limit.");
  if (offset >= MAX_ROWS) return invalidParameter(`Invalid 'offset' query parameter value. At most ${MAX_ROWS} results can be read.`);
  return { limit, offset };
}

export function collectionLinks(ctx: RequestContext, limit: number, offset: number, hasMore: boolean): { rel: string; href: string }[] {
  const href = (o: number) => {
    const q = new URLSearchParams(ctx.query);
    q.set("limit", String(limit));
    q.set("offset", String(o));
    return `${ctx.origin}${ctx.path}?${q}`;
  };
  const links = [];
  if (offset > 0) links.push({ rel: "previous", href: href(Math.max(0, offset - limit)) });
  if (hasMore) links.push({ rel: "next", href: href(offset + limit) });
  links.push({ rel: "self", href: `${ctx.origin}${ctx.path}${ctx.query.size ? `?${ctx.query}` : ""}` });
  return links;
}

const self = (ctx: RequestContext, path: string) => [{ rel: "self", href: `${ctx.origin}${RECORD_BASE}/${path}` }];

function ref(ctx: RequestContext, type: string, id: unknown, refName: unknown) {
  if (id === null || id === undefined) return undefined;
  return { links: self(ctx, `${type}/${id}`), id: String(id), refName: refName === null ? undefined : String(refName) };
}

/** Record bodies leave out fields with no value (the sandbox's pick for an [UNV] point). */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

export async function listSalesOrders(ctx: RequestContext, deps: RecordDeps): Promise<Reply> {
  const paging = parsePaging(ctx.query);
  if ("status" in paging) return paging;
  let where = "t.type = 'SalesOrd'";
  let params: string[] = [];
  const q = ctx.query.get("q");
  if (q) {
    try {
      const filter = compileFilter(q);
      where += ` AND ${filter.sql}`;
      params = filter.params;
    } catch (err) {
      if (err instanceof FilterError) return invalidParameter(err.message);
      throw err;
    }
  }
  const total = await deps.db.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM transaction t WHERE ${where}`, params);
  const page = await deps.db.pg.query<{ id: number }>(
    `SELECT t.id FROM transaction t WHERE ${where} ORDER BY t.id LIMIT ${paging.limit} OFFSET ${paging.offset}`,
    params,
  );
  const totalResults = Math.min(total.rows[0].n, MAX_ROWS);
  const hasMore = paging.offset + page.rows.length < totalResults;
  return json(200, {
    links: collectionLinks(ctx, paging.limit, paging.offset, hasMore),
    count: page.rows.length,
    hasMore,
    offset: paging.offset,
    totalResults,
    items: page.rows.map((r) => ({ links: self(ctx, `salesOrder/${r.id}`), id: String(r.id) })),
  });
}

const isId = (s: string) => /^\d{1,9}$/.test(s);

export async function getSalesOrder(ctx: RequestContext, deps: RecordDeps): Promise<Reply> {
  const id = ctx.params.id;
  if (!isId(id)) return nonexistentId();
  const header = await deps.db.pg.query<Record<string, string | null>>(
    `SELECT t.id, t.tranid, t.trandate::text AS trandate, t.createddate::text AS createddate, t.lastmodifieddate::text AS lastmodifieddate,
            t.entity, ns_df_entity(t.entity) AS entityname, t.email, t.foreigntotal::text AS total, t.status, t.memo,
            hl.location, l.name AS locationname
       FROM transaction t
       LEFT JOIN transactionline hl ON hl.transaction = t.id AND hl.mainline = 'T'
       LEFT JOIN location l ON l.id = hl.location
      WHERE t.id = $1 AND t.type = 'SalesOrd'`,
    [Number(id)],
  );
  const t = header.rows[0];
  if (!t) return nonexistentId();
  const lines = await deps.db.pg.query<Record<string, string | null>>(
    `SELECT tl.linesequencenumber AS line, tl.item, i.itemid AS itemname, (-tl.quantity)::text AS quantity, tl.rate::text AS rate,
            (-tl.netamount)::text AS amount, tl.location, l.name AS locationname
       FROM transactionline tl LEFT JOIN item i ON i.id = tl.item LEFT JOIN location l ON l.id = tl.location
      WHERE tl.transaction = $1 AND tl.mainline = 'F' AND tl.taxline = 'F' ORDER BY tl.linesequencenumber`,
    [Number(id)],
  );
  const subtotal = lines.rows.reduce((sum, l) => sum + Number(l.amount), 0);
  const total = Number(t.total);
  const itemLinks = self(ctx, `salesOrder/${id}/item`);
  const expand = ctx.query.get("expandSubResources") === "true";
  const item = expand
    ? {
        links: itemLinks,
        count: lines.rows.length,
        hasMore: false,
        offset: 0,
        totalResults: lines.rows.length,
        items: lines.rows.map((l) =>
          compact({
            links: self(ctx, `salesOrder/${id}/item/${l.line}`),
            line: Number(l.line),
            item: l.item === null ? undefined : { id: String(l.item), refName: l.itemname ?? undefined },
            quantity: Number(l.quantity),
            rate: Number(l.rate),
            amount: Number(l.amount),
            location: ref(ctx, "location", l.location, l.locationname),
          }),
        ),
      }
    : { links: itemLinks };
  const body = compact({
    links: self(ctx, `salesOrder/${id}`),
    id: String(t.id),
    tranId: t.tranid,
    tranDate: t.trandate,
    createdDate: toIsoUtc(t.createddate),
    lastModifiedDate: toIsoUtc(t.lastmodifieddate),
    entity: ref(ctx, "customer", t.entity, t.entityname),
    location: ref(ctx, "location", t.location, t.locationname),
    subsidiary: SUBSIDIARY,
    currency: CURRENCY,
    email: t.email,
    subtotal: Math.round(subtotal * 100) / 100,
    discountTotal: 0,
    taxTotal: 0,
    shippingCost: 0,
    total,
    status: t.status,
    orderStatus: t.status,
    memo: t.memo,
    item,
  });
  return json(200, deps.maybeMalform(body));
}

export async function getCustomer(ctx: RequestContext, deps: RecordDeps): Promise<Reply> {
  const id = ctx.params.id;
  if (!isId(id)) return nonexistentId();
  const r = await deps.db.pg.query<Record<string, string | null>>(
    `SELECT id, entityid, altname, companyname, firstname, lastname, email, isperson, globalsubscriptionstatus::text AS gss,
            phone, datecreated::text AS datecreated, lastmodifieddate::text AS lastmodifieddate, isinactive
       FROM customer WHERE id = $1`,
    [Number(id)],
  );
  const c = r.rows[0];
  if (!c) return nonexistentId();
  const body = compact({
    links: self(ctx, `customer/${id}`),
    id: String(c.id),
    entityId: c.entityid,
    altName: c.altname,
    companyName: c.companyname,
    isPerson: c.isperson === "T",
    firstName: c.firstname,
    lastName: c.lastname,
    email: c.email,
    phone: c.phone,
    globalSubscriptionStatus: c.gss ? { id: c.gss, refName: SUBSCRIPTION_NAMES[c.gss] } : undefined,
    subsidiary: { links: self(ctx, "subsidiary/1"), ...SUBSIDIARY },
    dateCreated: toIsoUtc(c.datecreated),
    lastModifiedDate: toIsoUtc(c.lastmodifieddate),
    isInactive: c.isinactive === "T",
    entityStatus: { id: "13", refName: "CUSTOMER-Closed Won" },
  });
  return json(200, deps.maybeMalform(body));
}
