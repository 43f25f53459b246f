/**
 * The root resource of the API (`/v1`, the landing page the design rules ask for) and its OpenAPI
 * document at `/v1/openapi.json`. Both are public and readable from any origin (CORS `*`), so
 * documentation tools in a browser elsewhere can read them.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { API_VERSION } from '../version.ts';

export interface ApiContact {
  name: string;
  email: string;
  url: string;
}

/** `info.contact` of the document; an installation sets its own (API_CONTACT_*), these say who to ask otherwise. */
export const DEFAULT_CONTACT: ApiContact = {
  name: 'Afvalroute API beheer',
  email: 'api-beheer@afvalroute.example.org',
  url: 'https://afvalroute.example.org/contact',
};

export const apiContact = (given: Partial<ApiContact> = {}): ApiContact => ({
  name: given.name || DEFAULT_CONTACT.name,
  email: given.email || DEFAULT_CONTACT.email,
  url: given.url || DEFAULT_CONTACT.url,
});

const AnyOrigin = { 'access-control-allow-origin': { type: 'string', description: '`*`: any origin may read this resource' } };

const Link = Type.Object({ rel: Type.String(), href: Type.String(), type: Type.Optional(Type.String()), title: Type.String() });
const LandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  version: Type.String(),
  links: Type.Array(Link, { description: 'RFC 8631 relations: service-desc (OpenAPI), service-doc (Swagger UI), status (health)' }),
});

const allowAnyOrigin = (reply: FastifyReply) => reply.header('access-control-allow-origin', '*');

const landing: FastifyPluginAsyncTypebox<{ document: () => unknown }> = async (app, { document }) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['api'],
        summary: 'Landing page: what this API is and where its documentation is',
        security: [],
        response: { 200: { ...LandingPage, headers: AnyOrigin } },
      },
    },
    async (_request, reply) => {
      allowAnyOrigin(reply);
      return {
        title: 'Afvalroute API',
        description: 'Containers, fill levels, plans and routes of waste collection, for dispatchers, drivers and open data.',
        version: API_VERSION,
        links: [
          { rel: 'service-desc', href: '/v1/openapi.json', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'OpenAPI document' },
          { rel: 'service-doc', href: '/docs', type: 'text/html', title: 'Swagger UI' },
          { rel: 'status', href: '/v1/health', type: 'application/json', title: 'Health of the service' },
        ],
      };
    },
  );

  app.get(
    '/openapi.json',
    {
      schema: {
        tags: ['api'],
        summary: 'This OpenAPI document',
        security: [],
        response: { 200: { description: 'The OpenAPI 3 document', type: 'object', additionalProperties: true, headers: AnyOrigin } },
      },
    },
    async (_request, reply) => {
      allowAnyOrigin(reply);
      return document();
    },
  );
};

export default landing;
