// The host search on the staff pages: the shared one, with the staff token and the staff pages' words.
import type { ComponentProps } from 'preact';
import { HostSearch as SharedHostSearch } from '../ui/HostSearch.tsx';
import { searchHosts } from './calls.ts';
import { useT } from './i18n.ts';

type Props = Omit<ComponentProps<typeof SharedHostSearch>, 'search' | 'texts' | 'max'>;

export function HostSearch({ hint, ...props }: Props) {
  const t = useT();
  const texts = { change: t('change'), failed: t('hostSearchFailed'), noMatch: (q: string) => t('hostNoMatch', { q }), inactive: t('inactiveTag') };
  return <SharedHostSearch {...props} search={searchHosts} texts={texts} hint={hint ?? t('hostSearchHint')} />;
}
