import { isTranslationPath } from './codeSearch';

describe('translation catalogues', () => {
  it.each([
    ['locales/ja_JP/translation.json', true],
    ['UI/Web/src/assets/langs/es.json', true],
    ['app/languages/de.yml', true],
    ['sm-shop/src/main/resources/bundles/payment_fr.properties', true],
    ['src/main/resources/messages_pt_BR.properties', true],
    ['src/main/resources/application.properties', false],
    ['src/main/resources/application_qa.properties', false],
    ['src/main/resources/database_db.properties', false],
    ['src/config/language.ts', false],
    ['src/settings/secrets.json', false],
  ])('%s → %s', (path, expected) => {
    expect(isTranslationPath(path)).toBe(expected);
  });
});
