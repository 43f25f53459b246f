/**
 * Page-based pagination (API design rules): `page` and `pageSize` query parameters, the total in
 * the body and RFC 8288 `Link` headers for next and previous pages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface PageWindow {
  page: number;
  pageSize: number;
  limit: number;
  offset: number;
}

export function pageWindow(query: { page?: number; pageSize?: number }): PageWindow {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 100;
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

/**
 * The query with `LIMIT $n OFFSET $m` bound as parameters after `params` (never interpolated:
 * the values come from the caller). Spread it into `pool.query(...)`.
 */
export function pagedQuery(sql: string, params: readonly unknown[], w: PageWindow): [string, unknown[]] {
  return [`${sql} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, w.limit, w.offset]];
}

export function pageBody<T>(reply: FastifyReply, request: FastifyRequest, w: PageWindow, items: T[], total: number) {
  const url = new URL(request.url, 'http://x');
  const link = (page: number, rel: string) => {
    url.searchParams.set('page', String(page));
    url.searchParams.set('pageSize', String(w.pageSize));
    return `<${url.pathname}${url.search}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (w.offset + items.length < total) links.push(link(w.page + 1, 'next'));
  if (w.page > 1) links.push(link(w.page - 1, 'prev'));
  if (links.length) reply.header('Link', links.join(', '));
  return { items, page: w.page, pageSize: w.pageSize, total };
}
