ALTER TABLE "counter_stores" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "object_stores" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Statement-level triggers bump the version of every store whose rows a statement touched,
-- whichever code path wrote them (storage, workflows, reconciliation). Each trigger names its
-- transition table "changed_rows": the new rows for INSERT and UPDATE, the old ones for DELETE.
CREATE FUNCTION "bump_store_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'stored_objects' THEN
    UPDATE "object_stores" SET "version" = "version" + 1 WHERE "id" IN (SELECT DISTINCT "store_id" FROM "changed_rows");
  ELSE
    UPDATE "counter_stores" SET "version" = "version" + 1 WHERE "id" IN (SELECT DISTINCT "store_id" FROM "changed_rows");
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stored_objects_inserted" AFTER INSERT ON "stored_objects" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_store_version"();--> statement-breakpoint
CREATE TRIGGER "stored_objects_updated" AFTER UPDATE ON "stored_objects" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_store_version"();--> statement-breakpoint
CREATE TRIGGER "stored_objects_deleted" AFTER DELETE ON "stored_objects" REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_store_version"();--> statement-breakpoint
CREATE TRIGGER "counters_inserted" AFTER INSERT ON "counters" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_store_version"();--> statement-breakpoint
CREATE TRIGGER "counters_updated" AFTER UPDATE ON "counters" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_store_version"();--> statement-breakpoint
CREATE TRIGGER "counters_deleted" AFTER DELETE ON "counters" REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_store_version"();
