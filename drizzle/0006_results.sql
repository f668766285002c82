CREATE TYPE "public"."outcome_status" AS ENUM('proposed', 'confirmed', 'overturned');--> statement-breakpoint
CREATE TYPE "public"."rectification_status" AS ENUM('open', 'in_progress', 'submitted', 'closed');--> statement-breakpoint
CREATE TABLE "outcome" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outcome_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"subject_id" integer NOT NULL,
	"rule_id" text NOT NULL,
	"consequences" jsonb NOT NULL,
	"rectification_days" integer,
	"numbers" jsonb NOT NULL,
	"status" "outcome_status" DEFAULT 'proposed' NOT NULL,
	"annotations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reason" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	CONSTRAINT "outcome_rule_subject_key" UNIQUE("campaign_id","rule_id","subject_id"),
	CONSTRAINT "outcome_overturn_reason" CHECK ("outcome"."status" <> 'overturned' or "outcome"."reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "rectification" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"outcome_id" integer NOT NULL,
	"owner_unit_id" integer,
	"owner_label" text NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline" date NOT NULL,
	"status" "rectification_status" DEFAULT 'open' NOT NULL,
	"closed_by" integer,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_outcome_key" UNIQUE("outcome_id"),
	CONSTRAINT "rectification_closed_by" CHECK (("rectification"."status" = 'closed') = ("rectification"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "rectification_note" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rectification_note_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"rectification_id" integer NOT NULL,
	"text" text NOT NULL,
	"file_name" text,
	"file_type" text,
	"file_size" integer,
	"file_sha256" text,
	"file_content" "bytea",
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectification_note_file" CHECK (("rectification_note"."file_content" is null) = ("rectification_note"."file_sha256" is null) and ("rectification_note"."file_content" is null) = ("rectification_note"."file_name" is null))
);
--> statement-breakpoint
CREATE TABLE "result" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "result_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"snapshot" text NOT NULL,
	"sha256" text NOT NULL,
	"ballot_count" integer NOT NULL,
	"rules_applied" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	CONSTRAINT "result_campaign_key" UNIQUE("campaign_id")
);
--> statement-breakpoint
ALTER TABLE "outcome" ADD CONSTRAINT "outcome_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome" ADD CONSTRAINT "outcome_subject_id_campaign_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."campaign_subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome" ADD CONSTRAINT "outcome_decided_by_app_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification" ADD CONSTRAINT "rectification_outcome_id_outcome_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."outcome"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification" ADD CONSTRAINT "rectification_owner_unit_id_unit_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."unit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification" ADD CONSTRAINT "rectification_closed_by_app_user_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_note" ADD CONSTRAINT "rectification_note_rectification_id_rectification_id_fk" FOREIGN KEY ("rectification_id") REFERENCES "public"."rectification"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectification_note" ADD CONSTRAINT "rectification_note_author_id_app_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result" ADD CONSTRAINT "result_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result" ADD CONSTRAINT "result_published_by_app_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rectification_deadline_idx" ON "rectification" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "rectification_note_item_idx" ON "rectification_note" USING btree ("rectification_id");