-- The series cache's key (trends/series-cache.ts): every transaction that changes a value or a
-- region raises trends_version by one, once, at its commit. The triggers are deferred to the
-- commit so the row's lock is held for an instant, never while the transaction goes on to take
-- other locks (no deadlock with another writer); a transaction-local setting makes the second and
-- later rows of a transaction skip the update.
INSERT INTO "trends_version" ("id", "version") VALUES (true, 0);
--> statement-breakpoint
CREATE FUNCTION "bump_trends_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF current_setting('minping.trends_version_bumped', true) IS DISTINCT FROM 'on' THEN
		UPDATE "trends_version" SET "version" = "version" + 1;
		PERFORM set_config('minping.trends_version_bumped', 'on', true);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "indicator_value_bumps_trends_version"
	AFTER INSERT OR UPDATE OR DELETE ON "indicator_value"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_trends_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "region_bumps_trends_version"
	AFTER INSERT OR UPDATE OR DELETE ON "region"
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_trends_version"();
--> statement-breakpoint
-- TRUNCATE has no row events: it bumps at once.
CREATE TRIGGER "indicator_value_truncate_bumps_trends_version"
	AFTER TRUNCATE ON "indicator_value" FOR EACH STATEMENT EXECUTE FUNCTION "bump_trends_version"();
--> statement-breakpoint
CREATE TRIGGER "region_truncate_bumps_trends_version"
	AFTER TRUNCATE ON "region" FOR EACH STATEMENT EXECUTE FUNCTION "bump_trends_version"();
