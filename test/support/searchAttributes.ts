import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { journeySearchAttributes } from '../../domain/searchAttributes';

const { IndexedValueType } = temporal.api.enums.v1;
const types = { Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD, Int: IndexedValueType.INDEXED_VALUE_TYPE_INT } as const;

/** The time-skipping test server starts without our search attributes; the dev server gets them at start. */
export async function registerJourneySearchAttributes(connection: Connection, namespace = 'default'): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(journeySearchAttributes.map((attribute) => [attribute.name, types[attribute.type]])),
  });
}
