import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { errorHandler } from '../src/api/error-handler';
import { silentLogger } from '../src/shared/logger';
import { diagramViewerRoutes, folderDiagramSource } from '../src/ui/diagram-viewer/diagram-viewer.routes';

/** Serves the diagram viewer over the files of `processes/` on a free local port. */
export async function startDiagramServer(dir = 'processes'): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(diagramViewerRoutes(folderDiagramSource(dir)));
  app.use(errorHandler(silentLogger()));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
