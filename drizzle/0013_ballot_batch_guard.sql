-- The group commit's one-statement path (campaigns/submit-one-statement.ts): a batch's whole
-- write is one statement, which calls this with "every submission got all its rows" once its
-- claims, codes and participation are known. False aborts the statement, and with it everything
-- the statement wrote; the app then writes the batch step by step, judging each submission. The
-- error code is the app's own (class MP: Minping), so nothing else is taken for it.
CREATE FUNCTION "ballot_batch_guard"("complete" boolean) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
	IF "complete" IS NOT TRUE THEN
		RAISE EXCEPTION 'a submission of this ballot batch is refused: written step by step'
			USING ERRCODE = 'MP001';
	END IF;
	RETURN true;
END;
$$;
