// The OpenAPI 3.1 document of the JSON API, generated from the zod schemas the handlers use
// (ENDPOINTS and api.schemas.ts): a parameter or a field cannot change without the document
// changing with it. OpenAPI 3.1's schemas are JSON Schema 2020-12, which is what zod writes.
import { z } from "zod";
import { API_PREFIX, ENDPOINTS } from "./api.routes.ts";
import { ApiError, MAX_LIMIT, registry } from "./api.schemas.ts";

type JsonSchema = Record<string, unknown>;

/** A schema as a component or a parameter: without the `$schema` and `$id` zod adds. */
function plain(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function componentName(schema: z.ZodType): string {
  const meta = registry.get(schema);
  if (!meta) throw new Error("every response schema is registered with a name");
  return meta.id;
}

const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${componentName(schema)}` });

export function openApiDocument(): Record<string, unknown> {
  const components = z.toJSONSchema(registry, { target: "draft-2020-12", io: "output", uri: (id) => `#/components/schemas/${id}` }).schemas;
  const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref(ApiError) } } });
  const rateHeaders = Object.fromEntries(
    ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"].map((h) => [h, { schema: { type: "integer" }, description: `IETF draft rate-limit header (${h})` }]),
  );
  const paths: Record<string, unknown> = {};
  for (const e of ENDPOINTS) {
    const path = API_PREFIX + e.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const query = z.toJSONSchema(e.query, { target: "draft-2020-12", io: "input" }) as { properties?: Record<string, JsonSchema> };
    const parameters = [
      ...Object.entries(e.params ?? {}).map(([name, description]) => ({ name, in: "path", required: true, description, schema: { type: "string" } })),
      ...Object.entries(query.properties ?? {}).map(([name, schema]) => {
        const { description, ...rest } = plain(schema);
        return { name, in: "query", required: false, ...(description ? { description } : {}), schema: rest };
      }),
    ];
    paths[path] = {
      get: {
        summary: e.summary,
        operationId: e.path.replace(/[/:]+(.)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase()),
        parameters,
        responses: {
          200: {
            description: "OK",
            headers: {
              ETag: { schema: { type: "string" } },
              "Cache-Control": { schema: { type: "string" } },
              ...rateHeaders,
            },
            content: { "application/json": { schema: ref(e.response) } },
          },
          304: { description: "Not Modified: If-None-Match matched the ETag (the only validator: answers carry live counts, so no date would be exact)." },
          400: errorResponse(`A parameter is not valid (limit above ${MAX_LIMIT}, a cursor that is not a positive whole number, an unknown parameter).`),
          404: errorResponse("No such board, post or member."),
          429: errorResponse("Too many requests from this address (Retry-After says when to try again)."),
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "jongto 종목토론실 API",
      version: "1.0.0",
      description:
        "Read-only JSON over the boards, posts, comments, juries and public profiles. Public data only: " +
        'a blinded or hidden post is `{"number", "blinded": true}` / `{"number", "hidden": true}`. No cookies; CORS for GET from any origin. See docs/api.md.',
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: "/" }],
    paths,
    components: { schemas: Object.fromEntries(Object.entries(components).map(([name, schema]) => [name, plain(schema as JsonSchema)])) },
  };
}
