/** Shapes shared by several routes: ids, pagination, problem details, GeoJSON basics. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const Fraction = Type.Union(['residual', 'paper', 'glass', 'pmd', 'organic', 'textile'].map((f) => Type.Literal(f)));
export const LonLat = Type.Tuple([Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })], {
  description: '[longitude, latitude] (CRS84); [x, y] in metres (EPSG:28992) when asked with Accept-Crs',
});
/** A position in Dutch RD New: what `LonLat` becomes in answers to Accept-Crs: EPSG:28992 (geo/crs-schema.ts). */
export const RdPoint = Type.Tuple([Type.Number(), Type.Number()], { description: '[x, y] in metres, Dutch RD New (EPSG:28992)' });
/** The request header of every operation that can answer in RD; the value is checked by parseAcceptCrs (406). */
export const CrsHeaders = Type.Object({
  'accept-crs': Type.Optional(Type.String({ description: 'EPSG:28992 for Dutch RD coordinates; default CRS84 (Content-Crs names the answer\'s)' })),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const UuidParams = Type.Object({ id: Uuid });

/**
 * Bounds keep the offset ((page - 1) × pageSize) a small, finite bigint: `1e17` is a 400 naming
 * the field, not a SQL error (non-finite numbers are refused by input-guards.ts).
 */
export const MAX_PAGE = 1_000_000;
export const MAX_PAGE_SIZE = 1000;
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 100 })),
});
export type PageQuery = Static<typeof PageQuery>;

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer({ description: 'number of items over all pages' }),
  });

/**
 * RFC 9457 problem details as the design rules want them: `status`, `title` and `detail` always,
 * `type` and `instance` beside them. Further members are RFC 9457 extension members; the one this
 * API uses is `invalid-params` (input errors): `[{ name, reason }]`, each naming a field at fault
 * (`body.vehicles`, `query.page`, `path`, `headers` …).
 */
export const ProblemDetails = Type.Object(
  {
    type: Type.String({ description: 'URI of the problem type; about:blank when the status says it all' }),
    title: Type.String({ description: 'Short summary of the problem type' }),
    status: Type.Integer({ description: 'The HTTP status code' }),
    detail: Type.String({ description: 'What went wrong with this request, for a person' }),
    instance: Type.Optional(Type.String({ description: 'The request path the problem occurred on' })),
  },
  {
    $id: 'ProblemDetails',
    description: 'Problem details (RFC 9457). Input errors add the extension member `invalid-params`: an array of `{ name, reason }` naming each field at fault.',
    additionalProperties: true,
  },
);

/** Error responses every protected route can give, for the OpenAPI document. */
export const errorResponses = {
  400: Type.Ref(ProblemDetails),
  401: Type.Ref(ProblemDetails),
  403: Type.Ref(ProblemDetails),
  404: Type.Ref(ProblemDetails),
  429: Type.Ref(ProblemDetails),
};

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const GeoJsonPoint = Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number()) });
export const GeoJsonLineString = Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Type.Array(Type.Number())) });
