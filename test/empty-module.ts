// Stands in for `server-only` under Vitest: the real package throws outside Next's server bundle.
export {};
