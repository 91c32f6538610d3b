import pg from 'pg';

// Hazard: ONE PostgreSQL connection shared by every concurrent invocation:
// their queries and transactions interleave on it. Use a pg.Pool instead.
export const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
await db.connect();
