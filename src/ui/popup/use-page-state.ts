/**
 * Loads what the popup shows (the tab's report and site status) and reloads it whenever the
 * background writes new state for that tab, so the popup stays live while the page changes.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { tabKey } from '../../core/tab-snapshot';
import type { PageReport } from '../../shared/page-report';
import type { TabInfo } from '../../shared/protocol';
import { askBackground } from '../../platform/messaging';
import { onStorageChange } from '../../platform/storage';
import { targetTabId } from '../common/tab';

export type PageState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; info: TabInfo; report: PageReport | null };

const REFRESH_DELAY_MS = 150;

export function usePageState(): { state: PageState; reload: () => void } {
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [tabId, setTabId] = useState<number | null>(null);

  const load = useCallback(async (id: number | null) => {
    if (id === null) {
      setState({ kind: 'error', message: 'no tab' });
      return;
    }
    const [info, report] = await Promise.all([askBackground('ui:getTabInfo', { tabId: id }), askBackground('ui:getReport', { tabId: id })]);
    if (!info.ok) setState({ kind: 'error', message: info.error });
    else if (!report.ok) setState({ kind: 'error', message: report.error });
    else setState({ kind: 'ready', info: info.data, report: report.data });
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let id: number | null = null;
    void targetTabId().then((found) => {
      id = found;
      setTabId(found);
      void load(found);
    });
    onStorageChange((area, keys) => {
      if (id === null) return;
      if ((area === 'session' && keys.includes(tabKey(id))) || area === 'local') {
        clearTimeout(timer);
        timer = setTimeout(() => void load(id), REFRESH_DELAY_MS);
      }
    });
    return () => clearTimeout(timer);
  }, [load]);

  return { state, reload: () => void load(tabId) };
}
