import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../../config/paths';

export const designerDist = path.join(projectRoot, 'designer', 'dist');

/** Paths that belong to the API; every other GET for an HTML page gets the designer's index.html. */
const apiPrefixes = ['/api/', '/v1/', '/webhooks/', '/docs', '/health', '/ready'];

export function wantsDesignerPage(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !apiPrefixes.some((prefix) => request.url.startsWith(prefix)) &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

/** Serves the built designer (designer/dist) with client-side routing. */
export const designer = fp(async function designer(app: FastifyInstance, options: { root?: string }) {
  const root = options.root ?? designerDist;
  const built = existsSync(path.join(root, 'index.html'));
  if (built) await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: 'index.html' });
  app.decorate('designerBuilt', built);
  app.decorateReply('sendDesignerPage', function (this: FastifyReply) {
    return this.type('text/html').sendFile('index.html', root);
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    designerBuilt: boolean;
  }
  interface FastifyReply {
    sendDesignerPage(): FastifyReply;
  }
}
