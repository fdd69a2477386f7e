-- A new publication is due at once on the database's clock: run_at belongs to the job engine (V16), so the insert
-- leaves it to this default rather than writing the application's time.
ALTER TABLE publications ALTER COLUMN run_at SET DEFAULT now();
