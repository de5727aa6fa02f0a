import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { EntitySummary } from '../database/ReadinessStore';

/**
 * The databases the tests run on. PostgreSQL runs when
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set; containers are
 * never started from here. Call it at the top of a test file.
 */
export function testDatabases(
  ids: Array<'SQLITE_3' | 'POSTGRES_15'> = ['SQLITE_3', 'POSTGRES_15'],
): TestDatabases {
  return TestDatabases.create({ ids, disableDocker: true });
}

/** A fresh database of the given kind with the store migrated onto it. */
export async function testStore(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
): Promise<{ knex: Knex; store: DatabaseReadinessStore }> {
  const knex = await databases.init(databaseId);
  const store = await DatabaseReadinessStore.create({
    database: mockServices.database({ knex }),
  });
  return { knex, store };
}

/** A catalog component as the store records it; `extra` overrides any field. */
export function entitySummary(
  name: string,
  extra: Partial<EntitySummary> = {},
): EntitySummary {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    namespace: 'default',
    name,
    owner: 'group:default/team-a',
    lifecycle: 'production',
    ...extra,
  };
}

/** The store tests' clock starts here. */
export const T0 = new Date('2025-03-01T10:00:00.000Z');

/** `minutes` after T0. */
export const at = (minutes: number) =>
  new Date(T0.getTime() + minutes * 60_000);
