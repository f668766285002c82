CREATE TYPE "public"."interview_kind" AS ENUM('cadre', 'team');--> statement-breakpoint
CREATE TABLE "campaign_rules" (
	"campaign_id" integer PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interview" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "interview_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "interview_kind" NOT NULL,
	"cadre_id" integer,
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"held_on" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interview_cadre_ref" CHECK (("interview"."kind" = 'cadre') = ("interview"."cadre_id" is not null)),
	CONSTRAINT "interview_year_range" CHECK ("interview"."year" between 2000 and 2200),
	CONSTRAINT "interview_year_of_date" CHECK (extract(year from "interview"."held_on") = "interview"."year")
);
--> statement-breakpoint
CREATE TABLE "ranking_group" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ranking_group_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"kind" "campaign_kind" NOT NULL,
	"year" integer NOT NULL,
	"region_id" integer,
	"rules" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ranking_group_year_range" CHECK ("ranking_group"."year" between 2000 and 2200)
);
--> statement-breakpoint
CREATE TABLE "ranking_group_member" (
	"group_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	CONSTRAINT "ranking_group_member_group_id_campaign_id_pk" PRIMARY KEY("group_id","campaign_id"),
	CONSTRAINT "ranking_group_member_campaign_key" UNIQUE("campaign_id")
);
--> statement-breakpoint
CREATE TABLE "ranking_group_result" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ranking_group_result_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"group_id" integer NOT NULL,
	"snapshot" text NOT NULL,
	"sha256" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ranking_group_result_group_key" UNIQUE("group_id")
);
--> statement-breakpoint
ALTER TABLE "campaign_rules" ADD CONSTRAINT "campaign_rules_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_rules" ADD CONSTRAINT "campaign_rules_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview" ADD CONSTRAINT "interview_cadre_id_cadre_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadre"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview" ADD CONSTRAINT "interview_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interview" ADD CONSTRAINT "interview_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_group" ADD CONSTRAINT "ranking_group_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_group" ADD CONSTRAINT "ranking_group_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_group_member" ADD CONSTRAINT "ranking_group_member_group_id_ranking_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."ranking_group"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_group_member" ADD CONSTRAINT "ranking_group_member_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ranking_group_result" ADD CONSTRAINT "ranking_group_result_group_id_ranking_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."ranking_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interview_cadre_year_idx" ON "interview" USING btree ("cadre_id","year");--> statement-breakpoint
CREATE INDEX "interview_unit_year_idx" ON "interview" USING btree ("unit_id","year");