-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension; PGlite loads it from its contrib build.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "stored_objects_text_trgm_idx" ON "stored_objects" USING gin (lower(("key" || ' ' || ("data")::text)) gin_trgm_ops);
