CREATE TYPE "public"."cadre_level" AS ENUM('county', 'section');--> statement-breakpoint
CREATE TYPE "public"."region_level" AS ENUM('province', 'city', 'district', 'township');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('department', 'law_enforcement', 'service_window');--> statement-breakpoint
CREATE TABLE "cadre" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cadre_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer NOT NULL,
	"position" text NOT NULL,
	"level" "cadre_level" NOT NULL,
	"mid_level" boolean DEFAULT false NOT NULL,
	"birth_month" text,
	"appointed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "cadre_birth_month_format" CHECK ("cadre"."birth_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "region" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "region_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" "region_level" NOT NULL,
	"parent_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "region_parent_unless_province" CHECK (("region"."level" = 'province') = ("region"."parent_id" is null))
);
--> statement-breakpoint
CREATE TABLE "unit" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unit_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"region_id" integer NOT NULL,
	"parent_unit_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "unit_window_has_parent" CHECK (("unit"."kind" = 'service_window') = ("unit"."parent_unit_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "cadre" ADD CONSTRAINT "cadre_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region" ADD CONSTRAINT "region_parent_id_region_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."region"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit" ADD CONSTRAINT "unit_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit" ADD CONSTRAINT "unit_parent_unit_id_unit_id_fk" FOREIGN KEY ("parent_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cadre_code_key" ON "cadre" USING btree ("code");--> statement-breakpoint
CREATE INDEX "cadre_unit_idx" ON "cadre" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "region_code_key" ON "region" USING btree ("code");--> statement-breakpoint
CREATE INDEX "region_parent_idx" ON "region" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "unit_code_key" ON "unit" USING btree ("code");--> statement-breakpoint
CREATE INDEX "unit_region_idx" ON "unit" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "unit_parent_idx" ON "unit" USING btree ("parent_unit_id");