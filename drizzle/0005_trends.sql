CREATE TYPE "public"."import_batch_status" AS ENUM('staged', 'confirmed', 'discarded');--> statement-breakpoint
CREATE TYPE "public"."indicator_source" AS ENUM('imported', 'computed');--> statement-breakpoint
CREATE TYPE "public"."indicator_unit" AS ENUM('score', 'percent', 'rank');--> statement-breakpoint
CREATE TABLE "import_batch" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_batch_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_name" text NOT NULL,
	"row_count" integer NOT NULL,
	"status" "import_batch_status" DEFAULT 'staged' NOT NULL,
	"rows" jsonb NOT NULL,
	"replaced" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" integer,
	"created_by_label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"definition_zh" text NOT NULL,
	"definition_en" text NOT NULL,
	"unit" "indicator_unit" NOT NULL,
	"precision" integer NOT NULL,
	"higher_is_better" boolean DEFAULT true NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_key_key" UNIQUE("key"),
	CONSTRAINT "indicator_precision_range" CHECK ("indicator"."precision" between 0 and 6)
);
--> statement-breakpoint
CREATE TABLE "indicator_value" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "indicator_value_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"period" text NOT NULL,
	"year" integer NOT NULL,
	"value" numeric NOT NULL,
	"rank" integer,
	"peers" integer,
	"source" "indicator_source" NOT NULL,
	"source_document" text,
	"campaign_id" integer,
	"import_batch_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_value_key" UNIQUE("indicator_id","region_id","period","source"),
	CONSTRAINT "indicator_value_year_range" CHECK ("indicator_value"."year" between 1949 and 2200),
	CONSTRAINT "indicator_value_peers_positive" CHECK ("indicator_value"."peers" is null or "indicator_value"."peers" >= 1),
	CONSTRAINT "indicator_value_rank_within_peers" CHECK ("indicator_value"."rank" is null or ("indicator_value"."rank" >= 1 and ("indicator_value"."peers" is null or "indicator_value"."rank" <= "indicator_value"."peers"))),
	CONSTRAINT "indicator_value_computed_has_campaign" CHECK ("indicator_value"."source" = 'imported' or "indicator_value"."campaign_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "unit_indicator_value" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_indicator_value_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"period" text NOT NULL,
	"year" integer NOT NULL,
	"value" numeric NOT NULL,
	"rank" integer,
	"peers" integer,
	"campaign_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_indicator_value_key" UNIQUE("indicator_id","unit_id","period"),
	CONSTRAINT "unit_indicator_value_year_range" CHECK ("unit_indicator_value"."year" between 1949 and 2200)
);
--> statement-breakpoint
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_value" ADD CONSTRAINT "indicator_value_import_batch_id_import_batch_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_indicator_value" ADD CONSTRAINT "unit_indicator_value_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_indicator_value" ADD CONSTRAINT "unit_indicator_value_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_indicator_value" ADD CONSTRAINT "unit_indicator_value_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batch_status_idx" ON "import_batch" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "indicator_value_series_idx" ON "indicator_value" USING btree ("indicator_id","year","region_id");--> statement-breakpoint
CREATE INDEX "unit_indicator_value_unit_idx" ON "unit_indicator_value" USING btree ("unit_id","indicator_id","year");