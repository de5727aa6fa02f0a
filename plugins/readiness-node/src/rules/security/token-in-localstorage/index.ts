import { Finding } from '@readiness/backstage-plugin-readiness-common';
import { SourceFile } from '../../../engine/snapshot';
import { extname, isTestFile, languageOf, lineOf, matchAll } from '../../../facts';
import { defineRule, outcome } from '../../types';
import { findingAt, isCodeAtOffset, isCommentLine, isGeneratedText } from '../shared';

/** Words that make a storage key or stored value an auth credential. */
const TOKENISH =
  /token|jwt|bearer|credential|session[_-]?id|sessionid|sid\b|api[_-]?key|apikey|\bauth(?!or)|Auth(?!or)|access[_-]?key|secret/i;
/** Keys that mention auth but hold no credential: flags, expiry times, redirect targets, PKCE state. */
const NOT_A_CREDENTIAL =
  /expir|expires|\bexp\b|ttl|redirect|return[_-]?(url|to|path)|callback[_-]?url|\bstate\b|nonce|verifier|provider|method|\btype\b|\bmode\b|theme|author|is[_-]?auth|isLoggedIn|is[_-]?logged|logged[_-]?in|authenticated|timestamp|last[_-]?|count|attempt|remember[_-]?me|username|email|locale|lang/i;

const SET_ITEM =
  /\b(?:window\.|globalThis\.|self\.)?localStorage\s*\.\s*setItem\(\s*(?<key>(?:[^,()]|\([^()]*\))+?)\s*,\s*(?<value>(?:[^()\n]|\((?:[^()\n]|\([^()\n]*\))*\))*)\)/g;
const INDEX_ASSIGN = /\b(?:window\.|globalThis\.|self\.)?localStorage\s*\[\s*(?<key>[^\]]+)\]\s*=(?!=)\s*(?<value>[^;\n]*)/g;
const PROPERTY_ASSIGN = /\b(?:window\.|globalThis\.|self\.)?localStorage\s*\.\s*(?<key>(?!setItem|getItem|removeItem|clear|key|length)\w+)\s*=(?!=)\s*(?<value>[^;\n]*)/g;
const HOOK = /\b(?:useLocalStorage|useLocalStorageState|useStorage|createLocalStorage|makePersisted)\(\s*(?<key>['"`][^'"`]+['"`])\s*(?:,\s*(?<value>[^)\n]*))?/g;

function isCredential(key: string, value: string): boolean {
  const k = key.trim();
  if (NOT_A_CREDENTIAL.test(k) && !/(access|refresh|id|auth|bearer)[_-]?token|jwt/i.test(k)) return false;
  if (TOKENISH.test(k)) return true;
  // A neutral key ('user', 'session') whose stored value carries a token.
  return /(?:access|refresh|id|auth|bearer|jwt)[_-]?token|\btoken\b|\bjwt\b/i.test(value) && !/^(?:true|false|['"`](?:true|false)['"`])$/.test(value.trim());
}

function isBrowserCode(file: SourceFile): boolean {
  const ext = extname(file.path);
  if (ext === '.html' || ext === '.htm') return true;
  return ['javascript', 'typescript'].includes(languageOf(file.path) ?? '');
}

export default defineRule({
  id: 'security/token-in-localstorage',
  category: 'security',
  severity: 'high',
  title: 'Auth tokens are not kept in localStorage',
  description:
    'Fails when frontend code writes an auth, access, refresh or ID token, a JWT, a session id or an API key to `localStorage`: `localStorage.setItem("token", …)`, `localStorage.token = …`, `useLocalStorage("accessToken", …)`, or a persisted auth store (redux-persist, zustand `persist`) that uses localStorage.',
  rationale:
    'Anything in localStorage is readable by every script on the page. One XSS bug, or one compromised third-party script, is enough to copy the token and use it from anywhere until it expires; unlike an HttpOnly cookie, the browser offers no protection.',
  remediation:
    'Keep session credentials in `HttpOnly`, `Secure`, `SameSite` cookies set by the server (or a backend-for-frontend that holds the tokens). If a token must live in the browser, keep it in memory only, make it short-lived, and refresh it through an HttpOnly cookie.',
  evaluate(facts) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    let browserCode = facts.stack.frontends.length > 0;
    for (const file of facts.files) {
      if (!isBrowserCode(file) || isTestFile(file.path) || isGeneratedText(file)) continue;
      if (/\.(jsx|tsx|vue|svelte|html?)$/.test(file.path)) browserCode = true;
      const mentionsStorage = /localStorage|useLocalStorage|useStorage|makePersisted|redux-persist|persist\(/.test(file.text);
      if (!mentionsStorage) continue;
      browserCode = true;
      const add = (line: number, message: string) => {
        const key = `${file.path}:${line}`;
        if (seen.has(key) || isCommentLine(lineOf(file, line))) return;
        seen.add(key);
        findings.push(findingAt(file, line, message, lineOf(file, line)));
      };
      for (const pattern of [SET_ITEM, INDEX_ASSIGN, PROPERTY_ASSIGN, HOOK]) {
        for (const { line, match } of matchAll(file, pattern)) {
          const key = match.groups?.key ?? '';
          const value = match.groups?.value ?? '';
          // Writing an empty or null value clears the token (logout); it stores nothing.
          if (pattern !== HOOK && /^\s*(?:(['"`])\1|null|undefined)\s*$/.test(value)) continue;
          if (!isCredential(key, value) || !isCodeAtOffset(file, match.index)) continue;
          add(line, `A credential is written to localStorage (key ${key.trim().slice(0, 60)})`);
        }
      }
      // Persisted auth stores: redux-persist's default storage and zustand's persist middleware.
      if (/redux-persist\/lib\/storage['"]/.test(file.text)) {
        for (const { line, match } of matchAll(file, /\b(?:whitelist|key)\s*:\s*(?<list>\[[^\]]*\]|['"][^'"]*['"])/g)) {
          if (/['"][^'"]*(?:auth|token|session|jwt|credential)[^'"]*['"]/i.test(match.groups!.list)) {
            add(line, 'An auth store is persisted to localStorage by redux-persist');
          }
        }
      }
      if (/\bpersist\(/.test(file.text) && /zustand/.test(file.text) && !/sessionStorage/.test(file.text)) {
        for (const { line, match } of matchAll(file, /\bname\s*:\s*(?<name>['"][^'"]*['"])/g)) {
          if (/auth|token|session|jwt|credential/i.test(match.groups!.name)) {
            add(line, 'An auth store is persisted to localStorage by zustand');
          }
        }
      }
    }
    if (!browserCode) return outcome.notApplicable('no frontend code');
    return outcome.fromFindings(findings);
  },
});
