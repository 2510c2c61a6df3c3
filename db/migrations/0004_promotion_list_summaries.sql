CREATE TABLE "promotion_list_customers" (
	"store_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"email" text NOT NULL,
	"records" integer NOT NULL,
	"amount" numeric NOT NULL,
	"latest" text NOT NULL,
	CONSTRAINT "promotion_list_customers_store_id_email_pk" PRIMARY KEY("store_id","email")
);
--> statement-breakpoint
CREATE TABLE "promotion_list_days" (
	"store_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"day" text NOT NULL,
	"records" integer NOT NULL,
	"amount" numeric NOT NULL,
	CONSTRAINT "promotion_list_days_store_id_day_pk" PRIMARY KEY("store_id","day")
);
--> statement-breakpoint
ALTER TABLE "promotion_list_customers" ADD CONSTRAINT "promotion_list_customers_store_id_object_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."object_stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_list_customers" ADD CONSTRAINT "promotion_list_customers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_list_days" ADD CONSTRAINT "promotion_list_days_store_id_object_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."object_stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_list_days" ADD CONSTRAINT "promotion_list_days_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- What a promotion-list record adds to the figures. A hand-edited amount that is not a decimal counts as 0.
CREATE FUNCTION "promotion_amount"("data" jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN "data"->>'Purchase Amount' ~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$' THEN trim("data"->>'Purchase Amount')::numeric ELSE 0 END
$$;--> statement-breakpoint
-- A record as "date, id, subscription status" in one string whose byte order (collate "C") is "latest first by date, then by id".
CREATE FUNCTION "promotion_latest"("data" jsonb, "id" bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce("data"->>'Date Of Purchase', '') || chr(1) || lpad("id"::text, 20, '0') || chr(1) || coalesce("data"->>'Subscription Status', '')
$$;--> statement-breakpoint
-- The promotion-list rows among what a statement added (+1) and removed (-1).
CREATE FUNCTION "promotion_list_delta"("added" "stored_objects"[], "removed" "stored_objects"[])
RETURNS TABLE ("store_id" uuid, "team_id" uuid, "id" bigint, "data" jsonb, "sign" int) LANGUAGE sql STABLE AS $$
  SELECT d."store_id", d."team_id", d."id", d."data", d."sign"
  FROM (SELECT a."store_id", a."team_id", a."id", a."data", 1 AS "sign" FROM unnest("added") a
        UNION ALL
        SELECT r."store_id", r."team_id", r."id", r."data", -1 FROM unnest("removed") r) d
  WHERE EXISTS (SELECT 1 FROM "object_stores" s WHERE s."id" = d."store_id" AND s."role" = 'promotion_list')
$$;--> statement-breakpoint
-- Applies a statement's changes to its promotion lists' figures: days by exact deltas, customers
-- recomputed from their records (a few per customer, read through the email index).
CREATE FUNCTION "promotion_list_apply"("added" "stored_objects"[], "removed" "stored_objects"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "promotion_list_days" AS t ("store_id", "team_id", "day", "records", "amount")
    SELECT d."store_id", d."team_id", coalesce(d."data"->>'Date Of Purchase', ''), sum(d."sign"), sum(d."sign" * "promotion_amount"(d."data"))
    FROM "promotion_list_delta"("added", "removed") d GROUP BY 1, 2, 3 ORDER BY 1, 3
    ON CONFLICT ("store_id", "day") DO UPDATE SET "records" = t."records" + excluded."records", "amount" = t."amount" + excluded."amount";
  DELETE FROM "promotion_list_days" t WHERE t."records" = 0
    AND (t."store_id", t."day") IN (SELECT d."store_id", coalesce(d."data"->>'Date Of Purchase', '') FROM "promotion_list_delta"("added", "removed") d);

  WITH "touched" AS (
    SELECT DISTINCT d."store_id", d."team_id", lower(d."data"->>'Email Address') AS "email"
    FROM "promotion_list_delta"("added", "removed") d WHERE d."data"->>'Email Address' IS NOT NULL
  ), "fresh" AS (
    SELECT t."store_id", t."team_id", t."email", count(o."id")::int AS "records",
           coalesce(sum("promotion_amount"(o."data")), 0) AS "amount",
           coalesce(max("promotion_latest"(o."data", o."id") COLLATE "C"), '') AS "latest"
    FROM "touched" t
    LEFT JOIN "stored_objects" o ON o."store_id" = t."store_id" AND lower(o."data"->>'Email Address') = t."email"
    GROUP BY 1, 2, 3
  ), "gone" AS (
    DELETE FROM "promotion_list_customers" c USING "fresh" f
    WHERE c."store_id" = f."store_id" AND c."email" = f."email" AND f."records" = 0
  )
  INSERT INTO "promotion_list_customers" AS c ("store_id", "team_id", "email", "records", "amount", "latest")
    SELECT f."store_id", f."team_id", f."email", f."records", f."amount", f."latest" FROM "fresh" f WHERE f."records" > 0 ORDER BY 1, 3
    ON CONFLICT ("store_id", "email") DO UPDATE SET "records" = excluded."records", "amount" = excluded."amount", "latest" = excluded."latest";
END
$$;--> statement-breakpoint
CREATE FUNCTION "promotion_list_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "promotion_list_apply"(array(SELECT n::"stored_objects" FROM "new_rows" n), '{}'::"stored_objects"[]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "promotion_list_apply"('{}'::"stored_objects"[], array(SELECT o::"stored_objects" FROM "old_rows" o));
  ELSE
    -- Only rows whose figures can change: most updates (the Promotion field, timestamps) change none.
    PERFORM "promotion_list_apply"(
      array(SELECT n::"stored_objects" FROM "new_rows" n JOIN "old_rows" o ON o."id" = n."id"
            WHERE n."store_id" IS DISTINCT FROM o."store_id" OR n."data"->'Email Address' IS DISTINCT FROM o."data"->'Email Address'
               OR n."data"->'Date Of Purchase' IS DISTINCT FROM o."data"->'Date Of Purchase'
               OR n."data"->'Purchase Amount' IS DISTINCT FROM o."data"->'Purchase Amount'
               OR n."data"->'Subscription Status' IS DISTINCT FROM o."data"->'Subscription Status'),
      array(SELECT o::"stored_objects" FROM "old_rows" o JOIN "new_rows" n ON o."id" = n."id"
            WHERE n."store_id" IS DISTINCT FROM o."store_id" OR n."data"->'Email Address' IS DISTINCT FROM o."data"->'Email Address'
               OR n."data"->'Date Of Purchase' IS DISTINCT FROM o."data"->'Date Of Purchase'
               OR n."data"->'Purchase Amount' IS DISTINCT FROM o."data"->'Purchase Amount'
               OR n."data"->'Subscription Status' IS DISTINCT FROM o."data"->'Subscription Status'));
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "stored_objects_list_inserted" AFTER INSERT ON "stored_objects" REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "promotion_list_changed"();--> statement-breakpoint
CREATE TRIGGER "stored_objects_list_updated" AFTER UPDATE ON "stored_objects" REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "promotion_list_changed"();--> statement-breakpoint
CREATE TRIGGER "stored_objects_list_deleted" AFTER DELETE ON "stored_objects" REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "promotion_list_changed"();--> statement-breakpoint
-- The figures of lists that already exist.
SELECT "promotion_list_apply"(array(SELECT o FROM "stored_objects" o JOIN "object_stores" s ON s."id" = o."store_id" AND s."role" = 'promotion_list'), '{}'::"stored_objects"[]);
