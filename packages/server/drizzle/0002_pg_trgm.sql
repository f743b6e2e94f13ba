-- Trigram matching for typo-tolerant name search (customers, schools). PostgreSQL ships it in
-- contrib; PGlite loads it from @electric-sql/pglite/contrib/pg_trgm (see db/database.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
