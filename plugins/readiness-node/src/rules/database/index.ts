import { ReadinessRule } from '../types';
import destructiveSchemaScript from './destructive-schema-script';
import noIndexes from './no-indexes';
import noMigrations from './no-migrations';

/** The built-in database rules. */
export const databaseRules: ReadinessRule[] = [destructiveSchemaScript, noMigrations, noIndexes];
