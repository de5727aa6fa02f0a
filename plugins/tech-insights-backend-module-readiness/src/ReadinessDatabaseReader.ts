import { DatabaseService } from '@backstage/backend-plugin-api';
import { ForwardedError } from '@backstage/errors';
import {
  DatabaseReadinessStore,
  StoredScorecard,
} from '@readiness/backstage-plugin-readiness-backend';
import { ReadinessScorecardSource } from './ReadinessFactRetriever';

/**
 * Reads scorecards from the readiness plugin's own database, opened on the
 * first read. It never migrates: the readiness plugin owns its tables.
 * @public
 */
export class ReadinessDatabaseReader implements ReadinessScorecardSource {
  readonly #database: DatabaseService;
  #store?: Promise<DatabaseReadinessStore>;

  static create(options: { database: DatabaseService }) {
    return new ReadinessDatabaseReader(options.database);
  }

  private constructor(database: DatabaseService) {
    this.#database = database;
  }

  async getScorecards(entityRefs: string[]): Promise<StoredScorecard[]> {
    try {
      this.#store ??= DatabaseReadinessStore.create({
        database: this.#database,
        skipMigrations: true,
      });
      return await (await this.#store).getScorecards(entityRefs);
    } catch (error) {
      this.#store = undefined;
      throw new ForwardedError(
        "Cannot read readiness scorecards from the readiness plugin's database. " +
          'The readiness backend must run in this backend on a database both plugins reach ' +
          '(PostgreSQL, or SQLite with a directory: in-memory SQLite is private to each plugin)',
        error,
      );
    }
  }
}
