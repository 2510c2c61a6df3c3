// ActiveCampaign error bodies (§3.3–3.4).
import { json, type Reply } from "../http";

export function unprocessable(errors: { title: string; code: string; field?: string }[]): Reply {
  return json(422, {
    errors: errors.map((e) => ({ title: e.title, detail: "", code: e.code, ...(e.field ? { source: { pointer: `/data/attributes/${e.field}` } } : {}) })),
  });
}

export const notFound = (what: string, id: string) => json(404, { message: `No Result found for ${what} with id ${id}` });
export const badRequest = () => json(400, { errors: [{ status: 400, title: "Bad Request" }] });
