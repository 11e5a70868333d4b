/** What went wrong with an import file, in words, by the importer's error code. Pure, unit-tested. */
import type { ImportError, ImportErrorCode } from '../../core/log/import';
import type { MessageKey } from '../common/i18n';
import type { Translate } from '../popup/explain-text';
import { countWords } from './labels';

const ERROR_KEYS: Record<ImportErrorCode, [MessageKey, MessageKey]> = {
  empty: ['dashImportErrorEmpty', 'dashImportErrorEmpty'],
  'too-large': ['dashImportErrorTooLarge', 'dashImportErrorTooLarge'],
  format: ['dashImportErrorFormat', 'dashImportErrorFormatLine'],
  'invalid-record': ['dashImportErrorInvalid', 'dashImportErrorInvalidLine'],
  'too-many': ['dashImportErrorTooMany', 'dashImportErrorTooMany'],
};

/**
 * The sentence for an import error: what is wrong, on which line when known, and the importer's
 * own detail (English, technical) after it, so that a researcher can find the fault in the file.
 */
export function importErrorText(t: Translate, error: ImportError | { code: string; message: string; line?: number }): string {
  const keys = Object.prototype.hasOwnProperty.call(ERROR_KEYS, error.code) ? ERROR_KEYS[error.code as ImportErrorCode] : null;
  const sentence = !keys ? t('dashImportErrorOther') : error.line !== undefined ? t(keys[1], error.line) : t(keys[0]);
  return error.message ? t('dashImportErrorDetail', sentence, error.message) : sentence;
}

export function importDoneText(t: Translate, added: number, skipped: number, duplicates: number, language: string): string {
  const main = t('dashImportDone', countWords(t, 'records', added, language), countWords(t, 'records', skipped, language));
  return duplicates > 0 ? `${main} ${t('dashImportDuplicates', countWords(t, 'records', duplicates, language))}` : main;
}
