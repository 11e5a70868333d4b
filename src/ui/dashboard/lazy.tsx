/**
 * Views loaded when first shown: the ads table is what the dashboard must show fast (with a full
 * log, the first render has a budget of 300 ms), so the code of the other views (the popup's
 * explanation, charts, the import's validators, the site-name library) is fetched after it.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../common/i18n';

export type LazyView<P> = ComponentType<P> & { preload(): Promise<unknown> };

export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  const get = (): Promise<ComponentType<P>> => {
    pending ??= load().then((c) => (loaded = c));
    // A failed load may work on the next try (the extension was updated underneath the page).
    pending.catch(() => (pending = null));
    return pending;
  };
  function View(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | null>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (Loaded) return;
      let live = true;
      get().then(
        (c) => live && setLoaded(() => c),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
      return () => {
        live = false;
      };
    }, [Loaded]);
    if (error) {
      return (
        <p role="alert" class="notice">
          {t('dashErrorOpen', error)}
        </p>
      );
    }
    return Loaded ? <Loaded {...props} /> : <p role="status">{t('dashLoading')}</p>;
  }
  return Object.assign(View, { preload: get });
}
