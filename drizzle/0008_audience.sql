ALTER TYPE "public"."ballot_channel" ADD VALUE 'audience';--> statement-breakpoint
ALTER TABLE "ballot_code" ADD COLUMN "audience" boolean DEFAULT false NOT NULL;