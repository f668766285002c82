CREATE TABLE "trends_version" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "trends_version_one_row" CHECK ("trends_version"."id")
);
