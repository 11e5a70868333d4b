/**
 * The dashboard's one connection to the log (IndexedDB, the same database the background writes),
 * shared by its views, and a version number that goes up whenever the log changed under them
 * (an import, a delete, "refresh"), so each view reloads what it shows.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { LogDb } from '../../platform/log-db';

export interface LogHandle {
  db: LogDb;
  version: number;
  /** Tell every view that the log changed. */
  changed(): void;
}

export const LogContext = createContext<LogHandle | null>(null);

export function useLog(): LogHandle {
  const handle = useContext(LogContext);
  if (!handle) throw new Error('useLog outside the dashboard');
  return handle;
}
