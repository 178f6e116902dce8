import type { Response } from 'express';
import { z } from 'zod';
import type { Runtime } from '../../app/create-runtime';
import { searchDocument } from '../../ui/reports/search-table';
import { toXlsx, XLSX_TYPE } from '../../ui/reports/xlsx-export';
import type { ApiRouter } from '../openapi/api-router';
import { problems } from '../schemas/common.schema';
import { OrderSearchQuery } from '../schemas/order-search.schema';
import { actorOf } from './tasks.routes';

const ExportQuery = OrderSearchQuery.omit({ page: true, pageSize: true });

async function sendXlsx(res: Response, doc: Awaited<ReturnType<typeof searchDocument>>): Promise<undefined> {
  res
    .status(200)
    .set('Content-Type', XLSX_TYPE)
    .set('Cache-Control', 'no-store')
    .set('Content-Disposition', `attachment; filename="${doc.fileName}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${doc.title}.xlsx`)}`)
    .send(await toXlsx(doc));
  return undefined;
}

/** 工单查询's export: the whole result of a search as an Excel workbook, for the centre. */
export function orderExportRoutes(api: ApiRouter, runtime: Runtime): void {
  api.add({
    method: 'get',
    path: '/api/orders.xlsx',
    tag: 'orders',
    summary:
      'Download the result of an order search (the filters of GET /api/orders, no paging) as .xlsx, up to 5,000 orders, requester masked and no citizen number in the titles; the centre only (403 EXPORT_NOT_ALLOWED)',
    query: ExportQuery,
    responses: { 200: { description: 'the workbook', schema: z.string().describe('binary .xlsx'), contentType: XLSX_TYPE }, ...problems(400, 401, 403) },
    handler: async ({ auth, query, res }) => {
      const actor = actorOf(auth);
      const result = await runtime.orderServices.searchForExport(actor, query);
      return sendXlsx(res, searchDocument(runtime.catalog.policy(actor.city).policy, result, runtime.clock.now()));
    },
  });
}
