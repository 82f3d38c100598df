/** Where Open311 GeoReport v2 is served (schema/open311/handler.ts); apart, so the app can route without loading the handler. */
export const OPEN311_PREFIX = '/open311/v2/';
