CREATE TYPE "public"."draw_status" AS ENUM('committed', 'revealed');--> statement-breakpoint
CREATE TYPE "public"."juror_category" AS ENUM('enterprise_staff', 'individual_business', 'citizen_representative', 'party_congress_delegate', 'npc_deputy', 'cppcc_member', 'other');--> statement-breakpoint
CREATE TYPE "public"."juror_route" AS ENUM('self_nominated', 'recommended');--> statement-breakpoint
CREATE TYPE "public"."juror_status" AS ENUM('applied', 'approved', 'active', 'expired', 'withdrawn', 'dismissed', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."roster_kind" AS ENUM('jury', 'supervisor');--> statement-breakpoint
CREATE TABLE "draw" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "draw_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"size" integer NOT NULL,
	"recent_draws_excluded" integer DEFAULT 0 NOT NULL,
	"share_num" integer NOT NULL,
	"share_den" integer NOT NULL,
	"commitment" text NOT NULL,
	"seed" text,
	"public_value" text,
	"eligible" jsonb NOT NULL,
	"excluded" jsonb NOT NULL,
	"selected" jsonb,
	"status" "draw_status" DEFAULT 'committed' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revealed_by" integer,
	"revealed_at" timestamp with time zone,
	CONSTRAINT "draw_size" CHECK ("draw"."size" >= 1 and "draw"."recent_draws_excluded" >= 0),
	CONSTRAINT "draw_revealed_complete" CHECK (("draw"."status" = 'revealed') = ("draw"."seed" is not null and "draw"."selected" is not null and "draw"."revealed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "draw_member" (
	"draw_id" integer NOT NULL,
	"juror_id" integer NOT NULL,
	"position" integer NOT NULL,
	"stratum" text NOT NULL,
	CONSTRAINT "draw_member_draw_id_juror_id_pk" PRIMARY KEY("draw_id","juror_id")
);
--> statement-breakpoint
CREATE TABLE "draw_sealed_seed" (
	"draw_id" integer PRIMARY KEY NOT NULL,
	"seed" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "juror" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "juror_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"roster" "roster_kind" DEFAULT 'jury' NOT NULL,
	"confirmation_number" text NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"region_id" integer NOT NULL,
	"category" "juror_category" NOT NULL,
	"employer_unit_id" integer,
	"employer_name" text,
	"route" "juror_route" NOT NULL,
	"recommender" text,
	"status" "juror_status" NOT NULL,
	"info_request" text,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "juror_recommended_has_recommender" CHECK ("juror"."route" = 'self_nominated' or "juror"."recommender" is not null)
);
--> statement-breakpoint
CREATE TABLE "juror_relation" (
	"juror_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "juror_relation_juror_id_unit_id_pk" PRIMARY KEY("juror_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "juror_status_change" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "juror_status_change_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"juror_id" integer NOT NULL,
	"from_status" "juror_status",
	"to_status" "juror_status" NOT NULL,
	"reason" text NOT NULL,
	"actor_user_id" integer,
	"actor_label" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "juror_term" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "juror_term_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"juror_id" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"renewed_from_term_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "juror_term_order" CHECK ("juror_term"."starts_on" <= "juror_term"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "jury_setting" (
	"id" integer PRIMARY KEY NOT NULL,
	"counted_categories" "juror_category"[] NOT NULL,
	"share_num" integer NOT NULL,
	"share_den" integer NOT NULL,
	"term_months" integer NOT NULL,
	"renewal_notice_days" integer NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jury_setting_single_row" CHECK ("jury_setting"."id" = 1),
	CONSTRAINT "jury_setting_share" CHECK ("jury_setting"."share_den" > 0 and "jury_setting"."share_num" between 0 and "jury_setting"."share_den"),
	CONSTRAINT "jury_setting_term" CHECK ("jury_setting"."term_months" > 0 and "jury_setting"."renewal_notice_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "draw" ADD CONSTRAINT "draw_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw" ADD CONSTRAINT "draw_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw" ADD CONSTRAINT "draw_revealed_by_app_user_id_fk" FOREIGN KEY ("revealed_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_member" ADD CONSTRAINT "draw_member_draw_id_draw_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draw"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_member" ADD CONSTRAINT "draw_member_juror_id_juror_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."juror"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draw_sealed_seed" ADD CONSTRAINT "draw_sealed_seed_draw_id_draw_id_fk" FOREIGN KEY ("draw_id") REFERENCES "public"."draw"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror" ADD CONSTRAINT "juror_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror" ADD CONSTRAINT "juror_employer_unit_id_unit_id_fk" FOREIGN KEY ("employer_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror" ADD CONSTRAINT "juror_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_relation" ADD CONSTRAINT "juror_relation_juror_id_juror_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."juror"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_relation" ADD CONSTRAINT "juror_relation_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_status_change" ADD CONSTRAINT "juror_status_change_juror_id_juror_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."juror"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_status_change" ADD CONSTRAINT "juror_status_change_actor_user_id_app_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_term" ADD CONSTRAINT "juror_term_juror_id_juror_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."juror"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_term" ADD CONSTRAINT "juror_term_renewed_from_term_id_juror_term_id_fk" FOREIGN KEY ("renewed_from_term_id") REFERENCES "public"."juror_term"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "juror_term" ADD CONSTRAINT "juror_term_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_setting" ADD CONSTRAINT "jury_setting_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "draw_unit_idx" ON "draw" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "draw_member_position_key" ON "draw_member" USING btree ("draw_id","position");--> statement-breakpoint
CREATE INDEX "draw_member_juror_idx" ON "draw_member" USING btree ("juror_id");--> statement-breakpoint
CREATE UNIQUE INDEX "juror_confirmation_number_key" ON "juror" USING btree ("confirmation_number");--> statement-breakpoint
CREATE UNIQUE INDEX "juror_roster_phone_live_key" ON "juror" USING btree ("roster","phone") WHERE "juror"."status" in ('applied', 'approved', 'active', 'expired');--> statement-breakpoint
CREATE INDEX "juror_status_idx" ON "juror" USING btree ("roster","status");--> statement-breakpoint
CREATE INDEX "juror_employer_idx" ON "juror" USING btree ("employer_unit_id");--> statement-breakpoint
CREATE INDEX "juror_relation_unit_idx" ON "juror_relation" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "juror_status_change_juror_idx" ON "juror_status_change" USING btree ("juror_id","occurred_at");--> statement-breakpoint
CREATE INDEX "juror_term_juror_idx" ON "juror_term" USING btree ("juror_id","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "juror_term_renewed_from_key" ON "juror_term" USING btree ("renewed_from_term_id");