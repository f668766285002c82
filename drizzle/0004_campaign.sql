CREATE TYPE "public"."ballot_channel" AS ENUM('online', 'qr', 'paper');--> statement-breakpoint
CREATE TYPE "public"."campaign_kind" AS ENUM('unit_evaluation', 'top_bottom_ten', 'appointment_appraisal', 'democratic_assessment', 'satisfaction_survey');--> statement-breakpoint
CREATE TYPE "public"."campaign_state" AS ENUM('draft', 'open', 'closed', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."electorate_source" AS ENUM('named', 'jury', 'panel', 'codes');--> statement-breakpoint
CREATE TYPE "public"."paper_entry_status" AS ENUM('awaiting_second', 'mismatch', 'accepted');--> statement-breakpoint
CREATE TYPE "public"."question_kind" AS ENUM('choice', 'score', 'checklist', 'text', 'pick');--> statement-breakpoint
CREATE TYPE "public"."subject_kind" AS ENUM('unit', 'window', 'cadre', 'team', 'overall');--> statement-breakpoint
CREATE TABLE "ballot" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"subject_id" integer NOT NULL,
	"tier_id" integer,
	"channel" "ballot_channel" NOT NULL,
	"cast_on" date NOT NULL,
	"rater_id" integer
);
--> statement-breakpoint
CREATE TABLE "ballot_answer" (
	"ballot_id" uuid NOT NULL,
	"question_id" integer NOT NULL,
	"option_key" text,
	"score" integer,
	"selected" jsonb,
	"text" text,
	"reason" text,
	CONSTRAINT "ballot_answer_ballot_id_question_id_pk" PRIMARY KEY("ballot_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_code" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_code_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"code_hash" text NOT NULL,
	"tier_id" integer,
	"expires_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "campaign_kind" NOT NULL,
	"title" text NOT NULL,
	"region_id" integer,
	"secret" boolean DEFAULT true NOT NULL,
	"state" "campaign_state" DEFAULT 'draft' NOT NULL,
	"test_mode" boolean DEFAULT false NOT NULL,
	"electorate_source" "electorate_source" DEFAULT 'codes' NOT NULL,
	"panel_draw_id" integer,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_panel_has_draw" CHECK (("campaign"."electorate_source" = 'panel') = ("campaign"."panel_draw_id" is not null)),
	CONSTRAINT "campaign_window_order" CHECK ("campaign"."opens_at" is null or "campaign"."closes_at" is null or "campaign"."opens_at" < "campaign"."closes_at")
);
--> statement-breakpoint
CREATE TABLE "campaign_subject" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaign_subject_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"kind" "subject_kind" NOT NULL,
	"unit_id" integer,
	"cadre_id" integer,
	"label" text NOT NULL,
	"detail" text,
	"position" integer NOT NULL,
	CONSTRAINT "campaign_subject_cadre_ref" CHECK ("campaign_subject"."kind" = 'cadre' or "campaign_subject"."cadre_id" is null),
	CONSTRAINT "campaign_subject_unit_ref" CHECK ("campaign_subject"."kind" in ('unit', 'window') or "campaign_subject"."unit_id" is null)
);
--> statement-breakpoint
CREATE TABLE "electorate" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "electorate_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"tier_id" integer,
	CONSTRAINT "electorate_campaign_user_key" UNIQUE("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "paper_entry" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "paper_entry_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"serial" text NOT NULL,
	"tier_id" integer,
	"first_answers" jsonb NOT NULL,
	"first_by" integer NOT NULL,
	"second_answers" jsonb,
	"second_by" integer,
	"status" "paper_entry_status" DEFAULT 'awaiting_second' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paper_entry_serial_key" UNIQUE("campaign_id","serial"),
	CONSTRAINT "paper_entry_two_people" CHECK ("paper_entry"."second_by" is null or "paper_entry"."second_by" <> "paper_entry"."first_by")
);
--> statement-breakpoint
CREATE TABLE "participation" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "participation_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"user_id" integer,
	"ballot_code_id" integer,
	"subject_id" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participation_once_key" UNIQUE NULLS NOT DISTINCT("campaign_id","user_id","ballot_code_id","subject_id"),
	CONSTRAINT "participation_one_rater" CHECK (("participation"."user_id" is null) <> ("participation"."ballot_code_id" is null))
);
--> statement-breakpoint
CREATE TABLE "question" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "question_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"kind" "question_kind" NOT NULL,
	"prompt_zh" text NOT NULL,
	"prompt_en" text NOT NULL,
	"scale" jsonb NOT NULL,
	"required" boolean DEFAULT true NOT NULL,
	"reason_required_for" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"applies_to" jsonb NOT NULL,
	"dimension" text,
	CONSTRAINT "question_campaign_key" UNIQUE("campaign_id","key"),
	CONSTRAINT "question_kind_matches_scale" CHECK ("question"."scale" ->> 'type' = "question"."kind"::text)
);
--> statement-breakpoint
CREATE TABLE "rater_tier" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rater_tier_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"weight" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "rater_tier_campaign_key" UNIQUE("campaign_id","key"),
	CONSTRAINT "rater_tier_weight_range" CHECK ("rater_tier"."weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "submission" (
	"idempotency_key" text PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"receipt_code" text NOT NULL,
	"received_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ballot" ADD CONSTRAINT "ballot_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot" ADD CONSTRAINT "ballot_subject_id_campaign_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."campaign_subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot" ADD CONSTRAINT "ballot_tier_id_rater_tier_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."rater_tier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot" ADD CONSTRAINT "ballot_rater_id_app_user_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_answer" ADD CONSTRAINT "ballot_answer_ballot_id_ballot_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballot"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_answer" ADD CONSTRAINT "ballot_answer_question_id_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."question"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_code" ADD CONSTRAINT "ballot_code_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_code" ADD CONSTRAINT "ballot_code_tier_id_rater_tier_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."rater_tier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_region_id_region_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."region"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_panel_draw_id_draw_id_fk" FOREIGN KEY ("panel_draw_id") REFERENCES "public"."draw"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_subject" ADD CONSTRAINT "campaign_subject_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_subject" ADD CONSTRAINT "campaign_subject_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_subject" ADD CONSTRAINT "campaign_subject_cadre_id_cadre_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadre"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "electorate" ADD CONSTRAINT "electorate_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "electorate" ADD CONSTRAINT "electorate_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "electorate" ADD CONSTRAINT "electorate_tier_id_rater_tier_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."rater_tier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_entry" ADD CONSTRAINT "paper_entry_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_entry" ADD CONSTRAINT "paper_entry_tier_id_rater_tier_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."rater_tier"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_entry" ADD CONSTRAINT "paper_entry_first_by_app_user_id_fk" FOREIGN KEY ("first_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_entry" ADD CONSTRAINT "paper_entry_second_by_app_user_id_fk" FOREIGN KEY ("second_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation" ADD CONSTRAINT "participation_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation" ADD CONSTRAINT "participation_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation" ADD CONSTRAINT "participation_ballot_code_id_ballot_code_id_fk" FOREIGN KEY ("ballot_code_id") REFERENCES "public"."ballot_code"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation" ADD CONSTRAINT "participation_subject_id_campaign_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."campaign_subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question" ADD CONSTRAINT "question_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rater_tier" ADD CONSTRAINT "rater_tier_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission" ADD CONSTRAINT "submission_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballot_campaign_subject_idx" ON "ballot" USING btree ("campaign_id","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_code_hash_key" ON "ballot_code" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "ballot_code_campaign_idx" ON "ballot_code" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "campaign_state_idx" ON "campaign" USING btree ("state");--> statement-breakpoint
CREATE INDEX "campaign_subject_campaign_idx" ON "campaign_subject" USING btree ("campaign_id","position");--> statement-breakpoint
CREATE INDEX "electorate_user_idx" ON "electorate" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "participation_user_idx" ON "participation" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "submission_campaign_idx" ON "submission" USING btree ("campaign_id");