/** What the store's code needs of a SQL connection; both engines speak the same PostgreSQL dialect. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several `;`-separated statements without parameters; returns the last one's rows. */
  script<Row = Record<string, unknown>>(text: string): Promise<Row[]>;
}

/** An open database: the embedded PGlite directory or a PostgreSQL server. */
export interface SqlDatabase extends SqlExecutor {
  readonly engine: 'embedded' | 'postgres';
  /** The store directory, or `PostgreSQL at host:port/db` (never the password), for messages. */
  readonly location: string;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
