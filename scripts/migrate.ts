/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the embedded database). */
import { closeDb, databaseKind, getDb } from "../db";

process.env.DEMO_SEED ??= "false";
await getDb();
console.log(`migrations applied (${await databaseKind()})`);
await closeDb();
