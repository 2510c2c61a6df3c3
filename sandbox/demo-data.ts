// Deterministic NetSuite demo data: the same seed and `now` always give the same account.
import { z } from "zod";
import type { CustomerRow, ItemRow, LocationRow, SalesOrderSpec } from "./netsuite/db";
import { pick, randomInt, seededRng, type Rng } from "./random";

export const demoDataInput = z.object({
  seed: z.number().int().default(42),
  customers: z.number().int().min(1).max(100_000).default(200),
  orders: z.number().int().min(0).max(200_000).default(600),
  days: z.number().int().min(1).max(3650).default(30),
  now: z.iso.datetime({ offset: true }).optional(),
});
export type DemoDataInput = z.infer<typeof demoDataInput>;

export const DEMO_LOCATIONS: LocationRow[] = [
  { id: 1, name: "London" },
  { id: 2, name: "Manchester" },
  { id: 3, name: "Online" },
];

const ITEMS: ItemRow[] = ["Espresso Machine", "Burr Grinder", "Milk Jug", "Coffee Beans 1kg", "Tamper", "Descaler", "Travel Mug", "Filter Papers", "Scale", "Kettle"].map(
  (name, i) => ({ id: 201 + i, itemid: name.toUpperCase().replace(/\W+/g, "-"), displayname: name }),
);

const FIRST = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Freya", "Jack", "Sophia", "Oscar", "Grace"];
const LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Walker", "Evans", "Thomas", "Roberts"];
const COMPANIES = ["Acme", "Northwind", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell"];

const DAY_MS = 86_400_000;
const pgTimestamp = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);

/** Mostly soft opt-in, with some confirmed opt-ins and both kinds of opt-out. */
function subscriptionStatus(rng: Rng): number {
  const r = rng();
  return r < 0.6 ? 1 : r < 0.8 ? 3 : r < 0.92 ? 2 : 4;
}

function customer(rng: Rng, id: number, createdMs: number): CustomerRow {
  const isPerson = rng() < 0.75;
  const first = pick(rng, FIRST);
  const last = pick(rng, LAST);
  const company = `${pick(rng, COMPANIES)} ${pick(rng, ["Ltd", "plc", "Trading", "Group"])}`;
  const hasEmail = rng() >= 0.1;
  const email = isPerson ? `${first}.${last}.${id}@example.com`.toLowerCase() : `accounts.${id}@${company.split(" ")[0].toLowerCase()}.example.com`;
  const created = pgTimestamp(createdMs);
  return {
    id,
    entityid: `CUST-${String(id).padStart(5, "0")}`,
    altname: isPerson ? `${first} ${last}` : company,
    companyname: isPerson ? null : company,
    firstname: isPerson ? first : null,
    lastname: isPerson ? last : null,
    email: hasEmail ? email : null,
    isperson: isPerson ? "T" : "F",
    globalsubscriptionstatus: subscriptionStatus(rng),
    phone: rng() < 0.6 ? `+44 7700 ${String(randomInt(rng, 0, 999999)).padStart(6, "0")}` : null,
    datecreated: created,
    lastmodifieddate: created,
    isinactive: "F",
  };
}

/** Splits a target total over 1–3 lines so order totals land between ~10 and ~900. */
function lines(rng: Rng): SalesOrderSpec["lines"] {
  const total = 10 + 890 * rng() ** 1.6;
  const count = randomInt(rng, 1, 3);
  const shares = Array.from({ length: count }, () => 0.2 + rng());
  const sum = shares.reduce((a, b) => a + b, 0);
  return shares.map((share) => {
    const quantity = randomInt(rng, 1, 3);
    return { item: pick(rng, ITEMS).id, quantity, rate: Math.max(1, Math.round(((total * share) / sum / quantity) * 100) / 100) };
  });
}

export function generateDemoData(input: DemoDataInput, nowMs: number) {
  const rng = seededRng(input.seed);
  const now = input.now ? Date.parse(input.now) : nowMs;
  const windowStart = now - input.days * DAY_MS;
  const customers = Array.from({ length: input.customers }, (_, i) => customer(rng, 101 + i, windowStart - randomInt(rng, 1, 700) * DAY_MS));

  // Order times first, sorted, so ids and tranIds grow with time as in a real account.
  const times = Array.from({ length: input.orders }, () => windowStart + Math.floor(rng() * (now - windowStart))).sort((a, b) => a - b);
  const orders: SalesOrderSpec[] = times.map((createdMs, i) => {
    // Squaring skews choice towards low ids: a core of repeat buyers and a long tail.
    const buyer = customers[Math.floor(rng() ** 2 * customers.length)];
    const modifiedMs = Math.min(now, createdMs + Math.floor(rng() * 2 * DAY_MS));
    const id = 1001 + i;
    return {
      id,
      tranId: `SO${id}`,
      tranDate: new Date(createdMs).toISOString().slice(0, 10),
      customerId: buyer.id,
      locationId: rng() < 0.5 ? 1 : rng() < 0.5 ? 2 : 3,
      email: buyer.email,
      status: pick(rng, ["B", "B", "B", "F", "G"]),
      createdDate: pgTimestamp(createdMs),
      lastModifiedDate: pgTimestamp(modifiedMs),
      lines: lines(rng),
    };
  });
  return { locations: DEMO_LOCATIONS, items: ITEMS, customers, orders };
}
