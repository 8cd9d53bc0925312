/** The `--store` option of every command that reads or writes the store, and its help lines. */
export const storeOption = { store: { type: 'string' } } as const;

export const storeOptionHelp = `  --store DIR             embedded store directory (default: CHAINGATE_STORE,
                          else $XDG_DATA_HOME/chaingate or ~/.local/share/chaingate);
                          DATABASE_URL selects PostgreSQL instead`;
