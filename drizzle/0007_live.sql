CREATE TYPE "public"."live_policy" AS ENUM('running', 'sealed');--> statement-breakpoint
CREATE TYPE "public"."live_reveal_order" AS ENUM('bottom_up', 'top_down');--> statement-breakpoint
CREATE TABLE "live_state" (
	"campaign_id" integer PRIMARY KEY NOT NULL,
	"policy" "live_policy" DEFAULT 'running' NOT NULL,
	"reveal_order" "live_reveal_order" DEFAULT 'bottom_up' NOT NULL,
	"revealed" integer DEFAULT 0 NOT NULL,
	"frozen" boolean DEFAULT false NOT NULL,
	"frozen_snapshot" jsonb,
	"rehearsal" boolean DEFAULT false NOT NULL,
	"rehearsal_ballots" integer DEFAULT 0 NOT NULL,
	"rehearsal_seed" integer DEFAULT 0 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "live_state" ADD CONSTRAINT "live_state_campaign_id_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_state" ADD CONSTRAINT "live_state_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;