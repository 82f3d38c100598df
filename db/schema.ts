// Every table, for drizzle-kit, the relations and the client.
export * from './tables/units.sql';
export * from './tables/accounts.sql';
export * from './tables/petitioners.sql';
export * from './tables/cases.sql';
export * from './tables/lifecycle.sql';
export * from './tables/integrations.sql';
export * from './tables/open311.sql';
export * from './tables/bookings.sql';
export * from './tables/mediation.sql';
export * from './tables/webhooks.sql';
export * from './tables/reception.sql';
export * from './tables/suggestions.sql';
