import { databaseKind } from "@/db";

export async function GET() {
  return Response.json({ ok: true, database: await databaseKind() });
}
